"""Forms of visiting professionals and their visits (R50). The services check everything again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from tandem.core.models import Setting, User
from tandem.people.models import Child

from ..models import Agency, Professional, Share, Visit
from ..selectors.visits import PAST, UPCOMING, available_shares, bookable_professionals, possible_supervisors


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class ProfessionalChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Professional) -> str:  # type: ignore[override]
        label = f"{obj.user.get_full_name()}, {obj.job_title}"
        return f"{label} ({obj.agency.name})" if obj.agency_id and obj.agency else label


class PersonChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: User) -> str:  # type: ignore[override]
        return obj.get_full_name() or obj.email


class ShareChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Share) -> str:  # type: ignore[override]
        when = timezone.localdate(obj.shared_at).strftime("%-d %B %Y") if obj.shared_at else "not yet"
        purpose = " ".join(obj.purpose.split())
        purpose = purpose if len(purpose) <= 80 else purpose[:79] + "…"
        return f"Shared with {obj.recipient_name} on {when}: {purpose}"


def share_field() -> ShareChoice:
    return ShareChoice(
        label="Information the professional may read during the visit",
        queryset=Share.objects.none(),
        required=False,
        empty_label="None: they see no record of the child",
        help_text="A share pack recorded for this professional (Share information, on the child's record). "
        "They read it only during the visit, once you record their arrival.",
        error_messages={"invalid_choice": "Choose information shared about this child with this professional."},
    )


class InviteProfessionalForm(forms.Form):
    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150)
    email = forms.EmailField(
        label="Work email address",
        help_text="Their invitation goes here. It works once, for 7 days.",
        error_messages={"invalid": "Enter an email address like name@example.org."},
    )
    job_title = forms.CharField(
        label="Job title", max_length=200, help_text="For example: speech and language therapist."
    )
    agency = forms.ModelChoiceField(
        label="Agency",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="Not from an agency in the directory",
        help_text="Where they work, from the setting's directory of agencies.",
    )
    phone = forms.CharField(label="Phone", max_length=40, required=False)

    def __init__(self, *args: Any, setting: Setting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["agency"]
        field.queryset = Agency.objects.filter(setting=setting, active=True).order_by("name")


class BookVisitForm(forms.Form):
    professional = ProfessionalChoice(
        label="Visiting professional",
        queryset=Professional.objects.none(),
        empty_label="Choose…",
        help_text="Not listed? A leader invites them first, from Visiting professionals on the office page.",
        error_messages={
            "required": "Choose the visiting professional.",
            "invalid_choice": "Choose a visiting professional of this setting from the list.",
        },
    )
    supervisor = PersonChoice(
        label="Supervised by",
        queryset=User.objects.none(),
        empty_label="Choose…",
        help_text="The member of staff who stays with the professional throughout: the key person, a "
        "practitioner of the child's room or a leader.",
        error_messages={
            "required": "Choose the member of staff who will stay with the professional.",
            "invalid_choice": "Choose the key person, a practitioner of the child's room or a leader: they cannot "
            "supervise this visit.",
        },
    )
    starts_at = forms.DateTimeField(
        label="Starts",
        widget=DateTimeInput(),
        error_messages={"required": "Say when the visit starts.", "invalid": "Give a date and time."},
    )
    ends_at = forms.DateTimeField(
        label="Ends",
        widget=DateTimeInput(),
        help_text="At most 12 hours after it starts. The professional sees nothing after this time.",
        error_messages={"required": "Say when the visit ends.", "invalid": "Give a date and time."},
    )
    purpose = forms.CharField(
        label="Why they are visiting",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Say why the professional is visiting."},
    )
    share = share_field()

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["professional"].queryset = bookable_professionals(child.setting_id)
        fields["supervisor"].queryset = possible_supervisors(child)
        fields["supervisor"].initial = child.key_person_id
        fields["share"].queryset = available_shares(child)


class VisitShareForm(forms.Form):
    share = share_field()

    def __init__(self, *args: Any, visit: Visit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["share"]
        field.queryset = available_shares(visit.child).filter(professional_id=visit.professional.user_id)
        field.initial = visit.share_id


class VisitNoteForm(forms.Form):
    notes = forms.CharField(
        label="Note of the visit",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
        help_text="What the professional did and what was agreed. Staff who may see the child's visits read it.",
    )


class VisitFilterForm(forms.Form):
    when = forms.ChoiceField(
        label="Show", choices=[(UPCOMING, "Upcoming and going on"), (PAST, "Past")], required=False
    )
