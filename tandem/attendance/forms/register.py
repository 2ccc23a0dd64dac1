"""Forms of the register (R42): who brought the child, the door code, an absence."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from tandem.core.forms import DateInput

from ..models import Absence

SOMEONE_ELSE = "other"


class ArriveForm(forms.Form):
    """One tap: with nothing chosen, "a parent or carer" brought the child."""

    brought_by = forms.CharField(required=False, max_length=20)
    brought_by_name = forms.CharField(label="Their name", required=False, max_length=200)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        choice = data.get("brought_by") or ""
        if choice and choice != SOMEONE_ELSE and not choice.isdigit():
            self.add_error("brought_by", "Choose who brought the child from the list.")
        if choice == SOMEONE_ELSE and not (data.get("brought_by_name") or "").strip():
            self.add_error("brought_by_name", "Write the name of the person who brought the child.")
        return data


class DoorCodeForm(forms.Form):
    code = forms.CharField(
        label="Today's door code",
        max_length=12,
        help_text="The 6 digits on the sign by the door.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "pattern": "[0-9 ]*"}),
    )


class AbsenceForm(forms.Form):
    first_day = forms.DateField(label="First day away", widget=DateInput(), initial=timezone.localdate)
    last_day = forms.DateField(
        label="Last day away", widget=DateInput(), required=False, help_text="Leave empty for one day."
    )
    reason = forms.ChoiceField(label="Reason", choices=[("", "Choose a reason"), *Absence.Reason.choices])
    detail = forms.CharField(
        label="Anything staff should know",
        required=False,
        max_length=300,
        help_text="For illness: what it is, so we can tell other families if it is catching.",
    )
