"""Forms of the agency track (R62, R53)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from tandem.core.forms import DateInput
from tandem.core.models import Setting, User

from ..models import Complaint
from ..selectors.allegations import child_choices, staff_choices

PDF_ACCEPT = {"accept": "application/pdf,.pdf"}


class PersonField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.email


class ChildField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


def letter_field(label: str) -> forms.FileField:
    return forms.FileField(
        label=label,
        required=False,
        help_text="A PDF of at most 10 MB: scan the letter, or save the email as a PDF.",
        widget=forms.ClearableFileInput(attrs=PDF_ACCEPT),
    )


def today_field(label: str, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=DateInput(),
        help_text=help_text,
        initial=timezone.localdate,
        error_messages={"required": "Enter the date.", "invalid": "Enter a real date, for example 5 June 2026."},
    )


class AgencyComplaintForm(forms.Form):
    organisation = forms.CharField(
        label="Service", max_length=200, help_text="For example: Somerset Health Visiting Team."
    )
    name = forms.CharField(label="Name of the person who wrote", max_length=200)
    contact = forms.CharField(label="Their email address or phone number", max_length=200, required=False)
    received_on = today_field(
        "Date it was received",
        "The day the letter or email arrived. The time limits run from this day, even when it was some days ago.",
    )
    via = forms.ChoiceField(
        label="How it was written",
        choices=[(Complaint.Via.LETTER, "A letter"), (Complaint.Via.EMAIL, "An email")],
        widget=forms.RadioSelect,
        initial=Complaint.Via.LETTER,
    )
    about_staff = PersonField(
        label="About a member of staff",
        queryset=User.objects.none(),
        required=False,
        empty_label="No one in particular: the setting's practice",
        help_text="A complaint about the setting manager goes straight to their line manager.",
    )
    child = ChildField(label="About a child", queryset=None, required=False, empty_label="No child in particular")
    summary = forms.CharField(
        label="Key issues",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        help_text="What the complaint is about, in the writer's words where you can.",
    )
    desired_outcome = forms.CharField(
        label="What they would like to happen",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )
    letter = letter_field("The written complaint")

    def __init__(self, *args: Any, setting: Setting, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["about_staff"].queryset = staff_choices(setting)  # type: ignore[attr-defined]
        self.fields["child"].queryset = child_choices(user, setting)  # type: ignore[attr-defined]


class AcknowledgeForm(forms.Form):
    sent_on = today_field("Date it was sent")
    text = forms.CharField(
        label="The acknowledgement",
        widget=forms.Textarea(attrs={"rows": 24}),
        max_length=20000,
        help_text="Tandem has drafted it from the procedure and its time limits. Change anything you need, "
        "send it, then record it here.",
    )


class MeetingForm(forms.Form):
    held_on = today_field("Date of the meeting")
    attendees = forms.CharField(label="Who was there", max_length=500, required=False)
    notes = forms.CharField(
        label="What was discussed and agreed",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
    )


class ReportForm(forms.Form):
    sent_on = today_field("Date it was sent")
    text = forms.CharField(
        label="What you reported back",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        help_text="What the investigation found and what will happen. Kept in the record.",
    )


class MoveForm(forms.Form):
    """The complainant wrote to the line manager, or appealed to the owners."""

    received_on = today_field("Date their letter was received", "The new time limits run from this day.")
    text = forms.CharField(
        label="What they ask for, in brief", widget=forms.Textarea(attrs={"rows": 4}), max_length=10000
    )
    letter = letter_field("Their letter")


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label="Outcome", choices=Complaint.Outcome.choices, widget=forms.RadioSelect)
    summary = forms.CharField(
        label="What was agreed or decided",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
    )
