"""URLs of changes (R2) and revision history."""

from django.urls import path

from ..views import changes as views

urlpatterns: list = [
    path("children/<int:pk>/changes/", views.change_home, name="change_home"),
    path("children/<int:pk>/changes/my-details/", views.change_own, name="change_own"),
    path("children/<int:pk>/changes/circumstances/", views.change_circumstances, name="change_circumstances"),
    path("children/<int:pk>/history/", views.child_history, name="child_history"),
    path("families/<int:pk>/history/", views.adult_history, name="adult_history"),
    path("settings/<int:pk>/change-requests/", views.change_queue, name="change_queue"),
    path("settings/<int:pk>/change-requests/<int:request_id>/", views.change_decide, name="change_decide"),
]
