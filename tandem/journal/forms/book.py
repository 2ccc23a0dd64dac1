"""Forms of the learning journal book (R18) and of staff's exports of the journal (R51): a member of
staff who takes a child's journal out of Tandem says why, and the purpose is logged."""

from __future__ import annotations

from typing import Any

from django import forms

OTHER = "other"


class PurposeForm(forms.Form):
    """Why it is exported or printed (R51): a common purpose, or one typed. Kept in the log."""

    PURPOSES: list[tuple[str, str]] = []

    reason = forms.ChoiceField(
        label="Why do you need it?",
        widget=forms.RadioSelect,
        error_messages={"required": "Say why you need it."},
    )
    other = forms.CharField(
        label="Another reason",
        required=False,
        max_length=200,
        help_text="Only if you chose 'Another reason'. No one's name, please.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [*self.PURPOSES, (OTHER, "Another reason")]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        reason = data.get("reason")
        other = " ".join((data.get("other") or "").split())
        if reason == OTHER:
            if not other:
                self.add_error("other", "Write the reason.")
            data["purpose"] = other
        elif reason:
            data["purpose"] = dict(self.PURPOSES)[reason]
        return data


class BookPurposeForm(PurposeForm):
    PURPOSES = [
        ("transition", "For the child's move to school or another setting"),
        ("meeting", "For a meeting with the family"),
        ("professional", "For a professional working with the child, with the family's consent"),
        ("file", "To print for the child's file in the setting"),
    ]
