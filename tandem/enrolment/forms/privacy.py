"""Forms about the privacy notice (R10)."""

from __future__ import annotations

from django import forms

MAX_VERSION = 2**31 - 1


class AcknowledgeForm(forms.Form):
    version = forms.IntegerField(
        label="Version",
        widget=forms.HiddenInput,
        min_value=1,
        max_value=MAX_VERSION,
        error_messages={"required": "Please read the privacy notice again.", "invalid": "Please read it again."},
    )


class PublishForm(forms.Form):
    body = forms.CharField(
        label="The privacy notice",
        help_text="Publishing makes a new version: every parent and carer is asked to read it. Use Markdown: ## for a "
        "heading, - for a list, **bold**.",
        widget=forms.Textarea(attrs={"rows": 24}),
        max_length=50_000,
        error_messages={"required": "Write the privacy notice."},
    )
    based_on_version = forms.IntegerField(
        label="Version",
        widget=forms.HiddenInput,
        min_value=0,
        max_value=MAX_VERSION,
        error_messages={
            "required": "Please open the privacy notice again and make your changes.",
            "invalid": "Please open the privacy notice again and make your changes.",
        },
    )
