"""Forms of medication (R9)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from tandem.core.models import User


class AuthoriseForm(forms.Form):
    name = forms.CharField(label="Name of the medicine", max_length=200, help_text="As on the label.")
    reason = forms.CharField(label="What it is for", max_length=300, required=False)
    dose = forms.CharField(label="Dose", max_length=100, help_text="For example: 5 ml.")
    times = forms.CharField(
        label="When to give it", max_length=200, help_text="For example: 12:00, or when needed for a temperature."
    )
    start_date = forms.DateField(label="First day", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    end_date = forms.DateField(label="Last day", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    last_dose_at_home = forms.DateTimeField(
        label="When did they last have it?",
        help_text="The date and time of the last dose at home.",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        error_messages={"required": "Tell us when your child last had this medicine."},
    )
    instructions = forms.CharField(
        label="Instructions",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="How to store it, side effects to watch for, anything else staff should know.",
    )
    typed_name = forms.CharField(
        label="Type your full name to sign",
        max_length=200,
        help_text="By signing you authorise the setting to give this medicine as written above.",
        error_messages={"required": "Type your full name to sign."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["start_date"].initial = today
        self.fields["end_date"].initial = today

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The last day must be on or after the first day.")
        return data


def _staff_label(user: User) -> str:
    return user.get_full_name() or user.email


class DoseForm(forms.Form):
    given_at = forms.TimeField(
        label="Time given",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": "Write the time the dose was given."},
    )
    amount = forms.CharField(label="Amount given", max_length=100)
    witness = forms.ModelChoiceField(
        label="Witnessed by",
        queryset=User.objects.none(),
        empty_label="Choose a member of staff",
        help_text="Another member of staff who saw the dose given.",
        error_messages={"required": "Choose the member of staff who witnessed the dose."},
    )
    note = forms.CharField(label="Note", max_length=300, required=False)

    def __init__(self, *args: Any, witnesses: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["witness"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = witnesses
        field.label_from_instance = _staff_label  # type: ignore[method-assign,assignment]
        self.fields["given_at"].initial = timezone.localtime().time().replace(second=0, microsecond=0)

    def given_at_today(self) -> dt.datetime:
        """The time given, today; a time later than now is last night's (a dose at 23:50 written up
        after midnight), never a time in the future."""
        at: dt.time = self.cleaned_data["given_at"]
        now = timezone.localtime()
        given = timezone.make_aware(dt.datetime.combine(now.date(), at))
        if given > now + dt.timedelta(minutes=5) and now.hour < 6 and at.hour >= 18:
            given = timezone.make_aware(dt.datetime.combine(now.date() - dt.timedelta(days=1), at))
        return given
