"""URLs of the agency track (R62, R53)."""

from django.urls import URLPattern, path

from ..views import agency as views

LIST = "settings/<int:pk>/complaints/agency/"
ONE = "complaints/agency/<int:pk>/"

urlpatterns: list[URLPattern] = [
    path(LIST, views.complaints, name="agency_complaints"),
    path(LIST + "new/", views.record, name="agency_record"),
    path(ONE, views.complaint, name="agency_complaint"),
    path(ONE + "letters/<int:letter_id>/", views.letter, name="agency_letter"),
    path(ONE + "acknowledge/", views.acknowledge, name="agency_acknowledge"),
    path(ONE + "acknowledgements/<int:step_id>/", views.acknowledgement, name="agency_acknowledgement"),
    path(ONE + "meeting/", views.meeting, name="agency_meeting"),
    path(ONE + "report/", views.report, name="agency_report"),
    path(ONE + "line-manager/", views.line_manager, name="agency_line_manager"),
    path(ONE + "appeal/", views.appeal, name="agency_appeal"),
    path(ONE + "close/", views.close, name="agency_close"),
]
