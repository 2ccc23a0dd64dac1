"""Forms of the setting's schools (R54). The services check everything again."""

from __future__ import annotations

from django import forms

from tandem.agencies.forms.directory import ContactForm
from tandem.core.forms import DateInput

from ..models import SchoolActivity

__all__ = ["ActivityForm", "ContactForm", "SchoolForm"]


class SchoolForm(forms.Form):
    name = forms.CharField(
        label="Name of the school", max_length=200, error_messages={"required": "Write the school's name."}
    )
    phone = forms.CharField(
        label="Phone number",
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        help_text="Give at least one way to reach the school: a phone number, an email address, a website "
        "or an address.",
    )
    email = forms.EmailField(
        label="Email address",
        required=False,
        max_length=254,
        error_messages={"invalid": "Enter an email address like name@example.org."},
    )
    website = forms.URLField(
        label="Website",
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text="An address starting with https://",
        error_messages={"invalid": "Enter a website address that starts with https:// or http://."},
    )
    address = forms.CharField(label="Address", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    description = forms.CharField(
        label="About the school",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: open mornings, when applications close.",
    )


class ActivityForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = SchoolActivity
        fields = ["kind", "on", "summary", "follow_up"]
        labels = {
            "kind": "What kind of activity",
            "on": "Date",
            "summary": "What happened",
            "follow_up": "Follow-up",
        }
        widgets = {
            "on": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "follow_up": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "kind": {"required": "Choose what kind of activity it was."},
            "on": {
                "required": "Enter the date of the activity.",
                "invalid": "Enter a real date, for example 5 June 2026.",
            },
            "summary": {"required": "Write what happened and what you learned."},
        }
