"""Forms of parents' offers of help (R21)."""

from __future__ import annotations

from django import forms

from ..models import Offer
from ..services.offers import ANSWERS


class OfferForm(forms.Form):
    kind = forms.ChoiceField(
        label="What would you like to offer?", choices=Offer.Kind.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label="Tell us about it",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=3000,
        help_text="For example: I am a nurse and could talk to the children about keeping healthy.",
    )
    availability = forms.CharField(
        label="When are you free?",
        required=False,
        max_length=200,
        help_text="For example: Friday mornings, or any day in the school holidays.",
    )


class ResponseForm(forms.Form):
    status = forms.ChoiceField(
        label="Your answer", choices=[(s.value, s.label) for s in ANSWERS], widget=forms.RadioSelect
    )
    response = forms.CharField(
        label="Message for the family",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
        help_text="The family reads this with your answer.",
    )


class FilterForm(forms.Form):
    kind = forms.ChoiceField(label="Kind", choices=[("", "Any kind"), *Offer.Kind.choices], required=False)
    status = forms.ChoiceField(label="Status", choices=[("", "Any status"), *Offer.Status.choices], required=False)
