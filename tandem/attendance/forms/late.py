"""Forms of late and non-collection (R45)."""

from __future__ import annotations

from django import forms

from ..models import AttendanceSettings, LateCase


class CloseCaseForm(forms.Form):
    outcome = forms.ChoiceField(
        label="How did it end?",
        choices=LateCase.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the case ended."},
    )
    summary = forms.CharField(
        label="Summary for the record",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text="Who collected the child and when, who you spoke to, anything to follow up.",
        error_messages={"required": "Write a short summary of what happened, for the record."},
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label="Add a note",
        max_length=300,
        error_messages={"required": "Write what happened."},
        help_text="For example: Mum phoned, stuck in traffic, will be here by 15:45.",
    )


class DaySettingsForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = AttendanceSettings
        fields = [
            "morning_start",
            "morning_end",
            "afternoon_start",
            "afternoon_end",
            "late_after_minutes",
            "emergency_plan",
        ]
        labels = {
            "morning_start": "Morning session starts",
            "morning_end": "Morning session ends",
            "afternoon_start": "Afternoon session starts",
            "afternoon_end": "Afternoon session ends",
            "late_after_minutes": "Alert staff this many minutes after a child's session ends",
            "emergency_plan": "Emergency plan for a child not collected",
        }
        help_texts = {
            "emergency_plan": "One step a line, in order. Staff see it step by step and tick each one. "
            "Leave empty to use Tandem's standard plan.",
        }
        widgets = {
            "morning_start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "morning_end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "afternoon_start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "afternoon_end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "emergency_plan": forms.Textarea(attrs={"rows": 8}),
        }
