"""URLs of the setting's schools (R54)."""

from django.urls import URLPattern, path

from ..views import schools as views

SCHOOL = "schools/<int:pk>/"

urlpatterns: list[URLPattern] = [
    path("settings/<int:pk>/schools/", views.schools, name="schools"),
    path("settings/<int:pk>/schools/new/", views.school_add, name="school_add"),
    path(SCHOOL, views.school, name="school"),
    path(SCHOOL + "contacts/new/", views.contact_add, name="school_contact_add"),
    path(SCHOOL + "activities/new/", views.activity_add, name="school_activity_add"),
    path("school-activities/<int:pk>/", views.activity_edit, name="school_activity"),
    path("school-activities/<int:pk>/delete/", views.activity_delete, name="school_activity_delete"),
]
