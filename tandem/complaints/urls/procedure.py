"""URLs of the complaints procedure (R59, R60) and of a setting's deadlines (R64)."""

from django.urls import URLPattern, path

from ..views import procedure as views

urlpatterns: list[URLPattern] = [
    path("settings/<int:pk>/complaints/procedure/", views.procedure, name="procedure"),
    path("settings/<int:pk>/complaints/deadlines/", views.deadlines, name="deadlines"),
    path("organisations/<int:pk>/complaints/procedure/", views.procedure_settings, name="procedure_settings"),
]
