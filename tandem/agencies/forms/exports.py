"""Forms for printing or exporting a child's record with a stated purpose, and the log's filter (R51)."""

from __future__ import annotations

from typing import Any

from django import forms

from tandem.core.forms import PurposeForm


class ChildExportForm(PurposeForm):
    PURPOSES = [
        ("transition", "For the child's move to school or another setting"),
        ("meeting", "For a meeting about the child (a review, a team around the family)"),
        ("safeguarding", "For a safeguarding referral or a child protection conference"),
        ("inspection", "Ofsted or the local authority asked for it"),
        ("family", "The child's parent asked for a copy of the record"),
    ]

    sections = forms.MultipleChoiceField(
        label="What to include",
        widget=forms.CheckboxSelectMultiple,
        help_text="Include only what is needed for this purpose.",
        error_messages={"required": "Choose at least one part of the record."},
    )

    field_order = ["sections", "reason", "other"]

    def __init__(self, *args: Any, sections: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sections"].choices = sections  # type: ignore[attr-defined]


class LogFilterForm(forms.Form):
    child = forms.TypedChoiceField(label="Child", coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, children: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child"].choices = [("", "Every child"), *children]  # type: ignore[attr-defined]

    def child_id(self) -> int | None:
        return self.cleaned_data.get("child") if self.is_valid() else None
