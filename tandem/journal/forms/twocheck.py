"""Forms of the progress check at two (R17)."""

from __future__ import annotations

from typing import Any

from django import forms

from tandem.core.forms import PurposeForm

from ..models import Area, ProgressCheck


class CheckForm(forms.Form):
    """The draft: two boxes per prime area, concerns, the parents' contribution and the plan."""

    completed_on = forms.DateField(
        label="Date of the check",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Leave empty to use the day it is signed off.",
    )
    concerns = forms.BooleanField(
        label="There are concerns: progress in some area is less than expected",
        required=False,
        help_text="If you tick this, write the plan agreed and involve the setting's SENCO.",
    )
    parents_contribution = forms.CharField(
        label="The parents' contribution",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What the family told you about their child at home, in their words where you can.",
    )
    plan = forms.CharField(
        label="The plan agreed",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What you and the family will do, at home and in the setting, and when. "
        "Needed when there are concerns.",
    )

    def __init__(self, *args: Any, areas: list[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.areas = areas
        fields: dict[str, forms.Field] = {}
        for area in areas:
            fields[f"strengths_{area.pk}"] = forms.CharField(
                label=f"{area.name}: strengths",
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            fields[f"less_{area.pk}"] = forms.CharField(
                label=f"{area.name}: where progress is less than expected",
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text="Leave empty if progress is as expected.",
            )
        rest = dict(self.fields)
        self.fields = {**{"completed_on": rest.pop("completed_on")}, **fields, **rest}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("concerns") and not (data.get("plan") or "").strip():
            self.add_error(
                "plan",
                "Write the plan agreed: when there are concerns, the check must say what you and the family will do.",
            )
        return data

    @staticmethod
    def initial_for(check: ProgressCheck) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "completed_on": check.completed_on,
            "concerns": check.concerns,
            "parents_contribution": check.parents_contribution,
            "plan": check.plan,
        }
        for row in check.areas.all():
            initial[f"strengths_{row.area_id}"] = row.strengths
            initial[f"less_{row.area_id}"] = row.less_than_expected
        return initial


class FamilyContributionForm(forms.Form):
    text = forms.CharField(
        label="What would you like to tell us about your child?",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=5000,
        help_text="For example: what they enjoy, how they talk and play at home, anything you are pleased "
        "about or would like help with.",
        error_messages={"required": "Write what you would like to tell us about your child."},
    )


class CheckPurposeForm(PurposeForm):
    """Why a member of staff downloads the check (R51): logged with the download."""

    QUESTION = "Why do you need it?"
    MISSING = "Say why you need it."

    PURPOSES = [
        ("review", "For the health visitor's health and development review"),
        ("meeting", "For a meeting with the family"),
        ("senco", "For the SENCO or a professional working with the child, with the family's consent"),
        ("file", "To print for the child's file in the setting"),
    ]
