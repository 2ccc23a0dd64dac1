"""URLs of the notification centre: the person's own, so no ids but the notification's."""

from django.urls import URLPattern, path

from ..views import notifications as views

urlpatterns: list[URLPattern] = [
    path("notifications/", views.centre, name="notifications"),
    path("notifications/settings/", views.preferences, name="notification_preferences"),
    path("notifications/<int:pk>/open/", views.open_notification, name="notification_open"),
]
