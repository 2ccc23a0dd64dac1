"""URLs of the Ofsted complaints record, exports, documentation, reviews of practice and retention."""

from django.urls import URLPattern, path

from ..views import record as views

RECORD = "settings/<int:pk>/complaints/record/"
DOCS = "complaints/<int:pk>/documentation/"

urlpatterns: list[URLPattern] = [
    path("complaints/record/", views.record_home, name="record_home"),
    path(RECORD, views.record, name="record"),
    path(RECORD + "export/", views.record_export, name="record_export"),
    path(RECORD + "pdf/status/", views.record_pdf_status, name="record_pdf_status"),
    path(RECORD + "pdf/<int:export_id>/", views.record_pdf_download, name="record_pdf_download"),
    path("settings/<int:pk>/complaints/retention/", views.retention, name="retention"),
    path("complaints/<int:pk>/record/", views.classify, name="record_classify"),
    path(DOCS, views.documentation, name="documentation"),
    path(DOCS + "status/", views.documentation_status, name="documentation_status"),
    path(DOCS + "<int:export_id>/", views.documentation_download, name="documentation_download"),
    path("complaints/reviews/", views.reviews, name="reviews"),
    path("complaints/reviews/<int:pk>/", views.review, name="review"),
]
