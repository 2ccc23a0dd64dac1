"""URLs of the register (R42)."""

from django.urls import path

from ..views import register as views

urlpatterns = [
    path("settings/<int:pk>/today/", views.today, name="today"),
    path("settings/<int:pk>/today/door-code/", views.door_code_change, name="door_code_change"),
    path("rooms/<int:pk>/register/", views.register, name="register"),
    path("children/<int:pk>/arrive/", views.arrive, name="arrive"),
    path("children/<int:pk>/today/", views.child_day, name="child_day"),
    path("children/<int:pk>/today/arrived/", views.self_register, name="self_register"),
    path("children/<int:pk>/absence/", views.absence_report, name="absence"),
    path("children/<int:pk>/absence/<int:absence_id>/cancel/", views.absence_cancel, name="absence_cancel"),
]
