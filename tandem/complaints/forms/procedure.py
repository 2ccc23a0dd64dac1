"""Forms of the complaints procedure's configuration (R59)."""

from __future__ import annotations

from typing import Any

from django import forms

from tandem.core.forms import ConcurrencyMixin
from tandem.core.models import Organisation, User

from ..models.procedure import ProcedureSettings
from ..selectors.procedure import appeal_choices, line_manager_choices


class PersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.email


class ProcedureSettingsForm(ConcurrencyMixin):
    line_manager = PersonChoiceField(
        queryset=User.objects.none(),
        required=False,
        label="Who holds the line-manager stage",
        empty_label="Every line manager of the organisation",
        help_text="Complaints at this stage go to this person; if you choose everyone, any of them may act.",
    )
    appeal_contact = PersonChoiceField(
        queryset=User.objects.none(),
        required=False,
        label="Who hears appeals",
        empty_label="Every owner, director or trustee of the organisation",
        help_text="Appeals go to this person; if you choose everyone, any of them may act.",
    )

    class Meta:
        model = ProcedureSettings
        fields = ["line_manager_title", "line_manager", "appeal_title", "appeal_contact"]
        labels = {
            "line_manager_title": "What you call the setting manager's line manager",
            "appeal_title": "What you call those who hear appeals",
        }
        help_texts = {
            "line_manager_title": "Parents see this name. For example: Area manager, Chair of the committee.",
            "appeal_title": "Parents see this name. For example: The board of trustees, The governors.",
        }

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["line_manager"].queryset = line_manager_choices(organisation)  # type: ignore[attr-defined]
        self.fields["appeal_contact"].queryset = appeal_choices(organisation)  # type: ignore[attr-defined]
