"""Forms for settling in: the plan, a visit, the review, a log entry and a parent's reply."""

from __future__ import annotations

from typing import Any

from django import forms

from tandem.enrolment.models.settling import SettlingPlan
from tandem.enrolment.services.settling import MAX_PLAN_TEXT, MAX_TEXT, OPEN_STATUSES, agreeable_adults
from tandem.people.forms import DateInput
from tandem.people.models import Adult, Child

OUT_OF_DATE = "This form is out of date. Open the settling-in page again and make your changes."
VERSION_ERRORS = {"required": OUT_OF_DATE, "invalid": OUT_OF_DATE, "min_value": OUT_OF_DATE}


def _date(label: str, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        help_text=help_text,
        widget=DateInput(),
        error_messages={"invalid": f"Enter the {label.lower()} as a real date, for example 01/09/2025."},
    )


class PlanForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, error_messages=VERSION_ERRORS)
    status = forms.ChoiceField(
        label="Where the plan is up to",
        choices=[(s.value, s.label) for s in SettlingPlan.Status if s in OPEN_STATUSES],
        error_messages={
            "required": "Choose where the plan is up to.",
            "invalid_choice": "Choose where the plan is up to.",
        },
    )
    arrangements = forms.CharField(
        label="How we will settle in together",
        required=False,
        max_length=MAX_PLAN_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What happens on each visit, who stays and for how long, how goodbyes will go, "
        "and how we will keep in touch. Parents read this. Markdown is allowed.",
        error_messages={"max_length": f"Keep this to {MAX_PLAN_TEXT:,} characters or fewer."},
    )
    agreed_with: forms.ModelMultipleChoiceField[Adult] = forms.ModelMultipleChoiceField(
        label="Agreed with",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The parents or carers who agreed the plan with you.",
        error_messages={
            "invalid_choice": "Choose only adults linked to this child.",
            "invalid_pk_value": "Choose only adults linked to this child.",
        },
    )
    agreed_on = _date("Date agreed", "Left empty, today's date is used when the plan is agreed.")
    first_visit = _date("First visit")
    start_date = _date("First full session")
    review_date = _date("Review date", "When you and the family will look at how settling in has gone.")

    def __init__(self, *args: Any, child: Child, plan: SettlingPlan | None = None, **kwargs: Any) -> None:
        initial: dict[str, Any] = {"version": 0, "status": SettlingPlan.Status.DRAFT}
        if plan is not None:
            initial = {
                "version": plan.version,
                "status": plan.status,
                "arrangements": plan.arrangements,
                "agreed_with": [a.pk for a in plan.agreed_with.all()],
                "agreed_on": plan.agreed_on,
                "first_visit": plan.first_visit,
                "start_date": plan.start_date,
                "review_date": plan.review_date,
            }
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        if plan is not None and plan.status == SettlingPlan.Status.COMPLETE:
            # a completed plan stays complete when only its details are corrected
            complete = SettlingPlan.Status.COMPLETE
            self.fields["status"].choices = [*self.fields["status"].choices, (complete.value, complete.label)]  # type: ignore[attr-defined]
        self.fields["agreed_with"].queryset = Adult.objects.filter(  # type: ignore[attr-defined]
            pk__in=[a.pk for a in agreeable_adults(child)]
        ).order_by("last_name", "first_name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, start, review = data.get("first_visit"), data.get("start_date"), data.get("review_date")
        if first and start and start < first:
            self.add_error("start_date", "The first full session must be on or after the first visit.")
        if first and review and review < first:
            self.add_error("review_date", "The review date must be on or after the first visit.")
        return data


class VisitForm(forms.Form):
    date = forms.DateField(
        label="Date of the visit",
        widget=DateInput(),
        error_messages={
            "required": "Enter the date of the visit.",
            "invalid": "Enter the date of the visit as a real date, for example 01/09/2025.",
        },
    )
    duration_minutes = forms.IntegerField(
        label="How long (minutes)",
        min_value=5,
        max_value=600,
        help_text="For example: 60 for an hour.",
        error_messages={
            "required": "Give the length of the visit in minutes.",
            "invalid": "Give the length of the visit as a whole number of minutes, for example 60.",
            "min_value": "Give the length of the visit in minutes, between 5 and 600.",
            "max_value": "Give the length of the visit in minutes, between 5 and 600.",
        },
    )
    parent_present = forms.BooleanField(label="A parent or carer stays for the visit", required=False)
    notes = forms.CharField(
        label="Notes",
        required=False,
        max_length=300,
        help_text="For example: a short visit to meet the key person and explore the room.",
        error_messages={"max_length": "Keep this to 300 characters or fewer."},
    )


class ReviewForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, error_messages=VERSION_ERRORS)
    review_notes = forms.CharField(
        label="How settling in went",
        max_length=MAX_PLAN_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Written with the family: how the child has settled, what helped, and anything agreed for "
        "the weeks ahead. Parents read this. Markdown is allowed.",
        error_messages={
            "required": "Write how settling in went and anything agreed for the future.",
            "max_length": f"Keep this to {MAX_PLAN_TEXT:,} characters or fewer.",
        },
    )


class EntryForm(forms.Form):
    text = forms.CharField(
        label="What happened",
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="A sentence or two the family will read. For example: Amelia played in the sand for 20 minutes "
        "and waved goodbye to Mum.",
        error_messages={
            "required": "Write what happened, in a sentence or two.",
            "max_length": f"Keep this to {MAX_TEXT:,} characters or fewer.",
        },
    )


class ReplyForm(forms.Form):
    text = forms.CharField(
        label="Your reply",
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": "Write your reply.",
            "max_length": f"Keep this to {MAX_TEXT:,} characters or fewer.",
        },
    )
