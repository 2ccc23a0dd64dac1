"""Late and non-collection (R45): each case, the contact cascade worked through, what happened."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from tandem.people.models import Adult

__all__ = ["LateCase", "LateStep"]


class LateCase(models.Model):
    class Outcome(models.TextChoices):
        COLLECTED = "collected", "Collected late"
        EMERGENCY_PLAN = "emergency", "Emergency plan: children's social care called"
        OTHER = "other", "Other"

    attendance = models.OneToOneField("attendance.Attendance", on_delete=models.CASCADE, related_name="late_case")
    opened_at = models.DateTimeField(default=timezone.now)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    summary = models.TextField(blank=True, help_text="What happened, for the record.")

    class Meta:
        ordering = ["-opened_at", "-pk"]

    def __str__(self) -> str:
        return f"Late collection case #{self.pk}"


class LateStep(models.Model):
    class Kind(models.TextChoices):
        CALLED = "called", "Called"
        NO_ANSWER = "no_answer", "No answer"
        MESSAGE = "message", "Left a message"
        SPOKE = "spoke", "Spoke to them"
        PLAN = "plan", "Emergency plan step"
        NOTE = "note", "Note"

    case = models.ForeignKey(LateCase, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    adult = models.ForeignKey(Adult, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.CharField(max_length=300, blank=True)
    plan_step = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Which step of the emergency plan (1 is the first), for a plan step."
    )
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"Step of late case {self.case_id}"
