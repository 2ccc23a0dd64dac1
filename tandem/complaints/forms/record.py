"""Forms of the Ofsted complaints record, its exports and reviews of practice (R63, R60, R51)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from tandem.core.forms import PurposeForm

from ..models import RecordEntry
from ..selectors.record import default_period

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PeriodForm(forms.Form):
    """The period of the record (received between these dates); the last three years by default."""

    date_from = forms.DateField(
        label="Received from", widget=DATE, error_messages={"invalid": "Enter the first day as a date."}
    )
    date_to = forms.DateField(label="to", widget=DATE, error_messages={"invalid": "Enter the last day as a date."})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        start, end = default_period()
        self.fields["date_from"].initial, self.fields["date_to"].initial = start, end

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError("The first day must be on or before the last day.")
        return data

    def period(self) -> tuple[dt.date, dt.date]:
        """The period asked for, or the default when the form is empty or wrong."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["date_from"], self.cleaned_data["date_to"]
        return default_period()


class RecordExportForm(PurposeForm):
    PURPOSES = [
        ("inspection", "For an Ofsted inspection"),
        ("request", "Ofsted or the childminder agency asked for it"),
        ("review", "For the owners', directors' or trustees' review"),
    ]

    format = forms.ChoiceField(
        label="Format",
        choices=[("pdf", "PDF, to print or send"), ("csv", "CSV, for a spreadsheet")],
        widget=forms.RadioSelect,
        initial="pdf",
        error_messages={"required": "Choose PDF or CSV."},
    )
    date_from = forms.DateField(widget=forms.HiddenInput)
    date_to = forms.DateField(widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError("The first day must be on or before the last day.")
        return data


class DocumentationForm(PurposeForm):
    PURPOSES = [
        ("ofsted", "Ofsted or the childminder agency is looking into the complaint"),
        ("appeal", "For the line manager's or the owners' investigation or appeal"),
        ("legal", "For legal advice"),
    ]


class ClassifyForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = RecordEntry
        fields = ["area", "nature"]
        labels = {"area": "Which area of the EYFS requirements is it about?", "nature": "Nature in brief"}
        widgets = {"area": forms.RadioSelect}
        error_messages = {"area": {"required": "Choose the area the complaint is about."}}


class ReviewForm(forms.Form):
    findings = forms.CharField(
        label="What the review found",
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What went wrong and why; what worked. Keep to practice, not people's private details.",
    )
    actions = forms.CharField(
        label="What will change in practice",
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Each change, who will make it and by when; or why nothing needs to change.",
    )
