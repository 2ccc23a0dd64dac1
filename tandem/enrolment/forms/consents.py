"""Forms about consents (R9)."""

from __future__ import annotations

from typing import Any

from django import forms

from ..models.consents import ConsentDecision


class DecisionForm(forms.Form):
    """The parent's button press: give, refuse or withdraw, and the version of the wording they read."""

    kind = forms.ChoiceField(
        label="Your decision",
        choices=ConsentDecision.Kind.choices,
        error_messages={
            "required": "Choose whether to give, refuse or withdraw consent.",
            "invalid_choice": "Choose whether to give, refuse or withdraw consent.",
        },
    )
    seen_version = forms.IntegerField(
        label="Version",
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        widget=forms.HiddenInput,
        error_messages={"invalid": "Please read the consent again and decide."},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # giving or refusing is only to the wording the parent has just read
        if data.get("kind") in (ConsentDecision.Kind.GIVEN, ConsentDecision.Kind.REFUSED) and not data.get(
            "seen_version"
        ):
            raise forms.ValidationError("Please read the consent again and decide.")
        return data


class OverviewFilterForm(forms.Form):
    missing_photo = forms.BooleanField(label="Only children without photo consent", required=False)


class ConsentTypeForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=120,
        error_messages={"required": "Enter a title for this consent."},
    )
    explanation = forms.CharField(
        label="What it allows, in plain English",
        help_text="Parents read this before they decide. Changing the title or this text makes a new version: "
        "consents given to the earlier wording will need renewing. You can use Markdown.",
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=5000,
        error_messages={"required": "Explain to parents what this consent allows."},
    )
    active = forms.BooleanField(label="Ask parents for this consent", required=False)
    seen_version = forms.IntegerField(
        label="Version",
        widget=forms.HiddenInput,
        min_value=1,
        max_value=2**31 - 1,
        error_messages={
            "required": "Please open this consent again and make your change.",
            "invalid": "Please open this consent again and make your change.",
        },
    )
