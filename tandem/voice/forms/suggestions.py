"""Forms of suggestions (R37)."""

from __future__ import annotations

from django import forms

from ..models import Suggestion


class SuggestionForm(forms.Form):
    tone = forms.ChoiceField(
        label="What kind of suggestion is it?", choices=Suggestion.Tone.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label="Your suggestion",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Write your suggestion."},
    )
    anonymous = forms.BooleanField(
        label="Send it anonymously",
        required=False,
        help_text="We will not know who sent it, so we cannot reply to you personally. Replies we make "
        'public appear under "You said, we did".',
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["tone"].error_messages["required"] = "Choose what kind of suggestion it is."


class AnswerForm(forms.Form):
    reply = forms.CharField(
        label="Your reply", max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    reply_public = forms.BooleanField(
        label='Show the reply to every family under "You said, we did"',
        required=False,
        help_text="Without the name of whoever made the suggestion.",
    )
    status = forms.ChoiceField(label="Where it stands", choices=Suggestion.Status.choices)
    we_did = forms.CharField(
        label="What we did as a result",
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text='Shown to every family under "You said, we did", with the suggestion.',
    )


class FilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Where it stands", choices=[("", "Any"), *list(Suggestion.Status.choices)], required=False
    )
    tone = forms.ChoiceField(label="Kind", choices=[("", "Any"), *list(Suggestion.Tone.choices)], required=False)
