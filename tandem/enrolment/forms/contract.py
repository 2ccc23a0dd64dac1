"""Forms of the partnership agreement: writing a version, and signing one."""

from __future__ import annotations

from django import forms

from ..models.contract import AgreementVersion


class VersionForm(forms.ModelForm):
    based_on = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = AgreementVersion
        fields = ["title", "body"]
        labels = {"body": "Text of the agreement"}
        help_texts = {
            "body": "Write in Markdown: a line starting with ## is a heading, * starts a bullet point, "
            "**bold** for emphasis. Once published, this text never changes: a change is a new version.",
        }
        widgets = {"body": forms.Textarea(attrs={"rows": 24})}
        error_messages = {
            "title": {"required": "Enter a title for the agreement."},
            "body": {"required": "Write the text of the agreement."},
        }


class SignForm(forms.Form):
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={
            "required": "This page is out of date. Open the agreement again.",
            "invalid": "This page is out of date. Open the agreement again.",
            "min_value": "This page is out of date. Open the agreement again.",
        },
    )
    typed_name = forms.CharField(
        label="Your full name",
        max_length=200,
        help_text="Typing your name here is your signature.",
        error_messages={"required": "Type your full name to sign."},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    agree = forms.BooleanField(
        label="I have read this agreement and I agree to it",
        error_messages={"required": "Tick the box to say you have read the agreement and agree to it."},
    )


class CountersignForm(forms.Form):
    back = forms.ChoiceField(choices=[("child", "child"), ("list", "list"), ("record", "record")], required=False)
