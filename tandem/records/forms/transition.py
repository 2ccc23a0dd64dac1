"""Forms of a child's move to school (R55). The services check everything again."""

from __future__ import annotations

from typing import Any

from django import forms

from tandem.agencies.models import AgencyContact
from tandem.core.forms import DateInput

from ..models import TransitionMeeting, TransitionReport
from ..selectors.transition import schools_of, section_label, teachers_of


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class TeacherField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: AgencyContact) -> str:  # type: ignore[override]
        role = f", {obj.role}" if obj.role else ""
        return f"{obj.name}{role} ({obj.agency.name})"


class TransitionForm(forms.Form):
    school: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
        label="School",
        queryset=None,
        empty_label="Choose a school",
        error_messages={"required": "Choose the school.", "invalid_choice": "Choose a school from the list."},
    )
    teacher = TeacherField(
        label="Receiving teacher",
        queryset=None,
        required=False,
        empty_label="Not known yet",
        help_text="A contact at the school: the Reception teacher, or whoever the school names to receive records.",
        error_messages={"invalid_choice": "Choose a contact from the list."},
    )
    starts_on = forms.DateField(
        label="Starts school on",
        required=False,
        widget=DateInput(),
        error_messages={"invalid": "Enter a real date, for example 3 September 2026."},
    )

    def __init__(self, *args: Any, setting_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools_of(setting_id)  # type: ignore[attr-defined]
        self.fields["teacher"].queryset = teachers_of(setting_id)  # type: ignore[attr-defined]


class ReportForm(forms.Form):
    seen = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in TransitionReport.SECTIONS:
            self.fields[name] = forms.CharField(
                label=section_label(name),
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
            )


class FamilyWordsForm(forms.Form):
    prefix = "words"  # two forms on the family's page: their fields need ids of their own
    text = forms.CharField(
        label="Your own words",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What you would like the school to know about your child: what they love, what helps them.",
        error_messages={"required": "Write your own words about your child."},
    )


class ChangeForm(forms.Form):
    prefix = "change"
    text = forms.CharField(
        label="What you would like changed",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write what you would like changed."},
    )


class AgreeForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class MeetingForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = TransitionMeeting
        fields = ["kind", "at", "with_whom", "attendees", "notes", "shared_with_family"]
        labels = {
            "kind": "What kind of meeting",
            "at": "Date and time",
            "with_whom": "With whom",
            "attendees": "Who else",
            "notes": "Notes",
            "shared_with_family": "Share it with the family",
        }
        widgets = {"at": DateTimeInput(), "notes": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "kind": {"required": "Choose what kind of meeting it is."},
            "at": {"required": "Enter the date and time of the meeting.", "invalid": "Enter a real date and time."},
            "with_whom": {"required": "Write who the meeting is with."},
        }
