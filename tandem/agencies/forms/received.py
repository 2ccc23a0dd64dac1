"""Forms of information received from other agencies (R49)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from tandem.core.forms import DateInput

from ..models import Agency, ReceivedItem
from ..services.received import check_document

PDF_ACCEPT = {"accept": "application/pdf,.pdf"}


class PastDateField(forms.DateField):
    """A date on or before today."""

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and value > timezone.localdate():
            raise ValidationError("The date cannot be in the future.")


def date_field(label: str) -> forms.DateField:
    return PastDateField(
        label=label,
        widget=DateInput(),
        initial=timezone.localdate,
        error_messages={"required": "Enter the date.", "invalid": "Enter a real date, for example 5 June 2026."},
    )


class ReceivedItemForm(forms.Form):
    kind = forms.ChoiceField(
        label="What did you receive?",
        choices=ReceivedItem.Kind.choices,
        widget=forms.RadioSelect,
        initial=ReceivedItem.Kind.DOCUMENT,
        error_messages={"required": "Choose a document or a note."},
    )
    title = forms.CharField(
        label="Title", max_length=200, help_text="For example: Speech and language assessment, March."
    )
    agency = forms.ModelChoiceField(
        label="Agency",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="Not in our directory",
        help_text="From your setting's directory of agencies.",
    )
    from_name = forms.CharField(
        label="Who it came from",
        max_length=200,
        help_text="The person and their service, as they gave it. For example: Priya Shah, speech and language "
        "therapist.",
    )
    received_on = date_field("Date it was received")
    file = forms.FileField(
        label="The document",
        required=False,
        help_text="A PDF of at most 10 MB. Scan a letter, or save an email as a PDF.",
        widget=forms.ClearableFileInput(attrs=PDF_ACCEPT),
    )
    body = forms.CharField(
        label="What they told you, or a summary of the document",
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="For a note, write down what was said, when and by whom, as exactly as you can.",
    )
    safeguarding = forms.BooleanField(
        label="This is safeguarding (child protection) information",
        required=False,
        help_text="Only the DSL, the manager and the child's key person will be able to read it.",
    )

    def __init__(self, *args: Any, setting_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(  # type: ignore[attr-defined]
            setting_id=setting_id, active=True
        ).order_by("name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, upload = data.get("kind"), data.get("file")
        if kind == ReceivedItem.Kind.DOCUMENT:
            if not upload:
                self.add_error("file", "Choose the document (a PDF).")
            else:
                try:
                    check_document(upload)
                except ValidationError as error:
                    self.add_error(None, error)
        elif kind == ReceivedItem.Kind.NOTE:
            if upload:
                self.add_error("file", "A note has no document: choose 'A document' to keep a file.")
            if not (data.get("body") or "").strip():
                self.add_error("body", "Write what they told you.")
        return data


class ConsentForm(forms.Form):
    given_by = forms.CharField(
        label="Who at the agency agreed",
        max_length=200,
        help_text="Their name and role. For example: Priya Shah, speech and language therapist.",
    )
    given_on = date_field("Date they agreed")
    scope = forms.CharField(
        label="Who it may be passed to",
        max_length=300,
        help_text="As the agency said. For example: the receiving school, or the health visitor.",
    )
    how = forms.CharField(
        label="How they agreed",
        max_length=200,
        required=False,
        help_text="For example: by email, kept on file; by phone.",
    )
