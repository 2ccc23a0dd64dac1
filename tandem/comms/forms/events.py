"""Forms of events and diary dates (R30)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from tandem.core.models import Room

from ..models.events import Event, EventReply
from . import BoundedChoices
from .outings import DateTimeInput


class EventForm(forms.Form):
    kind = forms.ChoiceField(label="Kind of event", choices=Event.Kind.choices, initial=Event.Kind.DIARY)
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For example: Closed for staff training.",
        error_messages={"required": "Give the event a title."},
    )
    description = forms.CharField(
        label="What it is about",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    starts_at = forms.DateTimeField(
        label="Starts",
        widget=DateTimeInput(),
        error_messages={"required": "Say when it starts.", "invalid": "Give a date and time."},
    )
    ends_at = forms.DateTimeField(label="Ends", required=False, widget=DateTimeInput())
    all_day = forms.BooleanField(
        label="All day (the times are left out)", required=False, help_text="For a closure day or a term date."
    )
    place = forms.CharField(label="Where", required=False, max_length=300)
    access_notes = forms.CharField(
        label="Access",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Step-free access, parking, toilets, hearing loop, an interpreter on request.",
    )
    audience = forms.ChoiceField(
        label="Who it is for", choices=Event.Audience.choices, initial=Event.Audience.SETTING, widget=forms.RadioSelect
    )
    rooms = BoundedChoices(
        label="Rooms (when it is for chosen rooms)",
        queryset=Room.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    replies_wanted = forms.BooleanField(label="Ask families to reply (going, maybe, not going)", required=False)
    capacity = forms.IntegerField(
        label="Places",
        required=False,
        min_value=1,
        max_value=10000,
        help_text="Counted in adults. Leave empty for no limit.",
    )

    def __init__(self, *args: Any, rooms: QuerySet[Room], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rooms"].queryset = rooms  # type: ignore[attr-defined]


def initial_of(event: Event) -> dict[str, Any]:
    return {
        "kind": event.kind,
        "title": event.title,
        "description": event.description,
        "starts_at": timezone.localtime(event.starts_at),
        "ends_at": timezone.localtime(event.ends_at) if event.ends_at else None,
        "all_day": event.all_day,
        "place": event.place,
        "access_notes": event.access_notes,
        "audience": event.audience,
        "rooms": list(event.rooms.all()),
        "replies_wanted": event.replies_wanted,
        "capacity": event.capacity,
    }


class ReplyForm(forms.Form):
    answer = forms.ChoiceField(
        label="Are you coming?",
        choices=EventReply.Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose going, maybe or not going."},
    )
    adults = forms.IntegerField(
        label="Adults coming",
        min_value=0,
        max_value=20,
        initial=1,
        error_messages={"required": "Say how many adults are coming (0 if none)."},
    )
    children = forms.IntegerField(
        label="Children coming",
        min_value=0,
        max_value=20,
        initial=0,
        error_messages={"required": "Say how many children are coming (0 if none)."},
    )
    note = forms.CharField(
        label="Anything we should know",
        required=False,
        max_length=300,
        help_text="For example: step-free access, an interpreter (which language), a buggy.",
    )
