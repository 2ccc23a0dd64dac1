"""Forms for printing or exporting a child's record with a stated purpose, and the log's filter (R51)."""

from __future__ import annotations

from typing import Any

from django import forms

OTHER = "other"


class PurposeForm(forms.Form):
    """Why it is exported or printed (R51): a common purpose, or one typed. Kept in the log."""

    PURPOSES: list[tuple[str, str]] = []

    reason = forms.ChoiceField(
        label="Why are you exporting or printing it?",
        widget=forms.RadioSelect,
        error_messages={"required": "Say why you are exporting or printing it."},
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
