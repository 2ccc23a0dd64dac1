"""Forms for access on request (R66): asking, recording a request received in writing or verbally,
extending the deadline, closing, and deciding on a flagged item."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from tandem.core.forms import DateInput
from tandem.people.models import Adult, Child

from ..models import AccessRequest, ReviewItem

Subject = AccessRequest.Subject


class ChildChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return obj.display_name


class AskForm(forms.Form):
    subject = forms.ChoiceField(
        label="What are you asking for?",
        choices=Subject.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what you are asking for."},
    )
    child = ChildChoice(
        label="Which child",
        queryset=Child.objects.none(),
        required=False,
        help_text="Only for your child's records.",
    )
    details = forms.CharField(
        label="Anything in particular",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text="For example: the learning journal from last year, or the notes of a meeting.",
    )

    def __init__(self, *args: Any, children: QuerySet[Child], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        child_field = self.fields["child"]
        assert isinstance(child_field, forms.ModelChoiceField)
        child_field.queryset = children
        if not children.exists():
            self.fields["subject"].choices = [(Subject.SELF.value, Subject.SELF.label)]  # type: ignore[attr-defined]
            del self.fields["child"]
        elif children.count() == 1:
            child_field.initial = children.first()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("subject") == Subject.CHILD and not data.get("child"):
            self.add_error("child", "Choose the child whose records you are asking for.")
        return data


class RecordForm(forms.Form):
    adult = forms.ModelChoiceField(
        label="Who asked", queryset=Adult.objects.none(), error_messages={"required": "Choose who asked."}
    )
    subject = forms.ChoiceField(
        label="What they asked for",
        choices=Subject.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what was asked for."},
    )
    child = ChildChoice(
        label="The child", queryset=Child.objects.none(), required=False, help_text="Only for a child's records."
    )
    how = forms.ChoiceField(
        label="How it was received",
        choices=[(AccessRequest.How.WRITING.value, "In writing"), (AccessRequest.How.VERBAL.value, "Verbally")],
        widget=forms.RadioSelect,
        error_messages={"required": "Say how the request was received."},
    )
    received_on = forms.DateField(
        label="Date received", widget=DateInput(), error_messages={"required": "Enter the date it was received."}
    )
    identity_checked = forms.CharField(
        label="How you confirmed who asked",
        max_length=200,
        error_messages={"required": "Say how you confirmed who asked."},
        help_text="For example: known to the manager in person, or photo ID seen.",
    )
    details = forms.CharField(
        label="What they asked for in particular", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, adults: QuerySet[Adult], children: QuerySet[Child], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["adult"].queryset = adults  # type: ignore[attr-defined]
        self.fields["child"].queryset = children  # type: ignore[attr-defined]
        self.fields["received_on"].initial = timezone.localdate()


class ExtendForm(forms.Form):
    months = forms.TypedChoiceField(
        label="Extend by",
        choices=[(1, "One more month"), (2, "Two more months")],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how long to extend by."},
    )
    reason = forms.CharField(
        label="Why the request is complex",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The requester is told this.",
        error_messages={"required": "Say why the request needs longer: the requester is told."},
    )


class CloseForm(forms.Form):
    reason = forms.CharField(
        label="Why it is closed",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: withdrawn by the requester. The requester is told.",
        error_messages={"required": "Say why the request is closed."},
    )


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[
            (ReviewItem.Decision.RELEASE.value, "Release"),
            (ReviewItem.Decision.WITHHOLD.value, "Withhold"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose release or withhold."},
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text='To withhold, name the exemption: for example "third party has not consented" or "would be '
        'likely to cause serious harm".',
    )
