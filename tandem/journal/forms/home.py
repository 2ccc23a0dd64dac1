"""Forms for learning at home: a family's observation, and the key person's acknowledgement."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from tandem.people.forms import DateInput

from ..models import Area, Aspect
from ..services.home import MAX_REPLY, MAX_STEP, MAX_TEXT, MAX_TITLE
from ..services.media import MAX_FILES

ACCEPT = "image/jpeg,image/png,image/webp,image/heic,video/mp4,video/quicktime"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; the service checks what they really are."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:  # type: ignore[override]
        single = super().clean
        if isinstance(data, list | tuple):
            files = [single(item, initial) for item in data if item]
        else:
            files = [single(data, initial)] if data else []
        if len(files) > MAX_FILES:
            raise forms.ValidationError(f"Add at most {MAX_FILES} photos or videos at a time.")
        return [f for f in files if f]


def aspect_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """The aspects grouped under their area of learning (one query)."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for aspect in Aspect.objects.select_related("area").order_by("area__order", "order"):
        groups.setdefault(aspect.area.name, []).append((aspect.pk, aspect.name))
    return list(groups.items())


class AspectsField(forms.TypedMultipleChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            coerce=int,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            error_messages={"invalid_choice": "Choose only from the areas of learning listed."},
            **kwargs,
        )


def _aspects(values: Sequence[int]) -> list[Aspect]:
    found = Aspect.objects.in_bulk(list(values))
    return [found[v] for v in values if v in found]


class HomeObservationForm(forms.Form):
    title = forms.CharField(
        label="A title",
        required=False,
        max_length=MAX_TITLE,
        help_text="For example: Baking at Grandma's.",
        error_messages={"max_length": f"Keep the title to {MAX_TITLE} characters or fewer."},
    )
    text = forms.CharField(
        label="What happened",
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What they did, what they said, what surprised you. Their own words are lovely to have.",
        error_messages={
            "required": "Write what happened: what they did or said.",
            "max_length": f"Keep this to {MAX_TEXT:,} characters or fewer.",
        },
    )
    observed_on = forms.DateField(
        label="When",
        widget=DateInput(),
        error_messages={
            "required": "Enter the date it happened.",
            "invalid": "Enter the date as a real date, for example 01/03/2027.",
        },
    )
    photos = MultipleFileField(
        label="Photos or short videos",
        required=False,
        help_text=f"Up to {MAX_FILES}. JPEG, PNG or WebP photos, MP4 or MOV videos. We remove the location "
        "and camera details. They are only ever shown to you and to the setting's staff.",
    )
    aspects = AspectsField(
        label="What it shows",
        help_text="Tick any that fit, if you like. The key person can add more.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["aspects"].choices = aspect_choices()  # type: ignore[attr-defined]

    def clean_aspects(self) -> list[Aspect]:
        return _aspects(self.cleaned_data.get("aspects") or [])


class NewHomeObservationForm(HomeObservationForm):
    next_step = forms.CharField(
        label="A next step you would like to suggest",
        required=False,
        max_length=MAX_STEP,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Something you would like them to try or to get better at, at home and at the setting. "
        "For example: putting on her coat by herself.",
        error_messages={"max_length": f"Keep the next step to {MAX_STEP} characters or fewer."},
    )
    next_step_area = forms.ModelChoiceField(
        label="Area of learning of the next step",
        queryset=Area.objects.order_by("order"),
        required=False,
        empty_label="Not sure",
        error_messages={"invalid_choice": "Choose an area of learning from the list, or 'Not sure'."},
    )


class AcknowledgeForm(forms.Form):
    BACK = (("queue", "queue"), ("child", "child"))
    back = forms.ChoiceField(choices=BACK, required=False, widget=forms.HiddenInput)
    acknowledgement = forms.CharField(
        label="Your reply",
        required=False,
        max_length=MAX_REPLY,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The family reads this with their observation. For example: Thank you! We will bake "
        "bread on Thursday too.",
        error_messages={"max_length": f"Keep the reply to {MAX_REPLY:,} characters or fewer."},
    )
