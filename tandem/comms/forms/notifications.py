"""The person's email choices: instant, daily digest or off, for each kind they may get."""

from __future__ import annotations

from typing import Any

from django import forms

from ..models.notifications import NotificationPreference
from ..services.notifications import Kind

Delivery = NotificationPreference.Delivery


def field_name(code: str) -> str:
    """A form field name for a kind's code ("comms.message" → "kind-comms-message")."""
    return "kind-" + code.replace(".", "-").replace("_", "-")


class PreferencesForm(forms.Form):
    """One group of radio buttons for each kind the person may change (mandatory kinds have none)."""

    def __init__(self, *args: Any, kinds: list[Kind], current: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.codes: dict[str, str] = {}
        self.current = current
        for kind in kinds:
            if kind.mandatory:
                continue
            name = field_name(kind.code)
            self.codes[name] = kind.code
            self.fields[name] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                widget=forms.RadioSelect,
                required=False,  # left out (a kind added since the page was shown): unchanged
                initial=current.get(kind.code, kind.default),
            )

    def changed_choices(self) -> dict[str, str]:
        """The kinds whose delivery the person changed: {code: delivery}."""
        data = self.cleaned_data
        return {
            code: data[name]
            for name, code in self.codes.items()
            if data.get(name) and data[name] != self.current.get(code)
        }
