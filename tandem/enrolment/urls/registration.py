"""URLs of registration (R7) and session changes (R13)."""

from django.urls import path

from ..views import registration as views

urlpatterns = [
    path("children/<int:pk>/registration/", views.registration_detail, name="registration"),
    path("children/<int:pk>/registration/edit/", views.registration_edit, name="registration_edit"),
    path("children/<int:pk>/registration/review/", views.registration_review, name="registration_review"),
    path("children/<int:pk>/sessions/", views.sessions, name="sessions"),
    path("children/<int:pk>/sessions/change/", views.session_request, name="session_request"),
    path("children/<int:pk>/sessions/<int:change_id>/decide/", views.session_decide, name="session_decide"),
    path("settings/<int:pk>/registrations/", views.setting_registrations, name="registrations"),
]
