"""A concern or complaint, its Complaint Investigation Record (steps) and its deadlines (R56–R60, R62, R64)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from tandem.core.models import Setting
from tandem.people.models import Child

__all__ = ["RETENTION_YEARS", "Complaint", "ComplaintStep", "Deadline", "InvestigationReport", "RetentionError"]

# The record of complaints is kept for at least three years after a complaint is closed (R63).
RETENTION_YEARS = 3


class RetentionError(Exception):
    """Refused: a complaint may be deleted only when closed more than RETENTION_YEARS ago."""


def _deletable_before() -> datetime:
    now = timezone.now()
    try:
        return now.replace(year=now.year - RETENTION_YEARS)
    except ValueError:  # 29 February
        return now.replace(year=now.year - RETENTION_YEARS, day=28)


class ComplaintQuerySet(models.QuerySet["Complaint"]):
    def delete(self) -> tuple[int, dict[str, int]]:
        if self.exclude(closed_at__lt=_deletable_before()).exists():
            raise RetentionError("A complaint is kept for at least three years after it is closed.")
        return super().delete()


class Complaint(models.Model):
    class Track(models.TextChoices):
        PARENT = "parent", "A parent or carer"
        AGENCY = "agency", "Another service"

    class Kind(models.TextChoices):
        CONCERN = "concern", "A concern about the quality of the service or practice"
        COMPLAINT = "complaint", "A complaint"

    class Stage(models.TextChoices):
        KEY_PERSON = "key_person", "With the key person"
        MANAGER = "manager", "With the setting manager"
        LINE_MANAGER = "line_manager", "With the line manager"
        APPEAL = "appeal", "Appeal"
        CLOSED = "closed", "Closed"
        ALLEGATION = "allegation", "Passed to the allegations procedure"

    class Via(models.TextChoices):
        ONLINE = "online", "Online, in Tandem"
        IN_PERSON = "in_person", "In person"
        PHONE = "phone", "By phone"
        LETTER = "letter", "In a letter"
        EMAIL = "email", "By email"

    class Outcome(models.TextChoices):
        RESOLVED = "resolved", "Resolved"
        UPHELD = "upheld", "Upheld"
        PARTLY_UPHELD = "partly_upheld", "Partly upheld"
        NOT_UPHELD = "not_upheld", "Not upheld"
        WITHDRAWN = "withdrawn", "Withdrawn"

    UPHELD_OUTCOMES = (Outcome.UPHELD, Outcome.PARTLY_UPHELD)

    # Numbered per setting and year (two settings may both have a C-2026-0001).
    reference = models.CharField(max_length=20, help_text="For example: C-2026-0007.")
    setting = models.ForeignKey(Setting, on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey(Child, null=True, blank=True, on_delete=models.PROTECT, related_name="complaints")
    track = models.CharField(max_length=8, choices=Track.choices, default=Track.PARENT)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.COMPLAINT)
    stage = models.CharField(max_length=12, choices=Stage.choices, default=Stage.KEY_PERSON)
    stage_started_at = models.DateTimeField(default=timezone.now)
    via = models.CharField(max_length=10, choices=Via.choices, default=Via.ONLINE)
    received_at = models.DateTimeField(default=timezone.now)
    # The complainant: a parent's account when they have one; always a name and a way to reply.
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    complainant_name = models.CharField(max_length=200)
    complainant_contact = models.CharField(max_length=200, blank=True, help_text="Email address or phone number.")
    complainant_organisation = models.CharField(max_length=200, blank=True, help_text="For another service.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    summary = models.TextField(help_text="The key issues, in the complainant's words where possible.")
    desired_outcome = models.TextField(blank=True, help_text="What the complainant would like to happen.")
    # A complaint about a member of staff goes straight to the manager (and about the manager, above them).
    about_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who holds the current stage.",
    )
    outcome = models.CharField(max_length=14, choices=Outcome.choices, blank=True)
    outcome_summary = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["setting", "stage", "received_at"])]
        constraints = [models.UniqueConstraint(fields=["setting", "reference"], name="one_reference_per_setting")]

    def __str__(self) -> str:
        return self.reference

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self.closed_at is None or self.closed_at >= _deletable_before():
            raise RetentionError("A complaint is kept for at least three years after it is closed.")
        return super().delete(*args, **kwargs)


class ComplaintStep(models.Model):
    """One entry of the Complaint Investigation Record: what was done, by whom, when. Append-only."""

    class Kind(models.TextChoices):
        RAISED = "raised", "Raised"
        LISTENED = "listened", "Listened and acknowledged"
        EXPLAINED = "explained", "Explanation given"
        APOLOGISED = "apologised", "Apology given"
        ACKNOWLEDGED = "acknowledged", "Acknowledged in writing"
        INVESTIGATION = "investigation", "Investigation"
        MEETING = "meeting", "Meeting"
        FEEDBACK = "feedback", "Feedback to the complainant"
        ESCALATED = "escalated", "Moved to the next stage"
        APPEALED = "appealed", "Appealed"
        OUTCOME = "outcome", "Outcome"
        NOTE = "note", "Note"
        REMINDER = "reminder", "Deadline reminder"
        DEADLINE_MISSED = "missed", "Deadline missed"
        DIVERTED = "diverted", "Passed to the allegations procedure"
        OFSTED = "ofsted", "Complainant told of Ofsted"

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="steps")
    stage = models.CharField(max_length=12, choices=Complaint.Stage.choices)
    kind = models.CharField(max_length=14, choices=Kind.choices)
    text = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    shared_with_complainant = models.BooleanField(default=False)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.complaint_id}"


class Deadline(models.Model):
    """A time limit of the procedure, opened by a stage and met by an action (rules in ``deadlines.py``)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="deadlines")
    rule = models.CharField(max_length=40)
    starts_at = models.DateTimeField()
    due_at = models.DateTimeField(db_index=True)
    met_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True, help_text="No longer applies (stage left, diverted).")
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["complaint", "rule"], name="one_deadline_per_rule")]

    def __str__(self) -> str:
        return f"{self.rule} due {self.due_at:%Y-%m-%d}"


class InvestigationReport(models.Model):
    """The manager's confidential written report, kept in the child's file when it relates to a child."""

    complaint = models.OneToOneField(Complaint, on_delete=models.PROTECT, related_name="report")
    text = models.TextField()
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    written_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Investigation report of {self.complaint_id}"
