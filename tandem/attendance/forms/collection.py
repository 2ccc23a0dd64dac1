"""Forms of collection (R43, R44)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from ..selectors.collection import BLOCKED, CollectorRow

ADULT_LABEL = "I confirm this person is aged 16 or over"
ADULT_HELP = "Children are only ever released to an adult."


class CollectorForm(forms.Form):
    name = forms.CharField(label="Full name", max_length=200)
    relationship = forms.CharField(
        label="Relationship to the child", max_length=100, help_text="For example: grandmother, childminder."
    )
    phone = forms.CharField(label="Phone number", max_length=40, required=False)
    photo = forms.FileField(
        label="Photo",
        required=False,
        help_text="A clear photo of their face helps staff at the door. JPEG, PNG or WebP, up to 10 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    is_adult = forms.BooleanField(
        label=ADULT_LABEL,
        help_text=ADULT_HELP,
        error_messages={"required": "Children are only released to an adult: confirm this person is 16 or over."},
    )


class OneOffForm(forms.Form):
    date = forms.DateField(label="Day", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    name = forms.CharField(label="Full name of the person collecting", max_length=200)
    relationship = forms.CharField(
        label="Relationship to the child", max_length=100, help_text="For example: neighbour, friend's mum."
    )
    description = forms.CharField(
        label="How will staff recognise them?",
        max_length=300,
        help_text="For example: tall, grey hair, red coat. Staff will also ask them for proof of identity.",
    )
    is_adult = forms.BooleanField(
        label=ADULT_LABEL,
        help_text=ADULT_HELP,
        error_messages={"required": "Children are only released to an adult: confirm this person is 16 or over."},
    )
    typed_name = forms.CharField(
        label="Type your full name to sign",
        max_length=200,
        help_text="This is your written permission.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()


class PasswordForm(forms.Form):
    password = forms.CharField(
        label="New collection password",
        min_length=4,
        max_length=100,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 4 characters, and not your child's name. Tell it only to people you would "
        "send to collect in an emergency. Nobody, not even the setting, can read it back.",
    )


class PersonChoice(forms.RadioSelect):
    """Radio buttons whose group links to its first button, so the error summary's link lands on it."""

    def id_for_label(self, id_: str, index: str | None = None) -> str:
        return f"{id_}_{index or 0}" if id_ else ""


class ReleaseForm(forms.Form):
    """Who is collecting, and how staff know it is them."""

    collector = forms.ChoiceField(label="Who is collecting?", widget=PersonChoice)
    known = forms.BooleanField(label="I know this person: I have met them before", required=False)
    identity_note = forms.CharField(
        label="Proof of identity seen",
        max_length=200,
        required=False,
        help_text="The kind of document only, for example: driving licence. Never write its number.",
    )
    collector_name = forms.CharField(
        label="Full name of the person giving the password",
        max_length=200,
        required=False,
    )
    is_adult = forms.BooleanField(
        label="I confirm the person giving the password is aged 16 or over",
        required=False,
        help_text=ADULT_HELP,
    )
    password = forms.CharField(
        label="Collection password they give",
        max_length=100,
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        help_text="Type exactly what they say.",
    )

    def __init__(self, *args: Any, rows: list[CollectorRow], password_available: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = []
        for row in rows:
            label = f"{row.name} ({row.relationship})"
            if row.kind == BLOCKED:
                label += ": DO NOT RELEASE"
            choices.append((row.key, label))
        if password_available:
            choices.append(("password", "Someone not on the list who gives the collection password"))
        field = self.fields["collector"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices
        field.error_messages["required"] = "Choose who is collecting."

    def check(self) -> str:
        data = self.cleaned_data
        if data.get("collector") == "password" or data.get("password"):
            return "password"
        return "known" if data.get("known") else "identity"
