"""Forms for retention and archiving (R67)."""

from __future__ import annotations

from django import forms


class RuleForm(forms.Form):
    years = forms.IntegerField(
        label="Years",
        min_value=0,
        max_value=100,
        help_text="How long your policy keeps these records, in years (for a period counted from the date of birth, "
        "the child's age).",
    )
    policy_note = forms.CharField(
        label="Where this comes from in your policy",
        max_length=300,
        required=False,
        help_text="In a few words, for example: Record keeping policy, section 4.",
    )


class NoteForm(forms.Form):
    note = forms.CharField(label="Note", max_length=300, required=False, help_text="Optional: anything to remember.")


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Why, in a sentence: this is kept in the log.",
    )


class ConfirmDestroyForm(ReasonForm):
    confirm = forms.BooleanField(
        label="I have reviewed these records and confirm they should be destroyed",
        error_messages={"required": "Tick the box to confirm."},
    )
