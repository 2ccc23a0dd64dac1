"""Forms of multi-agency work (R52): referrals, meetings and their actions. The choices offered are
those the person may use (a referral to children's social care and the safeguarding meetings only
to the DSL, the manager and the key person); the services check again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format

from ..models import AgencyMeeting, Referral, Share
from ..selectors.multiagency import SAFEGUARDING_KINDS
from .protection import date_field


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class AgencyField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_category_display().split(' (')[0]})"


class ShareField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        if obj.shared_at is None:
            return f"Shared with {obj.recipient_name}"
        return f"Shared with {obj.recipient_name} on {date_format(timezone.localtime(obj.shared_at), 'j M Y')}"


class ReferralForm(forms.Form):
    agency = AgencyField(
        label="Service referred to",
        queryset=None,
        empty_label="Choose a service",
        help_text="From the setting's directory of services.",
        error_messages={"required": "Choose the service.", "invalid_choice": "Choose a service from the list."},
    )
    reason = forms.CharField(
        label="Reason for the referral",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say why the child is referred."},
    )
    made_on = date_field("Date the referral was made", today=True)
    share = ShareField(
        label="What was sent with it",
        queryset=None,
        required=False,
        empty_label="Nothing recorded",
        help_text="The record of the information shared with the service, if it was shared through Tandem.",
        error_messages={"invalid_choice": "Choose a share from the list."},
    )
    shared_with_family = forms.BooleanField(
        label="The family can see this referral",
        required=False,
        initial=True,
        help_text="Never for a referral to children's social care.",
    )

    def __init__(self, *args: Any, agencies: QuerySet[Any], shares: QuerySet[Share], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        self.fields["share"].queryset = shares  # type: ignore[attr-defined]
        if not shares.exists():
            del self.fields["share"]


class ReferralUpdateForm(forms.Form):
    status = forms.ChoiceField(label="Where it is", choices=Referral.Status.choices, widget=forms.RadioSelect)
    outcome = forms.CharField(
        label="Outcome",
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What the service decided or did.",
    )
    shared_with_family = forms.BooleanField(label="The family can see this referral", required=False)


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of meeting",
        choices=AgencyMeeting.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of meeting.", "invalid_choice": "Choose a kind from the list."},
    )
    held_at = forms.DateTimeField(
        label="When",
        widget=DateTimeInput(),
        error_messages={
            "required": "Enter the date and time of the meeting.",
            "invalid": "Enter a real date and time, for example 5 June 2026 at 10:00.",
        },
    )
    venue = forms.CharField(label="Where", max_length=200, required=False)
    attendees = forms.CharField(
        label="Who came",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Each person and their service, for example: Jo Fenwick, health visitor.",
        error_messages={"required": "Say who came, or who is coming."},
    )
    notes = forms.CharField(
        label="Notes",
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What was discussed and decided. You can write them after the meeting.",
    )
    shared_with_family = forms.BooleanField(
        label="Share the notes with the family",
        required=False,
        initial=True,
        help_text="Never for child in need, child protection and core group meetings.",
    )

    def __init__(self, *args: Any, protection: bool = False, change: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if change:
            del self.fields["kind"]  # the kind decides who may see it: fixed once recorded
        elif not protection:
            field: Any = self.fields["kind"]
            field.choices = [c for c in AgencyMeeting.Kind.choices if c[0] not in SAFEGUARDING_KINDS]


class ActionForm(forms.Form):
    action = forms.CharField(
        label="Action",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say what the action is."},
    )
    owner = forms.CharField(
        label="Who does it",
        max_length=200,
        help_text="A name, the family, or a service.",
        error_messages={"required": "Say who does it."},
    )
    due_on = date_field("Date it is due", required=False)
    visible_to_family = forms.BooleanField(
        label="The family can see this action",
        required=False,
        initial=True,
        help_text="Only when the meeting is shared with them.",
    )

    def __init__(self, *args: Any, safeguarding: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if safeguarding:
            del self.fields["visible_to_family"]  # a safeguarding meeting is never shared with the family


class ActionDoneForm(forms.Form):
    note = forms.CharField(
        label="What was done", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class OverviewFilterForm(forms.Form):
    SHOW = [("referrals", "Open referrals"), ("actions", "Actions due")]

    show = forms.ChoiceField(label="Show", choices=SHOW, required=False)
    agency = AgencyField(label="Service", queryset=None, required=False, empty_label="Any service")
    overdue = forms.BooleanField(label="Only what is overdue (actions)", required=False)

    def __init__(self, *args: Any, agencies: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
