"""URLs for access on request (R66)."""

from django.urls import URLPattern, path

from ..views import requests as views

ONE = "records/access/<int:pk>/"

urlpatterns: list[URLPattern] = [
    path("records/access/", views.my_requests, name="my_requests"),
    path("records/access/ask/", views.ask, name="request_ask"),
    path(ONE, views.request_detail, name="request"),
    path(ONE + "download/<int:export_id>/", views.download, name="request_download"),
    path(ONE + "extend/", views.extend, name="request_extend"),
    path(ONE + "close/", views.close, name="request_close"),
    path(ONE + "prepare/", views.prepare, name="request_prepare"),
    path(ONE + "review/", views.review, name="request_review"),
    path(ONE + "release/", views.release, name="request_release"),
    path("records/access/items/<int:pk>/", views.decide, name="request_decide"),
    path("settings/<int:pk>/access-requests/", views.setting_requests, name="access_requests"),
    path("settings/<int:pk>/access-requests/record/", views.record, name="access_request_record"),
]
