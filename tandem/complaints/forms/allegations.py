"""Forms of allegations against staff (R61)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from tandem.core.models import Setting, User

from ..selectors.allegations import child_choices, staff_choices
from .agency import ChildField, PersonField


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def when_field(label: str) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        widget=DateTimeInput(),
        initial=lambda: timezone.localtime().replace(second=0, microsecond=0),
        error_messages={"required": "Enter the date and time.", "invalid": "Enter a real date and time."},
    )


class AllegationForm(forms.Form):
    """An allegation: recorded directly, or from a complaint (then without the child: it is the complaint's)."""

    about = PersonField(
        label="The member of staff or volunteer it is about",
        queryset=User.objects.none(),
        required=False,
        empty_label="Someone without a Tandem account (write their name below)",
    )
    about_name = forms.CharField(
        label="Their name, if they have no Tandem account",
        max_length=200,
        required=False,
        help_text="For example: agency staff, a visiting student.",
    )
    child = ChildField(label="The child", queryset=None, required=False, empty_label="Not a child I can choose here")
    summary = forms.CharField(
        label="What is alleged",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
        help_text="The facts only: what happened, to which child, when, and who said so. Do not investigate.",
    )

    def __init__(self, *args: Any, setting: Setting, user: User, with_child: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["about"].queryset = staff_choices(setting)  # type: ignore[attr-defined]
        if with_child:
            self.fields["child"].queryset = child_choices(user, setting)  # type: ignore[attr-defined]
        else:
            del self.fields["child"]


class WhenForm(forms.Form):
    at = when_field("Date and time")


class LadoForm(forms.Form):
    at = when_field("Date and time of the referral")
    lado_name = forms.CharField(label="The LADO's name", max_length=200)
    reference = forms.CharField(label="The LADO's reference", max_length=100, required=False)
    advice = forms.CharField(
        label="The LADO's advice",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20000,
        required=False,
        help_text="You can come back and add it when it comes.",
    )


class CloseAllegationForm(forms.Form):
    outcome = forms.CharField(
        label="Outcome",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20000,
        help_text="What the LADO advised, what was decided and done, and whether a referral to the DBS was made.",
    )
