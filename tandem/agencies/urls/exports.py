"""URLs for printing or exporting a child's record, and the log of exports and prints (R51)."""

from django.urls import URLPattern, path

from ..views import exports as views

CHILD = "children/<int:pk>/agencies/export/"

urlpatterns: list[URLPattern] = [
    path(CHILD, views.export_child, name="export_child"),
    path(CHILD + "status/", views.export_status, name="export_status"),
    path(CHILD + "<int:export_id>/download/", views.export_download, name="export_download"),
    path("settings/<int:pk>/agencies/exports/", views.exports_log, name="exports_log"),
]
