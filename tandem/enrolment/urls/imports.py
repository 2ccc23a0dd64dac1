"""URLs of imports."""

from django.urls import path

from ..views import imports as views

urlpatterns = [
    path("settings/<int:pk>/import/", views.upload, name="import_upload"),
    path("settings/<int:pk>/import/template.csv", views.template, name="import_template"),
    path("settings/<int:pk>/import/<int:batch_id>/", views.preview, name="import_preview"),
]
