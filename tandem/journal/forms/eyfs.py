from __future__ import annotations

from typing import Any

from django import forms

from ..models.eyfs import Framework


class JournalSettingsForm(forms.Form):
    framework = forms.ChoiceField(
        label="Framework you track progress with",
        choices=Framework.choices,
        widget=forms.RadioSelect,
        help_text="Summaries offer the age bands of this framework.",
        error_messages={"required": "Choose the framework you use."},
    )
    check_due_months = forms.IntegerField(
        label="Progress check at two: due from the age of (months)",
        min_value=24,
        max_value=35,
        error_messages={
            "required": "Enter the age in months from which the check is due.",
            "min_value": "The check is for children aged two to three: enter 24 months or more.",
            "max_value": "Enter an age under 36 months: the check must be done before the child turns three.",
        },
    )
    check_overdue_months = forms.IntegerField(
        label="Overdue after the age of (months)",
        min_value=25,
        max_value=36,
        error_messages={
            "required": "Enter the age in months after which a check not yet done is overdue.",
            "min_value": "Enter an age after the check falls due.",
            "max_value": "Enter 36 months or less: the check must be done before the child turns three.",
        },
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        due, overdue = data.get("check_due_months"), data.get("check_overdue_months")
        if due is not None and overdue is not None and overdue <= due:
            self.add_error("check_overdue_months", "Enter an age after the age the check falls due.")
        return data
