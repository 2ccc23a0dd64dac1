"""URLs of consultations on changes (R39)."""

from django.urls import URLPattern, path

from ..views import consultations as views

ONE = "consultations/<int:pk>/"

urlpatterns: list[URLPattern] = [
    path("settings/<int:pk>/consultations/", views.consultations, name="consultations"),
    path("settings/<int:pk>/consultations/new/", views.new, name="consultation_new"),
    path(ONE, views.consultation, name="consultation"),
    path(ONE + "edit/", views.edit, name="consultation_edit"),
    path(ONE + "publish/", views.publish, name="consultation_publish"),
    path(ONE + "close/", views.close, name="consultation_close"),
    path(ONE + "decide/", views.decide, name="consultation_decide"),
    path(ONE + "responses/", views.responses, name="consultation_responses"),
]
