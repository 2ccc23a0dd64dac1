"""Forms of messages (R26): a new conversation, a reply, a change at home, the staff's tools, the inbox filter."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from tandem.core.models import User
from tandem.people.forms import DateInput

from ..models.messages import Thread
from ..services.messages import MAX_BODY, MAX_FILES, MAX_SUBJECT

ACCEPT = "image/jpeg,image/png,image/webp,application/pdf"
FILES_HELP = (
    f"Up to {MAX_FILES} files, 10 MB each: photos (JPEG, PNG or WebP) or PDF documents. "
    "We remove the location and camera details from photos."
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files from one input; the service checks what they really are."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:  # type: ignore[override]
        single = super().clean
        items = data if isinstance(data, list | tuple) else [data]
        files = [single(item, initial) for item in items if item]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(f"Attach at most {MAX_FILES} files to one message.")
        return [f for f in files if f]


class Boxes(forms.CheckboxSelectMultiple):
    """Tick boxes whose error-summary link goes to the first box (Django gives the group no id)."""

    def id_for_label(self, id_: str, index: str | None = None) -> str:
        return super().id_for_label(id_, "0" if index is None else index)


class Radios(forms.RadioSelect):
    def id_for_label(self, id_: str, index: str | None = None) -> str:
        return super().id_for_label(id_, "0" if index is None else index)


def _body(label: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=help_text,
        error_messages={
            "required": "Write your message.",
            "max_length": f"Keep your message to {MAX_BODY:,} characters or fewer.",
        },
    )


def _attachments() -> AttachmentsField:
    return AttachmentsField(label="Attach photos or documents", required=False, help_text=FILES_HELP)


class ReplyForm(forms.Form):
    body = _body("Your reply")
    attachments = _attachments()


class PeopleMixin:
    """A tick box for each adult who may be put in the thread, listed by name."""

    fields: dict[str, forms.Field]

    def set_people(self, people: list[tuple[int, str]], *, family: bool, child_name: str) -> None:
        field = self.fields["people"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = people
        if family:
            field.label = "Also share this conversation with"
            field.help_text = (
                "They will see it and can reply too. Leave these unticked to keep it between you and the setting."
            )
            field.required = False
        else:
            field.label = "Who is it for?"
            field.help_text = (
                f"{child_name}'s parents and carers who use Tandem. Those with parental responsibility are ticked."
            )
            field.required = True


def _people() -> forms.TypedMultipleChoiceField:
    return forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        widget=Boxes,
        error_messages={
            "required": "Choose at least one person to send it to.",
            "invalid_choice": "Choose only from the people listed.",
        },
    )


TOPICS = [(value, label) for value, label in Thread.Topic.choices if value != Thread.Topic.CHANGE_AT_HOME]


class NewThreadForm(PeopleMixin, forms.Form):
    subject = forms.CharField(
        label="Subject",
        max_length=MAX_SUBJECT,
        help_text="A few words, for example: New wellies for outdoor play.",
        error_messages={
            "required": "Give your message a subject.",
            "max_length": f"Keep the subject to {MAX_SUBJECT} characters or fewer.",
        },
    )
    topic = forms.ChoiceField(
        label="What is it about?",
        choices=TOPICS,
        initial=Thread.Topic.GENERAL,
        error_messages={"required": "Choose what the message is about.", "invalid_choice": "Choose from the list."},
    )
    body = _body("Your message")
    attachments = _attachments()
    people = _people()


class ChangeAtHomeForm(PeopleMixin, forms.Form):
    change_kind = forms.ChoiceField(
        label="What has changed?",
        choices=Thread.ChangeKind.choices,
        widget=Radios,
        error_messages={"required": "Choose what has changed.", "invalid_choice": "Choose from the list."},
    )
    change_from = forms.DateField(
        label="When did it start, or when will it start?",
        required=False,
        widget=DateInput(),
        help_text="Leave this empty if you are not sure.",
        error_messages={"invalid": "Enter a real date, for example 01/03/2027."},
    )
    what_changed = forms.CharField(
        label="Tell us what has changed",
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="As much or as little as you like. For example: our new baby arrived on Sunday; "
        "she is sleeping less well since we moved; her dad now works nights.",
        error_messages={
            "required": "Tell us what has changed.",
            "max_length": f"Keep this to {MAX_BODY:,} characters or fewer.",
        },
    )
    how_we_can_help = forms.CharField(
        label="Is there anything we can do?",
        required=False,
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example: a quiet space to rest, a book about new babies, a chat at home time.",
        error_messages={"max_length": f"Keep this to {MAX_BODY:,} characters or fewer."},
    )
    people = _people()


class StaffChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.email


class ManageForm(forms.Form):
    assigned_to = StaffChoice(
        label="Who answers it",
        queryset=User.objects.none(),
        required=False,
        empty_label="No one yet",
        error_messages={"invalid_choice": "Choose someone from the list."},
    )
    follow_up_on = forms.DateField(
        label="Follow it up on",
        required=False,
        widget=DateInput(),
        help_text="It shows in the inbox under “Follow-up due” from that day.",
        error_messages={"invalid": "Enter a real date, for example 01/03/2027."},
    )

    def __init__(self, *args: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assigned_to"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = staff


class InboxFilterForm(forms.Form):
    q = forms.CharField(label="Search by child or subject", required=False, max_length=100)
    status = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[("open", "Open"), ("closed", "Closed"), ("all", "Open and closed")],
    )
    topic = forms.ChoiceField(label="Topic", required=False, choices=[("", "Any topic"), *Thread.Topic.choices])
    unread = forms.BooleanField(label="Unread for me", required=False)
    mine = forms.BooleanField(label="Assigned to me", required=False)
    due = forms.BooleanField(label="Follow-up due", required=False)
