"""The form that sends a child's records to the receiving school, with a stated purpose (R55, R51)."""

from __future__ import annotations

from typing import Any

from django import forms

from tandem.core.forms import PurposeForm

from ..models import RecordTransfer


class TransferForm(PurposeForm):
    PURPOSES = [
        ("transition", "The child is starting at this school: their records go with them"),
        ("continuity", "So the school can plan the child's support from the first day"),
    ]
    QUESTION = "Why are you sending these records?"
    MISSING = "Say why you are sending these records."

    kind = forms.ChoiceField(
        label="What to send",
        widget=forms.RadioSelect,
        help_text="Each kind of record goes separately. Child protection records go only to the school's "
        "designated safeguarding lead.",
        error_messages={"required": "Choose what to send."},
    )
    contact = forms.TypedChoiceField(
        label="To whom at the school",
        coerce=int,
        error_messages={"required": "Choose a named person at the school."},
    )
    delivery = forms.ChoiceField(
        label="How",
        widget=forms.RadioSelect,
        choices=RecordTransfer.Delivery.choices,
        initial=RecordTransfer.Delivery.LINK,
        error_messages={"required": "Choose how the records go."},
    )
    note = forms.CharField(
        label="A note for the school",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept with the transfer, not put in the email.",
    )

    field_order = ["kind", "contact", "delivery", "note", "reason", "other"]

    def __init__(
        self, *args: Any, kinds: list[tuple[str, str]], contacts: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]
        self.fields["contact"].choices = [("", "Choose a person"), *contacts]  # type: ignore[attr-defined]
