"""URLs for the family's page "Who has seen this record" (R65)."""

from django.urls import URLPattern, path

from ..views import viewers as views

urlpatterns: list[URLPattern] = [
    path("children/<int:pk>/who-has-seen/", views.viewers, name="viewers"),
]
