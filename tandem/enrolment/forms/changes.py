from __future__ import annotations

from django import forms

from tandem.people.forms import AdultForm

from ..models.changes import ChangeRequest


class OwnDetailsForm(AdultForm):
    """The parent's own details, as the record has them now: they change what is out of date."""

    class Meta(AdultForm.Meta):
        labels = {
            "first_name": "Your first name",
            "last_name": "Your last name",
            "email": "Your email address",
            "phone": "Your phone number",
            "address": "Your address",
            "home_languages": "Languages spoken at home",
            "preferred_language": "Language you prefer for letters and messages",
            "interpreter_needed": "I would like an interpreter at meetings",
            "access_needs": "Anything we can do to make things easier for you",
        }
        help_texts = {
            "access_needs": "For example: large print, step-free access, or a quiet room for meetings.",
            "preferred_language": "For example: Polish. Leave blank for English.",
        }
        error_messages = {
            "first_name": {"required": "Enter your first name."},
            "last_name": {"required": "Enter your last name."},
            "email": {"invalid": "Enter an email address in the right form, for example name@example.com."},
        }


class CircumstancesForm(forms.Form):
    category = forms.ChoiceField(
        label="What has changed?",
        choices=ChangeRequest.Category.choices,
        widget=forms.Select,
        error_messages={"required": "Choose what has changed.", "invalid_choice": "Choose what has changed."},
    )
    description = forms.CharField(
        label="Tell us about the change",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Include dates and any new address, names or medical advice. The office will contact you if "
        "they need more.",
        error_messages={
            "required": "Tell us what has changed.",
            "max_length": "Keep it to 5000 characters or fewer.",
        },
    )


class ApplyForm(forms.Form):
    # the fingerprint of the record's values the person applying saw, when they confirm a conflict
    confirm = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="Why is this request declined?",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The parent will read this.",
        error_messages={
            "required": "Give the reason, so the parent knows why.",
            "max_length": "Keep the reason to 5000 characters or fewer.",
        },
    )


class QueueForm(forms.Form):
    show = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[("waiting", "Waiting for a decision"), ("decided", "Already decided")],
    )
