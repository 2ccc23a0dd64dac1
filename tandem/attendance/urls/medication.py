"""URLs of medication (R9)."""

from django.urls import URLPattern, path

from ..views import medication as views

MEDICINE = "children/<int:pk>/medicines/<int:medicine_id>/"

urlpatterns: list[URLPattern] = [
    path("children/<int:pk>/medicines/", views.medicines, name="medicines"),
    path("children/<int:pk>/medicines/add/", views.authorise, name="medicine_add"),
    path(MEDICINE + "dose/", views.give_dose, name="medicine_dose"),
    path(MEDICINE + "received/", views.receive, name="medicine_received"),
    path(MEDICINE + "stop/", views.stop, name="medicine_stop"),
    path("children/<int:pk>/medicines/doses/<int:dose_id>/seen/", views.acknowledge, name="dose_acknowledge"),
    path("settings/<int:pk>/medicines/today/", views.today, name="medicines_today"),
]
