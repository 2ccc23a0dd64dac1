"""Forms of photos and videos: a caption and the children pictured."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from tandem.people.models import Child

from .observations import ChildChoice


class MediaForm(forms.Form):
    caption = forms.CharField(max_length=300, required=False, help_text="What is happening in it (optional).")
    children = ChildChoice(
        queryset=Child.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Children in it",
        help_text="Tick only the children who can be seen or heard. A family sees it only while every "
        "child ticked has photo consent.",
    )

    def __init__(self, *args: Any, children: QuerySet[Child], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["children"].queryset = children  # type: ignore[attr-defined]


class RemoveMediaForm(forms.Form):
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput, initial=True)
