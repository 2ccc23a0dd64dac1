"""URL of the staff's journal page."""

from django.urls import path

from ..views import hub as views

urlpatterns = [
    path("settings/<int:pk>/journal/", views.hub, name="hub"),
]
