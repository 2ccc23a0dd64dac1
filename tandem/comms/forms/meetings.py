"""Forms of meetings and home visits (R33–R35)."""

from __future__ import annotations

from typing import Any

from django import forms

from tandem.core.forms import DateInput
from tandem.core.models import Room, Setting

from ..models.meetings import Meeting, MeetingOption
from ..selectors.meetings import attending_choices
from ..services.meetings import HOME_VISIT_STAFF, MAX_TIMES, REQUESTABLE, when_text
from . import BoundedChoices

TIME_FIELDS = [f"time_{n}" for n in range(1, MAX_TIMES + 1)]
SHOWN_TIMES = 4  # time fields shown; the rest are behind "more times"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class StaffField(BoundedChoices):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.email


class DetailsForm(forms.Form):
    """What staff say about a meeting: kind, title, length, venue and access, interpreter, staff."""

    kind = forms.ChoiceField(label="Kind of meeting", choices=Meeting.Kind.choices, widget=forms.RadioSelect)
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="What the family will see, for example: Isla's progress this term.",
        error_messages={"required": "Give the meeting a title."},
    )
    duration_minutes = forms.IntegerField(
        label="Length in minutes", min_value=5, max_value=240, initial=20, widget=forms.NumberInput(attrs={"step": 5})
    )
    venue = forms.CharField(
        label="Where",
        max_length=300,
        required=False,
        help_text="For example: the quiet room. For a home visit: the family's home.",
    )
    venue_access_notes = forms.CharField(
        label="Access and comfort",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Step-free access, parking, a quiet room, a room for a buggy: what the family should know.",
    )
    interpreter_needed = forms.BooleanField(label="An interpreter is needed", required=False)
    interpreter_language = forms.CharField(
        label="Interpreter's language", max_length=60, required=False, help_text="Filled in from the family's records."
    )
    staff = StaffField(
        label="Staff attending",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=f"{HOME_VISIT_STAFF}",
    )

    def __init__(self, *args: Any, setting: Setting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = attending_choices(setting)  # type: ignore[attr-defined]


class ArrangeForm(DetailsForm):
    mode = forms.ChoiceField(
        label="How to find a time",
        choices=Meeting.Mode.choices,
        widget=forms.RadioSelect,
        initial=Meeting.Mode.ASK,
        help_text="Asking lets the family say which times suit them, and add others; you then fix one.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n, name in enumerate(TIME_FIELDS, start=1):
            self.fields[name] = forms.DateTimeField(
                label=f"Time {n}", required=False, widget=DateTimeInput(), input_formats=["%Y-%m-%dT%H:%M"]
            )

    def shown_times(self) -> list[Any]:
        return [self[name] for name in TIME_FIELDS[:SHOWN_TIMES]]

    def more_times(self) -> list[Any]:
        return [self[name] for name in TIME_FIELDS[SHOWN_TIMES:]]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["times"] = [data.get(name) for name in TIME_FIELDS if data.get(name)]
        return data


class ChangeForm(DetailsForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["kind"]


class OptionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return when_text(obj.starts_at)


class FixForm(forms.Form):
    """Staff fix the time: one of the options, or another time."""

    option = OptionChoiceField(
        label="Fix the meeting at", queryset=MeetingOption.objects.none(), required=False, widget=forms.RadioSelect
    )
    starts_at = forms.DateTimeField(
        label="Or another time",
        required=False,
        widget=DateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M"],
        help_text="For example a time the family suggested.",
    )

    seen = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args: Any, options: list[MeetingOption], allow_other: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["option"].queryset = MeetingOption.objects.filter(pk__in=[o.pk for o in options])  # type: ignore[attr-defined]
        if not allow_other:
            del self.fields["starts_at"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("option") and not data.get("starts_at"):
            raise forms.ValidationError("Choose one of the times, or give another time.")
        if data.get("option") and data.get("starts_at"):
            raise forms.ValidationError("Choose one of the times or give another time, not both.")
        return data


class AnswerForm(forms.Form):
    """A family member: which of the times suit, and other times that would."""

    suits = BoundedChoices(
        label="Which of these times suit you?",
        queryset=MeetingOption.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick every time you could come. The others we take as not suiting you.",
    )
    note = forms.CharField(
        label="Other times that suit you",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: Tuesday or Thursday after 3pm; not Mondays.",
    )

    def __init__(self, *args: Any, options: list[MeetingOption], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["suits"]
        field.queryset = MeetingOption.objects.filter(pk__in=[o.pk for o in options])  # type: ignore[attr-defined]
        field.label_from_instance = lambda o: when_text(o.starts_at)  # type: ignore[attr-defined]


class PickForm(forms.Form):
    option = OptionChoiceField(
        label="Choose a time",
        queryset=MeetingOption.objects.none(),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a time.", "invalid_choice": "That time is no longer free: choose another."},
    )

    def __init__(self, *args: Any, options: list[MeetingOption], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["option"].queryset = MeetingOption.objects.filter(pk__in=[o.pk for o in options])  # type: ignore[attr-defined]


class AnotherTimeForm(forms.Form):
    note = forms.CharField(
        label="Times that would suit you",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: any weekday after 3pm, or Saturday morning.",
        error_messages={"required": "Tell us the days and times that would suit you."},
    )


class RequestForm(forms.Form):
    kind = forms.ChoiceField(
        label="What would you like?",
        choices=[(k.value, k.label) for k in REQUESTABLE],
        widget=forms.RadioSelect,
        initial=Meeting.Kind.KEY_PERSON,
        error_messages={"required": "Choose a meeting with the key person or a home visit."},
    )
    reason = forms.CharField(
        label="What would you like to talk about?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Tell us what you would like to talk about."},
    )
    times = forms.CharField(
        label="Days and times that suit you",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: Tuesday or Thursday after 3pm; not Mondays.",
        error_messages={"required": "Tell us the days and times that suit you."},
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Why",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The family will read this.",
        error_messages={"required": "Say why, so the family understand."},
    )


class NotesForm(forms.Form):
    notes = forms.CharField(
        label="What was discussed and agreed, and the next steps",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Write it for the family to read: plain words, no abbreviations.",
        error_messages={"required": "Write what was discussed and agreed, and the next steps."},
    )
    share = forms.BooleanField(label="Share these notes with the family now", required=False)


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label="Your reply",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Anything to add or correct: the key person will read it.",
        error_messages={"required": "Write your reply."},
    )


class RoundForm(forms.Form):
    room = forms.ModelChoiceField(label="Room", queryset=Room.objects.none(), empty_label=None)
    title = forms.CharField(label="Title", max_length=200, initial="Parents' evening")
    date = forms.DateField(label="Day", widget=DateInput())
    start_time = forms.TimeField(
        label="First slot starts at", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    slot_minutes = forms.IntegerField(label="Length of each slot in minutes", min_value=5, max_value=120, initial=15)
    slot_count = forms.IntegerField(
        label="Number of slots",
        min_value=1,
        max_value=60,
        help_text="At least one for each child in the room. Slots run back to back.",
    )
    venue = forms.CharField(label="Where", max_length=300, required=False)
    venue_access_notes = forms.CharField(
        label="Access and comfort",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Step-free access, parking, a quiet room, somewhere for younger children.",
    )

    def __init__(self, *args: Any, setting: Setting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = Room.objects.filter(setting=setting).order_by("name")  # type: ignore[attr-defined]
