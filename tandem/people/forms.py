from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password

from tandem.core.forms import ConcurrencyMixin, DateInput
from tandem.core.models import Setting, User

from .models import Adult, Child, ChildAdult, Need
from .selectors import staff_of


class SearchForm(forms.Form):
    q = forms.CharField(label="Search by name", required=False, max_length=100)
    left = forms.BooleanField(label="Include children who have left", required=False)


class AdultSearchForm(forms.Form):
    q = forms.CharField(label="Search by name or email", required=False, max_length=100)
    unsigned = forms.BooleanField(label="Only those without a sign-in", required=False)


class ChildForm(ConcurrencyMixin):
    class Meta:
        model = Child
        fields = [
            "first_name",
            "last_name",
            "preferred_name",
            "date_of_birth",
            "room",
            "start_date",
            "leaving_date",
            "key_person",
            "backup_key_person",
        ]
        widgets = {"date_of_birth": DateInput(), "start_date": DateInput(), "leaving_date": DateInput()}
        error_messages = {
            "first_name": {"required": "Enter the child's first name."},
            "last_name": {"required": "Enter the child's last name."},
            "date_of_birth": {
                "required": "Enter the child's date of birth.",
                "invalid": "Enter the date of birth as a real date, for example 27/03/2023.",
            },
            "start_date": {"invalid": "Enter the start date as a real date, for example 01/09/2025."},
            "leaving_date": {"invalid": "Enter the leaving date as a real date, for example 31/07/2026."},
        }

    def __init__(self, *args: Any, setting: Setting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = setting.rooms.all()  # type: ignore[attr-defined]
        staff = staff_of(setting)
        self.fields["key_person"].queryset = staff  # type: ignore[attr-defined]
        self.fields["backup_key_person"].queryset = staff  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        key, backup = data.get("key_person"), data.get("backup_key_person")
        if key and backup and key == backup:
            self.add_error("backup_key_person", "The back-up key person must be someone other than the key person.")
        start, leaving = data.get("start_date"), data.get("leaving_date")
        if start and leaving and leaving < start:
            self.add_error("leaving_date", "The leaving date must be on or after the start date.")
        return data


class AdultForm(ConcurrencyMixin):
    class Meta:
        model = Adult
        fields = [
            "first_name",
            "last_name",
            "email",
            "phone",
            "address",
            "home_languages",
            "preferred_language",
            "interpreter_needed",
            "access_needs",
        ]
        widgets = {"address": forms.Textarea(attrs={"rows": 3}), "access_needs": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "first_name": {"required": "Enter the adult's first name."},
            "last_name": {"required": "Enter the adult's last name."},
            "email": {"invalid": "Enter an email address in the right form, for example name@example.com."},
        }


class LinkForm(ConcurrencyMixin):
    class Meta:
        model = ChildAdult
        fields = [
            "relationship",
            "relationship_detail",
            "parental_responsibility",
            "lives_with_child",
            "legal_guardian",
            "emergency_contact",
            "emergency_priority",
            "no_contact",
            "no_collection",
            "no_information",
            "restriction_reference",
        ]
        error_messages = {"relationship": {"required": "Choose how this adult is related to the child."}}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        restricted = data.get("no_contact") or data.get("no_collection") or data.get("no_information")
        if restricted and not data.get("restriction_reference"):
            self.add_error("restriction_reference", "Say which court order or agreement the restriction comes from.")
        if data.get("emergency_contact") and data.get("no_contact"):
            self.add_error(
                "emergency_contact", "An adult under a no-contact restriction cannot be an emergency contact."
            )
        if data.get("emergency_contact") and not data.get("emergency_priority"):
            self.add_error("emergency_priority", "Give the order in which to call this emergency contact.")
        return data


class NeedForm(ConcurrencyMixin):
    class Meta:
        model = Need
        fields = ["kind", "summary", "severe", "details", "action_plan"]
        error_messages = {
            "kind": {"required": "Choose what kind of need this is."},
            "summary": {"required": "Describe the need in a few words."},
        }
        widgets = {"details": forms.Textarea(attrs={"rows": 3}), "action_plan": forms.Textarea(attrs={"rows": 3})}


class AcceptInvitationForm(forms.Form):
    password1 = forms.CharField(
        label="Choose a password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters. A short sentence is easy to remember and hard to guess.",
    )
    password2 = forms.CharField(
        label="Type it again", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args: Any, adult: Adult, email: str, **kwargs: Any) -> None:
        self.adult = adult
        self.email = email
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", "The two passwords are not the same.")
        elif p1:
            try:
                # an unsaved user, so "too like your name or email" is checked too
                validate_password(
                    p1, user=User(email=self.email, first_name=self.adult.first_name, last_name=self.adult.last_name)
                )
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data
