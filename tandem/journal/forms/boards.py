"""Forms of the room boards (R19, R20)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from tandem.core.forms import DateInput
from tandem.people.models import Child

from ..models import Area


class BoardForm(forms.Form):
    date = forms.DateField(label="Day", widget=DateInput(), initial=timezone.localdate)
    today = forms.CharField(
        label="Today we explored…",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What the children did, found out and talked about. Families with a child in the room read this.",
        max_length=5000,
    )
    try_at_home = forms.CharField(
        label="Try at home…",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="A simple idea to carry on the learning at home.",
        max_length=3000,
    )


class ChildChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        child: Child = obj
        return child.display_name


class BoardPhotoForm(forms.Form):
    photo = forms.FileField(
        label="Photo or short video",
        help_text="JPEG, PNG or WebP photo, or an MP4 or MOV video. We remove the place and camera details.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,video/mp4,video/quicktime"}),
    )
    caption = forms.CharField(label="Caption", required=False, max_length=300)
    children = ChildChoice(
        label="Children pictured",
        queryset=Child.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Every child who can be seen. A photo is shown to families only if each of them has consent.",
    )
    no_children = forms.BooleanField(label="No children are pictured", required=False)

    def __init__(self, *args: Any, children: QuerySet[Child], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["children"].queryset = children  # type: ignore[attr-defined]


class FocusForm(forms.Form):
    week_starting = forms.DateField(
        label="Week starting", widget=DateInput(), help_text="Any day of the week: we use its Monday."
    )
    area = forms.ModelChoiceField(
        label="Area of learning", queryset=Area.objects.all(), required=False, empty_label="No particular area"
    )
    focus = forms.CharField(
        label="Our focus",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
        help_text="What the room will focus on this week, and why.",
    )
    home_ideas = forms.CharField(
        label="Ideas for home", widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=3000
    )
