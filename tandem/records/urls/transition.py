"""URLs of a child's move to school (R55)."""

from django.urls import URLPattern, path

from ..views import transition as views

TRANSITION = "transitions/<int:pk>/"
FAMILY = "children/<int:pk>/starting-school/"

urlpatterns: list[URLPattern] = [
    path("settings/<int:pk>/transitions/", views.transitions, name="transitions"),
    path("children/<int:pk>/transition/", views.child_transition, name="child_transition"),
    path(TRANSITION, views.transition, name="transition"),
    path(TRANSITION + "edit/", views.transition_edit, name="transition_edit"),
    path(TRANSITION + "report/write/", views.report_write, name="transition_report_write"),
    path(TRANSITION + "report/", views.report_edit, name="transition_report"),
    path(TRANSITION + "report/send/", views.report_send, name="transition_report_send"),
    path(TRANSITION + "requests/<int:feedback_id>/answered/", views.feedback_answered, name="transition_feedback"),
    path(TRANSITION + "meetings/new/", views.meeting_add, name="transition_meeting_add"),
    path(TRANSITION + "meetings/<int:meeting_id>/", views.meeting_edit, name="transition_meeting"),
    path(TRANSITION + "meetings/<int:meeting_id>/delete/", views.meeting_delete, name="transition_meeting_delete"),
    # the family
    path(FAMILY, views.starting_school, name="starting_school"),
    path(FAMILY + "words/", views.family_words, name="starting_school_words"),
    path(FAMILY + "change/", views.family_change, name="starting_school_change"),
    path(FAMILY + "agree/", views.family_agree, name="starting_school_agree"),
]
