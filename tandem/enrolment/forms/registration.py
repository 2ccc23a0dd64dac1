"""Forms of registration (R7) and session changes (R13)."""

from __future__ import annotations

from typing import Any

from django import forms

from tandem.people.forms import DateInput

from ..models.registration import DAYS, PARTS, Registration, validate_sessions

SESSION_CHOICES = [(f"{d}_{p}", part.capitalize()) for d, _day in DAYS for p, part in PARTS]
DATE_ERRORS = {"invalid": "Enter a real date, for example 01/09/2026."}


class SessionsField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("choices", SESSION_CHOICES)
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": "Choose the sessions from the list.", "required": "Choose at least one session."},
        )
        super().__init__(**kwargs)

    def clean(self, value: Any) -> list[str]:
        codes = super().clean(value)
        try:
            return validate_sessions(list(codes))
        except forms.ValidationError as error:
            raise forms.ValidationError(error.messages[0]) from None


class SessionsMixin:
    """Group the session checkboxes by day, for a fieldset a day."""

    def session_days(self) -> list[tuple[str, list[Any]]]:
        boxes = list(self["sessions"])  # type: ignore[index]
        return [(day, boxes[i * len(PARTS) : (i + 1) * len(PARTS)]) for i, (_, day) in enumerate(DAYS)]


class RegistrationForm(SessionsMixin, forms.ModelForm):
    sessions = SessionsField(label="Sessions you would like", required=False)
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    help_note = forms.CharField(
        label="How did you help?",
        max_length=300,
        required=False,
        help_text="For example: completed over the phone with Mum, or filled in together at the settling-in visit.",
    )

    class Meta:
        model = Registration
        fields = [
            "sessions",
            "preferred_start_date",
            "gp_name",
            "gp_surgery",
            "gp_phone",
            "health_visitor",
            "home_languages",
            "dietary_needs",
            "medical_needs",
            "anything_else",
        ]
        labels = {
            "preferred_start_date": "When would you like your child to start?",
            "health_visitor": "Health visitor",
            "home_languages": "Languages spoken at home",
            "dietary_needs": "Dietary needs",
            "medical_needs": "Medical needs",
            "anything_else": "Anything else you would like us to know",
        }
        help_texts = {
            "health_visitor": "Their name and phone number, if you have one.",
            "home_languages": "For example: English and Polish.",
            "dietary_needs": "Allergies, intolerances, and foods your child does not eat for religious or other "
            "reasons.",
            "medical_needs": "Conditions, medicines, and what we should do. Leave blank if there are none.",
        }
        widgets = {
            "preferred_start_date": DateInput(),
            "dietary_needs": forms.Textarea(attrs={"rows": 3}),
            "medical_needs": forms.Textarea(attrs={"rows": 3}),
            "anything_else": forms.Textarea(attrs={"rows": 4}),
            "gp_phone": forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
        }
        error_messages = {"preferred_start_date": DATE_ERRORS}

    def __init__(self, *args: Any, helping: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not helping:
            del self.fields["help_note"]


class ReviewForm(forms.Form):
    apply_languages = forms.BooleanField(
        label="Copy the home languages to the parents' records where none are recorded yet", required=False
    )


class SessionChangeForm(SessionsMixin, forms.Form):
    sessions = SessionsField(label="The sessions you would like")
    from_date = forms.DateField(
        label="From",
        widget=DateInput(),
        help_text="The first day of the new pattern.",
        error_messages={"required": "Enter the date the change should start.", **DATE_ERRORS},
    )
    reason = forms.CharField(
        label="Anything we should know",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: I am starting a new job on Mondays.",
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("approve", "Approve the change"), ("decline", "Decline the change")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to approve or decline the change."},
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when you decline: the family will read it.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "decline" and not (data.get("reason") or "").strip():
            self.add_error("reason", "Give a reason for declining, so the family understands.")
        return data
