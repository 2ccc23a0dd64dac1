"""The communication hub's forms, one module a feature."""

from __future__ import annotations

from typing import Any

from django import forms

from tandem.core.access import MAX_ID


class BoundedChoices(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that refuses an id too large for the database as an invalid
    choice (Django bounds ``pk=`` lookups but not the ``pk__in`` this field uses: a 500 otherwise)."""

    def _check_values(self, value: Any) -> Any:
        for pk in value if isinstance(value, list | tuple | set | frozenset) else ():
            try:
                number = int(str(pk))
            except (TypeError, ValueError):
                continue  # the field's own check refuses it
            if not -MAX_ID <= number <= MAX_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)  # type: ignore[misc]
