"""URLs of meetings and home visits (R33–R35)."""

from django.urls import URLPattern, path

from ..views import meetings as views

MEETING = "meetings/<int:pk>/"

urlpatterns: list[URLPattern] = [
    path("children/<int:pk>/meetings/", views.child_meetings, name="meetings_child"),
    path("children/<int:pk>/meetings/new/", views.meeting_new, name="meeting_new"),
    path("children/<int:pk>/meetings/request/", views.meeting_request, name="meeting_request"),
    path(MEETING, views.meeting_detail, name="meeting"),
    path(MEETING + "answer/", views.meeting_answer, name="meeting_answer"),
    path(MEETING + "book/", views.meeting_pick, name="meeting_pick"),
    path(MEETING + "another-time/", views.meeting_another_time, name="meeting_another_time"),
    path(MEETING + "reply/", views.meeting_reply, name="meeting_reply"),
    path(MEETING + "fix/", views.meeting_fix, name="meeting_fix"),
    path(MEETING + "arrange/", views.meeting_arrange, name="meeting_arrange"),
    path(MEETING + "decline/", views.meeting_decline, name="meeting_decline"),
    path(MEETING + "change/", views.meeting_edit, name="meeting_edit"),
    path(MEETING + "cancel/", views.meeting_cancel, name="meeting_cancel"),
    path(MEETING + "notes/", views.meeting_notes, name="meeting_notes"),
    path("settings/<int:pk>/meetings/", views.overview, name="meetings_overview"),
    path("settings/<int:pk>/meetings/parents-evening/", views.round_new, name="meeting_round_new"),
    path("meeting-rounds/<int:pk>/", views.round_detail, name="meeting_round"),
]
