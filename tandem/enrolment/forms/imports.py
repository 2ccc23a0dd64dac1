from __future__ import annotations

from django import forms


class UploadForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="One row for each child and adult pair. Save your spreadsheet as 'CSV UTF-8'. Up to 2 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
        error_messages={"required": "Choose the CSV file to import."},
    )


class ConfirmForm(forms.Form):
    invite = forms.BooleanField(
        label="Email an invitation to every new adult with an email address",
        required=False,
        initial=True,
    )
