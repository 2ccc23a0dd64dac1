"""Forms of concerns and complaints (R56–R60): raising one, recording one, and each step."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from ..models.complaints import Complaint, ComplaintStep
from ..services.complaints import DECISIONS, STAFF_VIA, STEP_KINDS

Kind = ComplaintStep.Kind
KIND_CHOICES = [
    (Complaint.Kind.CONCERN, "A concern: I am worried or unhappy about something and would like it put right"),
    (Complaint.Kind.COMPLAINT, "A complaint: I want it formally investigated and a written response"),
]
STAFF_KIND_CHOICES = [
    (Complaint.Kind.CONCERN, "A concern about the quality of the service or practice"),
    (Complaint.Kind.COMPLAINT, "A complaint"),
]
SOMEONE_ELSE = "other"


def _text(label: str, help_text: str = "", *, required: bool = True, rows: int = 5, message: str = "") -> Any:
    return forms.CharField(
        label=label,
        required=required,
        max_length=10_000,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": message or f"{label}: this is needed."},
    )


def _choices(form: forms.Form, name: str, choices: list[tuple[Any, str]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def _id(value: str) -> int | None:
    return int(value) if value and value.isascii() and value.isdigit() and len(value) < 12 else None


class RaiseForm(forms.Form):
    kind = forms.ChoiceField(
        label="Is this a concern or a complaint?",
        choices=KIND_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether this is a concern or a complaint."},
    )
    summary = _text(
        "What happened, or what are you unhappy about?",
        "Say what happened, when, and who was involved, if you know.",
        rows=7,
        message="Tell us what happened or what you are unhappy about.",
    )
    desired_outcome = _text(
        "What would you like to happen?", "For example: an explanation, an apology, a change.", required=False, rows=3
    )
    about_staff = forms.ChoiceField(
        label="Is it about a member of staff?",
        required=False,
        help_text="If it is about a particular member of staff, choose them: the setting manager will deal with it.",
    )

    def __init__(self, *args: Any, staff: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "about_staff", [("", "No, it is not about one person"), *staff])

    def clean_about_staff(self) -> int | None:
        return _id(self.cleaned_data.get("about_staff") or "")


class RecordForm(forms.Form):
    """Staff write down a concern or complaint made in person, by phone or in writing."""

    child = forms.ChoiceField(label="Which child is it about?", required=False)
    via = forms.ChoiceField(
        label="How was it made?",
        choices=[(v, Complaint.Via(v).label) for v in STAFF_VIA],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the concern or complaint was made."},
    )
    received_on = forms.DateField(
        label="When was it made?",
        required=False,
        help_text="Leave empty for today.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    complainant = forms.ChoiceField(label="Who made it?", required=False)
    complainant_name = forms.CharField(
        label="Their name",
        required=False,
        max_length=200,
        help_text="When it is not one of the child's parents or carers.",
    )
    complainant_contact = forms.CharField(
        label="How to reply to them", required=False, max_length=200, help_text="An email address or phone number."
    )
    kind = forms.ChoiceField(
        label="Is it a concern or a complaint?",
        choices=STAFF_KIND_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether this is a concern or a complaint."},
    )
    summary = _text(
        "The key issues",
        "Write down the key issues in the complainant's own words where you can.",
        rows=7,
        message="Write down the key issues.",
    )
    desired_outcome = _text("What they would like to happen", required=False, rows=3)
    about_staff = forms.ChoiceField(label="Is it about a member of staff?", required=False)

    def __init__(
        self,
        *args: Any,
        staff: list[tuple[int, str]],
        complainants: list[tuple[int, str]] | None = None,
        children: list[tuple[int, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "about_staff", [("", "No, it is not about one person"), *staff])
        if complainants is None:
            del self.fields["complainant"]
        else:
            _choices(self, "complainant", [*complainants, (SOMEONE_ELSE, "Someone else")])
            self.fields["complainant"].initial = complainants[0][0] if complainants else SOMEONE_ELSE
        if children is None:
            del self.fields["child"]
        else:
            _choices(self, "child", [("", "No particular child"), *children])

    def clean_received_on(self) -> Any:
        day = self.cleaned_data.get("received_on")
        if day and day > timezone.localdate():
            raise forms.ValidationError("The date it was made cannot be in the future.")
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["about_staff"] = _id(data.get("about_staff") or "")
        data["child"] = _id(data.get("child") or "")
        data["complainant_link_id"] = _id(data.get("complainant") or "")
        if not data["complainant_link_id"] and not (data.get("complainant_name") or "").strip():
            self.add_error("complainant_name", "Write the name of the person who made it.")
        return data


class StepForm(forms.Form):
    kind = forms.ChoiceField(
        label="What was done?", widget=forms.RadioSelect, error_messages={"required": "Choose what was done."}
    )
    text = _text("What was said or done", rows=5, message="Write what was done or said.")
    shared = forms.BooleanField(
        label="Share this step with the complainant",
        required=False,
        help_text="They will see it on their complaint's page. Feedback is always shared.",
    )

    LABELS: dict[str, str] = {
        Kind.LISTENED: "Listened to the parent and acknowledged what they are unhappy about",
        Kind.EXPLAINED: "Gave an explanation",
        Kind.APOLOGISED: "Apologised",
        Kind.INVESTIGATION: "Investigation: what was looked into, who was spoken to",
        Kind.MEETING: "Met the complainant",
        Kind.FEEDBACK: "Gave feedback to the complainant (meets the time limit for feedback)",
        Kind.NOTE: "A note for the record (not shared unless you tick below)",
    }

    def __init__(self, *args: Any, stage: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "kind", [(k, self.LABELS.get(k, Kind(k).label)) for k in STEP_KINDS.get(stage, ())])


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label="The outcome",
        choices=[(o, Complaint.Outcome(o).label) for o in DECISIONS],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the complaint is upheld, partly upheld or not upheld."},
    )
    text = _text(
        "What was found, and what will happen",
        "This is shared with the complainant: write it for them.",
        rows=7,
        message="Explain the outcome: what was found and what will happen.",
    )


class TextForm(forms.Form):
    """One piece of text: closing, passing on, the report, the complainant's reasons."""

    text = _text("Text", rows=5)

    def __init__(self, *args: Any, label: str, help_text: str = "", required: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["text"]
        field.label, field.help_text, field.required = label, help_text, required
        field.error_messages["required"] = f"{label}: please write something."


class FilterForm(forms.Form):
    stage = forms.ChoiceField(label="Stage", required=False, choices=[("", "Any stage"), *Complaint.Stage.choices])
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "Concerns and complaints"), *Complaint.Kind.choices]
    )
    status = forms.ChoiceField(
        label="Open or closed",
        required=False,
        choices=[("", "Open and closed"), ("open", "Open"), ("closed", "Closed")],
    )
    overdue = forms.BooleanField(label="Only overdue", required=False)
