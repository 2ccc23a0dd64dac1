from __future__ import annotations

from django import forms


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
