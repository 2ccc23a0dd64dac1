"""Forms of the parent forum (R38)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from ..services.forum import MAX_OPTION, MAX_OPTIONS, MAX_POST, clean_options

WRITE_MESSAGE = {"required": "Write your message."}
DATETIME_INPUT = "%Y-%m-%dT%H:%M"


class TopicForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200, error_messages={"required": "Give your topic a title."})
    body = forms.CharField(
        label="Your message",
        max_length=MAX_POST,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Every family of the setting and its manager can read it, with your name.",
        error_messages=WRITE_MESSAGE,
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label="Your reply",
        max_length=MAX_POST,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=WRITE_MESSAGE,
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Why are you removing it?",
        max_length=300,
        help_text="Everyone who opens the topic sees this reason instead of the text; the author is told.",
        error_messages={"required": "Say why you are removing it: everyone will see the reason."},
    )


class MinutesForm(forms.Form):
    met_on = forms.DateField(
        label="Date of the meeting",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "Enter the date of the meeting.", "invalid": "Enter a real date."},
    )
    title = forms.CharField(label="Title", max_length=200, error_messages={"required": "Give the minutes a title."})
    body = forms.CharField(
        label="The minutes",
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Who came, what was discussed and agreed, and who will do what. You can use Markdown.",
        error_messages={"required": "Write the minutes."},
    )


class ProposalForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200, error_messages={"required": "Give the proposal a title."})
    description = forms.CharField(
        label="What families are voting on",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What the choice is about and what each option would mean. You can use Markdown.",
        error_messages={"required": "Describe what families are voting on."},
    )
    closes_at = forms.DateTimeField(
        label="Voting closes at",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_INPUT),
        input_formats=[DATETIME_INPUT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        help_text="At least 24 hours from now. Results are shown to everyone when voting closes.",
        error_messages={"required": "Enter when voting closes.", "invalid": "Enter a real date and time."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, MAX_OPTIONS + 1):
            self.fields[f"option_{n}"] = forms.CharField(
                label=f"Option {n}",
                max_length=MAX_OPTION,
                required=False,
                help_text="For example: Yes." if n == 1 else ("For example: No." if n == 2 else ""),
            )

    def options(self) -> list[str]:
        return [self.cleaned_data.get(f"option_{n}", "") for n in range(1, MAX_OPTIONS + 1)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            clean_options(self.options())
        except ValidationError as error:  # on the first option's field, so the summary links to it
            self.add_error("option_1", error.message_dict["options"])
        return data


class VoteForm(forms.Form):
    option = forms.TypedChoiceField(
        label="Your family's vote",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose one of the options.", "invalid_choice": "Choose one of the options."},
    )

    def __init__(self, *args: Any, options: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["option"].choices = list(enumerate(options))  # type: ignore[attr-defined]


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        label="What we will do",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What the setting will do in the light of the vote. Every family is told. You can use Markdown.",
        error_messages={"required": "Say what the setting will do."},
    )


class AppointForm(forms.Form):
    user = forms.TypedChoiceField(
        label="Parent or carer",
        coerce=int,
        help_text="A parent or carer of a child in the setting who has a Tandem account.",
        error_messages={
            "required": "Choose a parent or carer of a child in the setting.",
            "invalid_choice": "Choose a parent or carer of a child in the setting.",
        },
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [("", "Choose…"), *choices]  # type: ignore[attr-defined]
