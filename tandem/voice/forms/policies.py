"""Forms of the policy library: a policy and its first version, a version, opening a version for
comments, adopting it, a comment and its answer, comparing two versions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from tandem.core.forms import ConcurrencyMixin, DateInput

from ..models.policies import Policy, PolicyVersion

MARKDOWN_HELP = (
    "Markdown: ## for a heading, **bold**, lists with - at the start of a line, [link text](https://…). No pictures."
)
CHANGES_HELP = "In plain words, for parents and staff: what is new or different, and why."


def date_field(label: str, *, required: bool, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        help_text=help_text,
        error_messages={"required": "Enter a date.", "invalid": "Enter a real date, for example 31/03/2026."},
    )


def a_year_from_now() -> dt.date:
    today = timezone.localdate()
    try:
        return today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        return today + dt.timedelta(days=365)


POLICY_LABELS = {
    "title": "Title",
    "category": "Category",
    "audience": "Who it is for",
    "parents_acknowledge": "Ask parents and carers to acknowledge each version",
    "staff_acknowledge": "Ask staff, volunteers and students to acknowledge each version",
}
POLICY_HELP = {
    "category": "For example: Safeguarding, Admissions, Health and safety. Policies are listed by category.",
    "parents_acknowledge": "Only for a policy for families and staff.",
}


class PolicyForm(ConcurrencyMixin):
    """A policy's title, category, audience and who acknowledges it."""

    class Meta:
        model = Policy
        fields = ["title", "category", "audience", "parents_acknowledge", "staff_acknowledge"]
        labels = POLICY_LABELS
        help_texts = POLICY_HELP
        widgets = {"audience": forms.RadioSelect}
        error_messages = {"title": {"required": "Write the policy's title."}}


class NewPolicyForm(forms.Form):
    """A new policy and the text of its first version (a draft)."""

    title = forms.CharField(
        label=POLICY_LABELS["title"], max_length=200, error_messages={"required": "Write the policy's title."}
    )
    category = forms.CharField(
        label=POLICY_LABELS["category"], max_length=100, required=False, help_text=POLICY_HELP["category"]
    )
    audience = forms.ChoiceField(
        label=POLICY_LABELS["audience"],
        choices=Policy.Audience.choices,
        initial=Policy.Audience.EVERYONE,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who the policy is for."},
    )
    parents_acknowledge = forms.BooleanField(
        label=POLICY_LABELS["parents_acknowledge"],
        required=False,
        initial=True,
        help_text=POLICY_HELP["parents_acknowledge"],
    )
    staff_acknowledge = forms.BooleanField(label=POLICY_LABELS["staff_acknowledge"], required=False, initial=True)
    body = forms.CharField(
        label="The text of the policy",
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=MARKDOWN_HELP,
        error_messages={"required": "Write the text of the policy."},
    )
    next_review_on = date_field("Next review", required=False, help_text="When it should next be reviewed.")


class VersionForm(ConcurrencyMixin):
    """A draft version: its text, what changed and its next review date."""

    next_review_on = date_field("Next review", required=False, help_text="When it should next be reviewed.")

    class Meta:
        model = PolicyVersion
        fields = ["body", "changes", "next_review_on"]
        labels = {"body": "The text of the policy", "changes": "What changed"}
        help_texts = {"body": MARKDOWN_HELP, "changes": CHANGES_HELP}
        widgets = {"body": forms.Textarea(attrs={"rows": 18}), "changes": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"body": {"required": "Write the text of the policy."}}


class ReviewForm(forms.Form):
    review_closes_on = date_field(
        "Parents may comment until",
        required=True,
        help_text="The last day for comments. Families are told now, with this date.",
    )


class AdoptForm(forms.Form):
    """Adopting a version: its next review date, and the manager's choice when parents have not
    been (or are still being) asked for comments."""

    next_review_on = date_field("Next review", required=True, help_text="When this version should next be reviewed.")
    minor_change = forms.BooleanField(
        label="This is a minor change: adopt it without asking parents for comments",
        required=False,
        help_text="For example a new phone number or a corrected name. Anything that changes what families or "
        "staff do should be open for comments first.",
    )
    close_early = forms.BooleanField(label="Close the comment period early and adopt it now", required=False)

    def __init__(self, *args: Any, version: PolicyVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["next_review_on"].initial = version.next_review_on or a_year_from_now()
        for_families = version.policy.audience == Policy.Audience.EVERYONE
        never_consulted = version.status == PolicyVersion.Status.DRAFT and version.review_opened_at is None
        if not (never_consulted and for_families):
            del self.fields["minor_change"]
        still_open = (
            version.status == PolicyVersion.Status.REVIEW
            and version.review_closes_on is not None
            and version.review_closes_on >= timezone.localdate()
        )
        if not still_open:
            del self.fields["close_early"]


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Your comment",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What you think of the change, and anything you would like us to change. The manager reads "
        "it and answers you here; other parents do not see it.",
        error_messages={"required": "Write your comment.", "max_length": "Keep it to 3000 characters."},
    )


class RespondForm(forms.Form):
    response = forms.CharField(
        label="Your answer",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="The parent who commented reads it on the policy's page, and is told.",
        error_messages={"required": "Write your answer.", "max_length": "Keep it to 3000 characters."},
    )


class CompareForm(forms.Form):
    against = forms.TypedChoiceField(label="Compare with", coerce=int, required=False)

    def __init__(self, *args: Any, versions: list[PolicyVersion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["against"].choices = [  # type: ignore[attr-defined]
            (v.pk, f"Version {v.number} ({v.get_status_display().lower()})") for v in versions
        ]
