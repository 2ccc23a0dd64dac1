from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

T = TypeVar("T")


class PhotoForm(forms.Form):
    photo = forms.FileField(
        label="Your photo",
        required=False,
        help_text="A friendly, clear photo of your face. JPEG, PNG or WebP, up to 10 MB. "
        "We remove the location and camera details from it.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove = forms.BooleanField(label="Remove my photo", required=False)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not data.get("photo") and not data.get("remove"):
            raise forms.ValidationError("Choose a photo, or tick 'Remove my photo'.")
        return data


def submit(request: HttpRequest, form: forms.BaseForm, run: Callable[[dict[str, Any]], T], success: str) -> T | None:
    """The one way a view saves a form: if it was posted and is valid, call the service with the
    cleaned data and say ``success``; a ``ValidationError`` from the service lands on the form
    (field by field where it names fields), so bad input never becomes a 500. ``None`` means
    "show the form again"."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = run(form.cleaned_data)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return None
    messages.success(request, success)
    return result
