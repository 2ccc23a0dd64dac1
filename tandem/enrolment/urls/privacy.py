"""URLs of privacy."""

from django.urls import path

from ..views import privacy as views

urlpatterns = [
    path("settings/<int:pk>/privacy/", views.privacy_notice, name="privacy_notice"),
    path("settings/<int:pk>/privacy/read/", views.privacy_acknowledge, name="privacy_acknowledge"),
    path("settings/<int:pk>/privacy/publish/", views.privacy_publish, name="privacy_publish"),
    path("settings/<int:pk>/privacy/not-read/", views.privacy_outstanding, name="privacy_outstanding"),
    path("children/<int:pk>/privacy/", views.child_privacy, name="child_privacy"),
]
