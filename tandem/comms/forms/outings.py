"""Forms of outings (R29)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from tandem.core.forms import DateInput
from tandem.core.models import Room
from tandem.people.models import Child

from ..models.outings import Outing
from . import BoundedChoices


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class ChildChoice(BoundedChoices):
    def label_from_instance(self, obj: Child) -> str:  # type: ignore[override]
        room = obj.room.name if obj.room else "no room"
        return f"{obj.display_name} ({room})"


class OutingForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For example: Visit to the library.",
        error_messages={"required": "Give the outing a short title."},
    )
    purpose = forms.CharField(
        label="Why we are going",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
        help_text="What the children will see, do and learn. Families read this.",
        error_messages={"required": "Say why you are going and what the children will get from it."},
    )
    place = forms.CharField(
        label="Where",
        max_length=300,
        help_text="The place and its address.",
        error_messages={"required": "Say where you are going."},
    )
    transport = forms.CharField(
        label="Getting there",
        max_length=200,
        help_text="For example: walking, minibus.",
        error_messages={"required": "Say how you will get there."},
    )
    starts_at = forms.DateTimeField(
        label="Leaves at",
        widget=DateTimeInput(),
        error_messages={"required": "Say when you leave.", "invalid": "Give a date and time."},
    )
    ends_at = forms.DateTimeField(
        label="Back by",
        widget=DateTimeInput(),
        error_messages={"required": "Say when you will be back.", "invalid": "Give a date and time."},
    )
    rooms = BoundedChoices(
        label="Rooms going",
        queryset=Room.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose rooms, children, or both. Every child in these rooms when it is announced is invited.",
    )
    children = ChildChoice(
        label="Children going (besides the rooms)",
        queryset=Child.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consent_mode = forms.ChoiceField(
        label="Consent",
        choices=Outing.ConsentMode.choices,
        initial=Outing.ConsentMode.EACH,
        widget=forms.RadioSelect,
        help_text="A local outing (a walk to the park) can rely on the consent to local outings families gave "
        "when their child joined. Anything further, or by vehicle, needs consent for this outing.",
    )
    reply_by = forms.DateField(label="Please answer by", required=False, widget=DateInput())
    risk_assessment = forms.CharField(
        label="Risk assessment (staff only)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Hazards and how they are managed, ratios, who carries the first aid kit and medicines. "
        "Families never see this.",
    )

    def __init__(
        self,
        *args: Any,
        rooms: QuerySet[Room],
        children: QuerySet[Child],
        announced: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if announced:
            # The children invited were fixed when it was announced.
            for name in ("rooms", "children", "consent_mode"):
                del self.fields[name]
            return
        self.fields["rooms"].queryset = rooms  # type: ignore[attr-defined]
        self.fields["children"].queryset = children  # type: ignore[attr-defined]


def initial_of(outing: Outing) -> dict[str, Any]:
    from django.utils import timezone

    return {
        "title": outing.title,
        "purpose": outing.purpose,
        "place": outing.place,
        "transport": outing.transport,
        "starts_at": timezone.localtime(outing.starts_at),
        "ends_at": timezone.localtime(outing.ends_at),
        "rooms": list(outing.rooms.all()),
        "children": list(outing.children.all()),
        "consent_mode": outing.consent_mode,
        "reply_by": outing.reply_by,
        "risk_assessment": outing.risk_assessment,
    }


class ConsentForm(forms.Form):
    answer = forms.ChoiceField(
        label="Your answer",
        choices=[("yes", "Yes, they may go"), ("no", "No, they may not go")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes or no."},
    )
    note = forms.CharField(
        label="Anything the staff should know",
        required=False,
        max_length=300,
        help_text="For example: please bring her inhaler, or she gets travel sick.",
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label="Why is it cancelled?",
        max_length=300,
        help_text="Families read this. For example: the library is closed for repairs.",
        error_messages={"required": "Say why the outing is cancelled: the families will read it."},
    )
