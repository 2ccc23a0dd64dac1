"""Forms of the translations page: one per language, a textarea per translatable field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models

from ..languages import CHOICES, ENGLISH, direction, name_of

LANGUAGE_CHOICES = [(code, label) for code, label in CHOICES if code != ENGLISH]


def _label(model: Any, name: str) -> str:
    verbose = str(model._meta.get_field(name).verbose_name)
    return verbose[:1].upper() + verbose[1:]


class TranslationForm(forms.Form):
    """The translation of one item into ``language`` (or, with ``language=None``, into a language
    chosen from a list). Textareas carry ``lang`` and ``dir``, so the text shows and is spoken right."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        item: Any,
        language: str | None,
        initial_fields: dict[str, str] | None = None,
        exclude: set[str] | frozenset[str] = frozenset(),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.language = language
        self.names = tuple(item.TRANSLATABLE)
        if language is None:
            self.fields["language"] = forms.ChoiceField(
                label="Language",
                error_messages={"required": "Choose the language of this translation."},
                choices=[("", "Choose a language")] + [c for c in LANGUAGE_CHOICES if c[0] not in exclude],
            )
        model = type(item)
        for name in self.names:
            original = getattr(item, name) or ""
            long_text = (
                isinstance(model._meta.get_field(name), models.TextField) or "\n" in original or len(original) > 120
            )
            attrs: dict[str, Any] = {"rows": 8 if long_text else 2}
            if language:
                attrs |= {"lang": language, "dir": direction(language)}
            self.fields[name] = forms.CharField(
                label=_label(model, name) + (f" in {name_of(language)}" if language else ""),
                required=bool(original.strip()),
                error_messages={
                    "required": "Translate this too" + (f", into {name_of(language)}." if language else ".")
                },
                strip=False,
                widget=forms.Textarea(attrs=attrs),
                initial=(initial_fields or {}).get(name, ""),
            )

    def translated_fields(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name) or "" for name in self.names}

    def chosen_language(self) -> str:
        return self.language or self.cleaned_data.get("language", "")


class MachineForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label="Languages",
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one language."},
    )

    def offer(self, codes: list[str]) -> None:
        """The languages offered, in this order."""
        field = self.fields["languages"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(code, name_of(code)) for code in codes]
