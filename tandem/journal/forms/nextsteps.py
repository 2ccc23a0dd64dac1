"""Forms for next steps: staff add or move one on; a family suggests one."""

from __future__ import annotations

from django import forms

from ..models import Area, NextStep
from ..services.nextsteps import MAX_NOTE, MAX_TEXT

Status = NextStep.Status


def _area_field(label: str = "Area of learning") -> forms.ModelChoiceField[Area]:
    return forms.ModelChoiceField(
        label=label,
        queryset=Area.objects.order_by("order"),
        required=False,
        empty_label="Not sure" if label != "Area of learning" else "None chosen",
        error_messages={"invalid_choice": "Choose an area of learning from the list."},
    )


class StepForm(forms.Form):
    text = forms.CharField(
        label="Next step",
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="In plain words the family understands. For example: to pour her own drink at snack time.",
        error_messages={
            "required": "Write the next step, in a sentence.",
            "max_length": f"Keep the next step to {MAX_TEXT} characters or fewer.",
        },
    )
    area = _area_field()


class SuggestForm(StepForm):
    area = _area_field("Area of learning, if you know it")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["text"].label = "The next step you suggest"
        self.fields[
            "text"
        ].help_text = (
            "Something you would like them to try or to get better at. For example: putting on his shoes by himself."
        )


class ChangeForm(StepForm):
    status = forms.ChoiceField(
        label="Where it is up to",
        choices=[(s.value, s.label) for s in (Status.OPEN, Status.ACHIEVED, Status.SET_ASIDE)],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose where this next step is up to.",
            "invalid_choice": "Choose where this next step is up to.",
        },
    )
    status_note = forms.CharField(
        label="Note",
        required=False,
        max_length=MAX_NOTE,
        help_text="The family reads this. For example: she now pours her own drink every day.",
        error_messages={"max_length": f"Keep the note to {MAX_NOTE} characters or fewer."},
    )
