"""Forms of observations: recording or changing one, sharing it, commenting on it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from tandem.people.models import Child

from ..models import Area, Aspect, Characteristic, Observation
from ..services.media import MAX_FILES


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one ``<input type="file" multiple>``; checked by the service."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,video/mp4,video/quicktime"})
        )
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class ChildChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Child) -> str:
        return obj.display_name


class ObservationForm(forms.Form):
    children = ChildChoice(
        queryset=Child.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Children",
        help_text="Tick every child this observation is about.",
        error_messages={"required": "Choose at least one child this observation is about."},
    )
    title = forms.CharField(
        max_length=200, required=False, help_text="A few words, for example 'Building a tall tower'."
    )
    text = forms.CharField(
        label="What happened",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="What the children did and said. You can use Markdown: **bold**, * for a list.",
        error_messages={"required": "Write what you saw: what the child did and said."},
    )
    observed_on = forms.DateField(
        label="Date observed",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": "Enter the date you saw this.", "invalid": "Enter a real date, like 14/03/2026."},
    )
    aspects = forms.ModelMultipleChoiceField(
        queryset=Aspect.objects.select_related("area").order_by("-area__prime", "area__order", "order"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Areas of learning",
    )
    characteristics = forms.ModelMultipleChoiceField(
        queryset=Characteristic.objects.order_by("order"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Characteristics of effective learning",
    )
    uploads = MultipleFileField(
        label="Photos and videos",
        help_text=f"Up to {MAX_FILES} at a time: JPEG, PNG or WebP photos (up to 15 MB), MP4 or MOV videos "
        "(up to 100 MB, about a minute). We remove the location and camera details.",
    )
    status = forms.ChoiceField(
        label="Who can see it",
        choices=[
            (Observation.Status.DRAFT, "Draft: only staff, not finished"),
            (Observation.Status.STAFF, "Staff only"),
            (Observation.Status.PUBLISHED, "Shared with the families"),
        ],
        initial=Observation.Status.DRAFT,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, children: QuerySet[Child], with_status: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["children"].queryset = children  # type: ignore[attr-defined]
        self.fields["observed_on"].initial = timezone.localdate()
        if not with_status:
            del self.fields["status"]
        self._children = list(children)

    def child_groups(self) -> list[tuple[str, list[Any]]]:
        """The children's checkboxes grouped by room, for tapping on a tablet."""
        rooms = {c.pk: (c.room.name if c.room else "No room") for c in self._children}
        groups: dict[str, list[Any]] = {}
        for box in self["children"]:
            groups.setdefault(rooms.get(_value(box), "No room"), []).append(box)
        return list(groups.items())

    def aspect_groups(self) -> list[tuple[Area, list[Any]]]:
        """The aspects' checkboxes grouped by area, prime areas first."""
        aspects = {a.pk: a.area for a in self.fields["aspects"].queryset}  # type: ignore[attr-defined]
        groups: dict[int, tuple[Area, list[Any]]] = {}
        for box in self["aspects"]:
            area = aspects[_value(box)]
            groups.setdefault(area.pk, (area, []))[1].append(box)
        return list(groups.values())


def _value(box: Any) -> int:
    value = box.data["value"]
    return int(getattr(value, "value", value))


class UnshareForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(Observation.Status.STAFF, "Staff only"), (Observation.Status.DRAFT, "Draft")],
        initial=Observation.Status.STAFF,
        widget=forms.RadioSelect,
        label="Make it",
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label="Add a comment",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write your comment.", "max_length": "Keep your comment under 4000 characters."},
    )
