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


class ConcurrencyMixin(forms.ModelForm):  # type: ignore[type-arg]
    """Two people editing the same record never silently lose one edit.

    The form carries a fingerprint of the record's fields as they were when it was shown. On save,
    if the record has changed since (someone else saved first), the form refuses with a clear
    message and shows the current values, so the person can check and save again."""

    fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)
    CHANGED_MESSAGE = (
        "Someone else changed this record while you were editing it. The form now shows their "
        "changes: check them, then save again."
    )

    def _current_fingerprint(self) -> str:
        import hashlib

        instance = self.instance
        if instance.pk is None:
            return ""
        fresh = type(instance)._default_manager.filter(pk=instance.pk).values(*self._meta.fields or []).first()
        return hashlib.sha256(repr(sorted((fresh or {}).items())).encode()).hexdigest()[:32]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fingerprint"].initial = self._current_fingerprint()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        seen = data.pop("fingerprint", "") or ""
        current = self._current_fingerprint()
        # A form shown by Tandem always carries its fingerprint; a post without one is not checked.
        if self.instance.pk is not None and seen and seen != current:
            # show the current values, as for a new form
            fresh_data: Any = self.data.copy()  # type: ignore[attr-defined]
            fresh_data[self.add_prefix("fingerprint")] = current
            fresh = type(self.instance)._default_manager.get(pk=self.instance.pk)
            for name in self._meta.fields or []:
                value = getattr(fresh, name)
                if hasattr(value, "pk"):
                    value = value.pk
                fresh_data[self.add_prefix(name)] = "" if value is None else value
            self.data = fresh_data
            raise forms.ValidationError(self.CHANGED_MESSAGE)
        return data


class PurposeForm(forms.Form):
    """Why a child's record (or a part of it) is exported or printed (R51): a common purpose from
    ``PURPOSES``, or one typed. ``cleaned_data["purpose"]`` is what ``core.exports.record_export`` logs.
    Subclasses set ``PURPOSES`` and may reword the question (``QUESTION``, ``MISSING``)."""

    OTHER = "other"
    PURPOSES: list[tuple[str, str]] = []
    QUESTION = "Why are you exporting or printing it?"
    MISSING = "Say why you are exporting or printing it."

    reason = forms.ChoiceField(widget=forms.RadioSelect)
    other = forms.CharField(
        label="Another reason",
        required=False,
        max_length=200,
        help_text="Only if you chose 'Another reason'. No one's name, please.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reason = self.fields["reason"]
        reason.label = self.QUESTION
        reason.error_messages["required"] = self.MISSING
        reason.choices = [*self.PURPOSES, (self.OTHER, "Another reason")]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        reason = data.get("reason")
        other = " ".join((data.get("other") or "").split())
        if reason == self.OTHER:
            if not other:
                self.add_error("other", "Write the reason.")
            data["purpose"] = other
        elif reason:
            data["purpose"] = dict(self.PURPOSES)[reason]
        return data


class DateInput(forms.DateInput):
    """The browser's date picker, given and read back as ISO dates (so a bound form shows its value)."""

    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)
