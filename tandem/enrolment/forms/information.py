from __future__ import annotations

from typing import Any

from django import forms

from tandem.core.models import Setting
from tandem.people.models import Adult, Child
from tandem.people.selectors import staff_of

from ..models.information import Topic


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class InformationPageForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={
            "required": "Enter a title for the page.",
            "max_length": "Keep the title to 200 characters or fewer.",
        },
    )
    body = forms.CharField(
        label="What parents should know",
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text="Write in plain English. Markdown works: ## for a heading, - for a list, **bold**, "
        "[link text](https://…).",
        error_messages={"required": "Write the information parents should read."},
    )
    revision = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)


class BriefingMeetingForm(forms.Form):
    """Arrange a meeting (when, with whom); once it has happened, record it (``record=True``)."""

    scheduled_for = forms.DateTimeField(
        label="Date and time",
        widget=DateTimeInput(),
        error_messages={
            "required": "Enter the date and time of the meeting.",
            "invalid": "Enter a real date and time, for example 14/09/2026 10:30.",
        },
    )
    staff_member = forms.ModelChoiceField(
        label="Member of staff meeting the family",
        queryset=Adult.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Choose a member of staff of the setting."},
    )
    held_at = forms.DateTimeField(
        label="When it took place",
        required=False,
        widget=DateTimeInput(),
        help_text="Leave blank until the meeting has happened.",
        error_messages={"invalid": "Enter a real date and time, for example 14/09/2026 10:30."},
    )
    adults_present = forms.ModelMultipleChoiceField(
        label="Who came",
        queryset=Adult.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose only adults linked to the child."},
    )
    policies_discussed = forms.MultipleChoiceField(
        label="Information and policies talked through",
        choices=Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose only the setting's information topics."},
    )
    safeguarding_explained = forms.BooleanField(
        label="Our safeguarding duties and the Prevent Duty were explained", required=False
    )
    notes = forms.CharField(
        label="Notes (seen by staff only)",
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Keep the notes to 10000 characters or fewer."},
    )
    revision = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    RECORD_FIELDS = ("held_at", "adults_present", "policies_discussed", "safeguarding_explained")

    def __init__(self, *args: Any, child: Child, setting: Setting, record: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff_member"].queryset = staff_of(setting)  # type: ignore[attr-defined]
        self.fields["staff_member"].label_from_instance = lambda user: user.get_full_name() or user.email  # type: ignore[attr-defined]
        self.fields["adults_present"].queryset = Adult.objects.filter(  # type: ignore[attr-defined]
            links__child=child, links__no_contact=False, links__no_information=False
        ).order_by("last_name", "first_name")
        if not record:
            for name in self.RECORD_FIELDS:
                del self.fields[name]
