"""Forms of consultations (R39)."""

from __future__ import annotations

from django import forms

from ..models import ConsultationResponse


class ConsultationForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200, error_messages={"required": "Give it a title."})
    proposal = forms.CharField(
        label="The change you propose",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="What would change, why, and what it would mean for families. You can use Markdown.",
        error_messages={"required": "Describe the change you propose."},
    )
    question = forms.CharField(
        label="A question for families",
        max_length=300,
        required=False,
        help_text="For example: Would this suit your family? Families can also just comment.",
    )
    closes_on = forms.DateField(
        label="Views close on",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "Enter the date views close.", "invalid": "Enter a real date."},
    )


class ResponseForm(forms.Form):
    answer = forms.ChoiceField(
        label="Your answer",
        choices=[("", "No answer, just a comment"), *ConsultationResponse.Answer.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="Your comment", max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 5})
    )


class DecisionForm(forms.Form):
    decision = forms.CharField(
        label="The decision",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write the decision."},
    )
    reasons = forms.CharField(
        label="The reasons",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Say what families told you and how it shaped the decision.",
        error_messages={"required": "Give the reasons for the decision."},
    )
