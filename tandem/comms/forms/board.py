"""The form for a notice board document (a PDF, checked from its bytes)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from ..models.board import SettingDocument
from ..services.board import check_pdf


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(
        label="What it is",
        choices=SettingDocument.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of document it is."},
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For example: Ofsted inspection report, or Safeguarding and child protection policy.",
        error_messages={"required": "Write a title."},
    )
    summary = forms.CharField(
        label="Summary",
        max_length=300,
        required=False,
        help_text="For an Ofsted report, the overall judgement (for example: Overall effectiveness: Good). "
        "For a policy, what it covers.",
    )
    dated = forms.DateField(
        label="Date",
        help_text="The date of the inspection, or when the policy was last reviewed.",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={
            "required": "Enter the date of the inspection or of the last review.",
            "invalid": "Enter a real date, for example 14/03/2026.",
        },
    )
    file = forms.FileField(
        label="The document (PDF)",
        help_text="A PDF file of at most 10 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
        error_messages={"required": "Choose a PDF file."},
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        try:
            check_pdf(upload)
        except ValidationError as error:
            raise ValidationError(error.message_dict["file"]) from None
        return upload
