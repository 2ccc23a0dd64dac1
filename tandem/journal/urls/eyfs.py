"""URLs of the journal settings."""

from django.urls import path

from ..views import eyfs as views

urlpatterns = [
    path("settings/<int:pk>/journal/settings/", views.journal_settings, name="settings"),
]
