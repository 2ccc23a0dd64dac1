"""Forms of questionnaires (R36): the details, one question, and the parent's answer form (one
field a question, built from the questions)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from tandem.core.forms import DateInput
from tandem.core.models import Room

from ..models import Question, Questionnaire
from ..services.questionnaires import (
    CHOOSE_ANY,
    CHOOSE_ONE,
    MAX_OPTIONS,
    MAX_RESPONSES,
    MAX_TEXT_ANSWER,
    MIN_OPTIONS,
    MIN_RESPONSES,
    REQUIRED,
    SCALE,
    TEXT_TOO_LONG,
    field_name,
)


class QuestionnaireForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For example: How are we doing? Autumn 2026.",
        error_messages={"required": "Give the questionnaire a title."},
    )
    introduction = forms.CharField(
        label="Introduction",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What you are asking about and why. Families read it before the questions.",
    )
    room = forms.ModelChoiceField(
        label="Who it is for",
        queryset=Room.objects.none(),
        required=False,
        empty_label="Every family in the setting",
        error_messages={"invalid_choice": "Choose a room of this setting, or every family."},
    )
    confidential = forms.BooleanField(
        label="Confidential: answers are anonymous",
        required=False,
        initial=True,
        help_text="No one, you included, will be able to tell which family gave which answer.",
    )
    min_responses = forms.IntegerField(
        label="Answers needed before results show",
        min_value=MIN_RESPONSES,
        max_value=MAX_RESPONSES,
        initial=5,
        help_text=f"At least {MIN_RESPONSES}: with fewer answers a family could be recognised from the results.",
        error_messages={
            "required": "Say how many answers are needed before results show.",
            "min_value": f"Give a number from {MIN_RESPONSES} to {MAX_RESPONSES}.",
            "max_value": f"Give a number from {MIN_RESPONSES} to {MAX_RESPONSES}.",
            "invalid": "Give a whole number.",
        },
    )
    closes_on = forms.DateField(
        label="Closing date",
        widget=DateInput(),
        help_text="Families can answer until the end of this day.",
        error_messages={"required": "Say when it closes.", "invalid": "Give a date, for example 30/11/2026."},
    )

    def __init__(self, *args: Any, rooms: QuerySet[Room], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = rooms  # type: ignore[attr-defined]


def initial_of(questionnaire: Questionnaire) -> dict[str, Any]:
    return {
        "title": questionnaire.title,
        "introduction": questionnaire.introduction,
        "room": questionnaire.room_id,
        "confidential": questionnaire.confidential,
        "min_responses": questionnaire.min_responses,
        "closes_on": questionnaire.closes_on,
    }


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of question",
        choices=Question.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what kind of question it is.",
            "invalid_choice": "Choose what kind of question it is.",
        },
    )
    text = forms.CharField(label="Question", max_length=300, error_messages={"required": "Write the question."})
    help_text = forms.CharField(
        label="Hint", required=False, max_length=300, help_text="A line under the question, if it helps."
    )
    options = forms.CharField(
        label="Options (for 'Choose one' and 'Choose any')",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=f"One option a line, from {MIN_OPTIONS} to {MAX_OPTIONS}.",
    )
    scale_low = forms.CharField(
        label="What 1 means (for a scale)", required=False, max_length=60, help_text="For example: Not at all."
    )
    scale_high = forms.CharField(
        label="What 5 means (for a scale)", required=False, max_length=60, help_text="For example: Very much."
    )
    required = forms.BooleanField(label="Families must answer this question", required=False)


def question_initial(question: Question) -> dict[str, Any]:
    return {
        "kind": question.kind,
        "text": question.text,
        "help_text": question.help_text,
        "options": "\n".join(question.choices or []),
        "scale_low": question.scale_low,
        "scale_high": question.scale_high,
        "required": question.required,
    }


class AnswerForm(forms.Form):
    """One field a question, named ``q_<id>``, in the questionnaire's order. The service checks the
    answers again with the same messages."""

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[field_name(question)] = self._field(question)

    @staticmethod
    def _field(question: Question) -> forms.Field:
        common: dict[str, Any] = {
            "label": question.text,
            "required": question.required,
            "help_text": question.help_text,
        }
        if question.kind == Question.Kind.CHOICE:
            return forms.ChoiceField(
                choices=[(c, c) for c in question.choices],
                widget=forms.RadioSelect,
                error_messages={"required": REQUIRED, "invalid_choice": CHOOSE_ONE},
                **common,
            )
        if question.kind == Question.Kind.MULTIPLE:
            return forms.MultipleChoiceField(
                choices=[(c, c) for c in question.choices],
                widget=forms.CheckboxSelectMultiple,
                error_messages={"required": REQUIRED, "invalid_choice": CHOOSE_ANY, "invalid_list": CHOOSE_ANY},
                **common,
            )
        if question.kind == Question.Kind.SCALE:
            ends = {1: question.scale_low, 5: question.scale_high}
            return forms.TypedChoiceField(
                choices=[(n, f"{n}: {ends[n]}" if ends.get(n) else str(n)) for n in range(1, 6)],
                coerce=int,
                empty_value=None,
                widget=forms.RadioSelect,
                error_messages={"required": REQUIRED, "invalid_choice": SCALE},
                **common,
            )
        return forms.CharField(
            max_length=MAX_TEXT_ANSWER,
            widget=forms.Textarea(attrs={"rows": 4}),
            error_messages={"required": REQUIRED, "max_length": TEXT_TOO_LONG},
            **common,
        )

    def pairs(self) -> list[tuple[Question, forms.BoundField]]:
        """Each question with its bound field, for the template."""
        return [(q, self[field_name(q)]) for q in self.questions]
