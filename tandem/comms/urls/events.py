"""URLs of events and diary dates (R30) and the calendar feed."""

from django.urls import URLPattern, path

from ..views import events as views

urlpatterns: list[URLPattern] = [
    path("settings/<int:pk>/events/", views.events, name="events"),
    path("settings/<int:pk>/events/new/", views.new_event, name="event_new"),
    path("events/<int:pk>/", views.event, name="event"),
    path("events/<int:pk>/reply/", views.reply, name="event_reply"),
    path("events/<int:pk>/event.ics", views.event_ics, name="event_ics"),
    path("events/<int:pk>/edit/", views.edit_event, name="event_edit"),
    path("events/<int:pk>/publish/", views.publish, name="event_publish"),
    path("events/<int:pk>/cancel/", views.cancel, name="event_cancel"),
    path("events/<int:pk>/replies/", views.replies, name="event_replies"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/<str:token>.ics", views.feed, name="calendar_feed"),
]
