"""Forms of sharing with agencies and schools (R48, R51). The services check everything again."""

from __future__ import annotations

from typing import Any

from django import forms

from tandem.core.forms import DateInput

from ..models import Share, SharingDecision

PARENTS_TOLD_HELP = (
    "Tell them unless that would put the child at greater risk of significant harm (or hinder a police "
    "investigation). If not yet, or not at all, say why."
)


class ParentsToldForm(forms.Form):
    parents_told = forms.ChoiceField(
        label="Were the parents told?",
        choices=SharingDecision.ParentsTold.choices,
        widget=forms.RadioSelect,
        help_text=PARENTS_TOLD_HELP,
        error_messages={"required": "Say whether the parents were told."},
    )
    parents_told_on = forms.DateField(
        label="When they were told",
        required=False,
        widget=DateInput(),
        help_text="If they were told.",
        error_messages={"invalid": "Enter a real date, for example 3 March 2027."},
    )
    not_told_reason = forms.CharField(
        label="Why they have not been told",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="If not yet or not at all: why, and when they will be told if they will.",
    )


class DecisionForm(ParentsToldForm):
    reason = forms.CharField(
        label="Why you are sharing without consent",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Why the child may be suffering, or be likely to suffer, significant harm, and why consent is "
        "not sought (or was refused and you are overriding it).",
        error_messages={"required": "Say why the child may be suffering, or be likely to suffer, significant harm."},
    )
    with_whom = forms.CharField(
        label="Who the information may go to",
        max_length=300,
        help_text="For example: children's social care (the MASH), the police.",
        error_messages={"required": "Say who the information may go to."},
    )
    field_order = ["reason", "with_whom", "parents_told", "parents_told_on", "not_told_reason"]


class ShareForm(forms.Form):
    recipient = forms.ChoiceField(
        label="Who it is shared with",
        help_text="Someone from the setting's directory of agencies and schools, or a visiting professional.",
        error_messages={"required": "Choose who it is shared with.", "invalid_choice": "Choose from the list."},
    )
    purpose = forms.CharField(
        label="Why you are sharing it",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The purpose, in a sentence: for example, the referral for a speech and language assessment.",
        error_messages={
            "required": "Say why you are sharing it.",
            "max_length": "Keep the purpose to 300 characters.",
        },
    )
    delivery = forms.ChoiceField(
        label="How it will reach them",
        choices=Share.Delivery.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how it will be shared."},
    )

    def __init__(self, *args: Any, recipients: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipient"].choices = [("", "Choose…"), *recipients]  # type: ignore[attr-defined]


class ItemsForm(forms.Form):
    items = forms.MultipleChoiceField(
        label="What goes into the share pack",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one item.", "invalid_choice": "Choose items from the list."},
    )

    def __init__(self, *args: Any, values: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = [(v, v) for v in values]  # type: ignore[attr-defined]


class RecordForm(forms.Form):
    basis = forms.ChoiceField(
        label="The basis for sharing",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the basis for sharing."},
    )
    consent_by = forms.ChoiceField(
        label="Who consented",
        required=False,
        help_text="A parent or carer with parental responsibility.",
    )
    consent_on = forms.DateField(
        label="When they consented",
        required=False,
        widget=DateInput(),
        error_messages={"invalid": "Enter a real date, for example 3 March 2027."},
    )
    consent_how = forms.CharField(
        label="How they consented", required=False, max_length=200, help_text="For example: signed form, in person."
    )
    decision = forms.ChoiceField(
        label="The DSL's decision to share without consent",
        required=False,
        help_text="Only a decision recorded by the DSL for this child can be used.",
    )

    def __init__(
        self, *args: Any, adults: list[tuple[int, str]], decisions: list[tuple[int, str]] | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        basis = self.fields["basis"]
        if decisions is None:
            basis.choices = [(Share.Basis.CONSENT, Share.Basis.CONSENT.label)]  # type: ignore[attr-defined]
            del self.fields["decision"]
        else:
            basis.choices = Share.Basis.choices  # type: ignore[attr-defined]
            self.fields["decision"].choices = [("", "Choose…"), *decisions]  # type: ignore[attr-defined]
        self.fields["consent_by"].choices = [("", "Choose…"), *adults]  # type: ignore[attr-defined]


class LogFilterForm(forms.Form):
    basis = forms.ChoiceField(label="Basis", required=False, choices=[("", "Any basis"), *Share.Basis.choices])
    agency = forms.TypedChoiceField(label="Agency", required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, agencies: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [("", "Any agency"), *agencies]  # type: ignore[attr-defined]
