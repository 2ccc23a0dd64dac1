"""Forms of sending to another setting (R25)."""

from __future__ import annotations

from typing import Any

from django import forms


class ShareForm(forms.Form):
    item = forms.ChoiceField(label="What to send", error_messages={"required": "Choose what to send."})
    recipient_setting = forms.CharField(
        label="The other setting", max_length=200, error_messages={"required": "Enter the name of the other setting."}
    )
    recipient_name = forms.CharField(
        label="Send to (their name)",
        max_length=200,
        error_messages={"required": "Enter the name of the person you are sending it to."},
    )
    recipient_email = forms.EmailField(
        label="Their email address",
        help_text="We email them a secure link that works for 14 days. You can revoke it at any time.",
        error_messages={"required": "Enter their email address.", "invalid": "Enter a valid email address."},
    )
    reason = forms.CharField(
        label="Why you are sending it",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: the child also attends their nursery on Mondays and Tuesdays.",
        error_messages={"required": "Say why you are sending it."},
    )

    def __init__(self, *args: Any, items: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [("", "Choose…"), *items]  # type: ignore[attr-defined]
