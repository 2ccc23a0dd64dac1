"""Forms of child protection plans and their tasks (R24). The services check the rules that need
the record (dates against the plan, an open plan); these forms check the shape of the input."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from tandem.core.forms import DateInput

from ..models import ProtectionTask

DATE_ERRORS = {"invalid": "Enter a real date, for example 5 June 2026."}


def date_field(label: str, *, required: bool = True, help_text: str = "", today: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=DateInput(),
        initial=timezone.localdate if today else None,
        error_messages={**DATE_ERRORS, "required": f"Enter the {label[0].lower()}{label[1:]}."},
    )


class PlanForm(forms.Form):
    started_on = date_field(
        "Date the plan started", help_text="The date of the child protection conference that made it.", today=True
    )
    lead_professional = forms.CharField(
        label="Lead social worker",
        max_length=200,
        help_text="Their name and service, for example: Jo Fenwick, Children's Social Care (North).",
        error_messages={"required": "Enter the lead social worker's name and service."},
    )
    lead_contact = forms.CharField(
        label="How to reach them",
        max_length=200,
        required=False,
        help_text="A phone number or a secure email address.",
    )
    next_conference_on = date_field(
        "Date of the next review conference", required=False, help_text="Leave it empty if it is not set yet."
    )


class EndPlanForm(forms.Form):
    ended_on = date_field(
        "Date the plan ended", help_text="The date of the review conference that ended it.", today=True
    )


class TaskForm(forms.Form):
    task = forms.CharField(
        label="The task",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What will be done, in the words agreed with the parents.",
        error_messages={"required": "Say what the task is."},
    )
    owner = forms.ChoiceField(
        label="Who does it",
        choices=ProtectionTask.Owner.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who does it."},
    )
    owner_detail = forms.CharField(
        label="Name or service",
        max_length=200,
        required=False,
        help_text="Needed when another agency does it, for example: the health visitor.",
    )
    due_on = date_field("Date it is due", required=False)
    agreed_with_parents_on = date_field(
        "Date it was agreed with the parents", required=False, help_text="Leave it empty if it is not agreed yet."
    )


class DoneForm(forms.Form):
    note = forms.CharField(
        label="What was done",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say what was done."},
    )
