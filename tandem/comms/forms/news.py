"""Forms of news and notices: writing a post, scheduling it, filtering the list, recording that
it was explained in person."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from tandem.core.forms import ConcurrencyMixin
from tandem.core.models import Room, Setting
from tandem.people.models import Child

from ..models.news import Post
from ..selectors.news import STATUSES, rooms_and_children
from . import BoundedChoices


class ChildChoice(BoundedChoices):
    def label_from_instance(self, obj: Any) -> str:
        room = f" ({obj.room.name})" if obj.room_id else ""
        return f"{obj.display_name}{room}"


class PostForm(ConcurrencyMixin):
    rooms = BoundedChoices(
        queryset=Room.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Rooms",
        help_text="When sending to the families of chosen rooms.",
    )
    children = ChildChoice(
        queryset=Child.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Children",
        help_text="When sending to chosen families: their parents and carers receive it.",
    )

    class Meta:
        model = Post
        fields = ["kind", "title", "body", "audience", "important", "pinned", "send_email"]
        labels = {
            "kind": "What kind of post",
            "body": "Text",
            "audience": "Who receives it",
            "important": "Important: ask each parent to confirm they have read and understood it",
            "pinned": "Pin it to the notice board",
            "send_email": "Tell families (in Tandem, and by email as each person chooses)",
        }
        help_texts = {
            "body": "Markdown: **bold**, *italic*, lists with - at the start of a line, [link text](https://…). "
            "No pictures.",
        }
        widgets = {
            "kind": forms.RadioSelect,
            "audience": forms.RadioSelect,
            "body": forms.Textarea(attrs={"rows": 12}),
        }
        error_messages = {
            "title": {"required": "Write a title."},
            "body": {"required": "Write the text of the post."},
        }

    def __init__(self, *args: Any, setting: Setting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rooms, children = rooms_and_children(setting)
        self.fields["rooms"].queryset = rooms  # type: ignore[attr-defined]
        self.fields["children"].queryset = children.select_related("room")  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["rooms"].initial = list(self.instance.rooms.values_list("pk", flat=True))
            self.fields["children"].initial = list(self.instance.children.values_list("pk", flat=True))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        audience = data.get("audience")
        if audience == Post.Audience.ROOMS and not data.get("rooms"):
            self.add_error("rooms", "Choose at least one room.")
        if audience == Post.Audience.FAMILIES and not data.get("children"):
            self.add_error("children", "Choose at least one child: their families receive it.")
        return data


class ScheduleForm(forms.Form):
    publish_at = forms.DateTimeField(
        label="Publish on",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M"],
        help_text="The date and time it goes to families (UK time).",
        error_messages={
            "required": "Enter the date and time to publish it.",
            "invalid": "Enter a real date and time, for example 14/03/2026 08:00.",
        },
    )

    def clean_publish_at(self) -> Any:
        when = self.cleaned_data["publish_at"]
        if when <= timezone.now():
            raise forms.ValidationError("Choose a time in the future, or publish it now.")
        return when


class FilterForm(forms.Form):
    kind = forms.ChoiceField(label="Kind", required=False, choices=[("", "Any kind"), *Post.Kind.choices])
    status = forms.ChoiceField(label="Status", required=False, choices=[("", "Any status"), *STATUSES])


class ArchiveFilterForm(forms.Form):
    kind = forms.ChoiceField(label="Show", required=False, choices=[("", "Everything"), *Post.Kind.choices])


class InPersonForm(forms.Form):
    note = forms.CharField(
        label="Note",
        max_length=300,
        help_text="Who explained it, when and how. For example: Explained by Amira at collection, with an interpreter.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write a short note: who explained it, and how."},
    )
