"""The Ofsted complaints record (R63), the owners' review of practice after an upheld complaint
(R63) and the exports of both, and of one complaint's full documentation (R60)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from tandem.core.models import Setting

__all__ = ["PracticeReview", "RecordEntry", "RecordExport", "RetentionDeletion"]


class PracticeReview(models.Model):
    complaint = models.OneToOneField("complaints.Complaint", on_delete=models.PROTECT, related_name="practice_review")
    opened_at = models.DateTimeField(default=timezone.now)
    findings = models.TextField(blank=True)
    actions = models.TextField(blank=True, help_text="What will change in practice, by whom, by when.")
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"Review of practice after {self.complaint_id}"


class RecordEntry(models.Model):
    """A complaint's line in the Ofsted record, in brief and without names: which area of the EYFS
    requirements it is about. Written by the manager, a line manager or an owner."""

    class Area(models.TextChoices):
        CHILD_PROTECTION = "child_protection", "Safeguarding: child protection"
        SUITABLE_PEOPLE = "suitable_people", "Safeguarding: suitable people"
        STAFF = "staff", "Staff qualifications, training, support and skills"
        KEY_PERSON = "key_person", "Key person"
        RATIOS = "ratios", "Staffing arrangements and ratios"
        HEALTH = "health", "Health: medicines, food and drink, accidents and injuries"
        BEHAVIOUR = "behaviour", "Managing children's behaviour"
        PREMISES = "premises", "Safety and suitability of premises, environment and equipment"
        SEND = "send", "Special educational needs and disabilities"
        RECORDS = "records", "Information and records"
        LEARNING = "learning", "Learning and development"
        OTHER = "other", "Other: not an EYFS requirement (fees, sessions, communication)"

    complaint = models.OneToOneField("complaints.Complaint", on_delete=models.CASCADE, related_name="record_entry")
    area = models.CharField("area of the EYFS requirements", max_length=20, choices=Area.choices)
    nature = models.CharField(
        "nature in brief",
        max_length=200,
        blank=True,
        help_text="One line, with no one's name: for example, Child's bag sent home with another family.",
    )
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Record entry of {self.complaint_id}"


def export_path(instance: RecordExport, filename: str) -> str:
    """Random, with no name or reference in it."""
    return f"complaints/exports/{instance.setting_id}/{secrets.token_hex(16)}.pdf"


class RecordExport(models.Model):
    """Each export or print of the record or of a complaint's documentation, with its stated
    purpose (R51); a PDF is made in the task queue and downloaded only by whoever asked for it."""

    class Kind(models.TextChoices):
        RECORD_CSV = "record_csv", "The complaints record (CSV)"
        RECORD_PDF = "record_pdf", "The complaints record (PDF)"
        DOCUMENTATION = "documentation", "A complaint's full documentation (PDF)"

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        MAKING = "making", "Being made"
        READY = "ready", "Ready to download"
        FAILED = "failed", "Could not be made"

    setting = models.ForeignKey(Setting, on_delete=models.PROTECT, related_name="+")
    complaint = models.ForeignKey(
        "complaints.Complaint", null=True, blank=True, on_delete=models.SET_NULL, related_name="exports"
    )
    kind = models.CharField(max_length=14, choices=Kind.choices)
    purpose = models.CharField(max_length=300)
    date_from = models.DateField(null=True, blank=True)
    date_to = models.DateField(null=True, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    pdf = models.FileField(upload_to=export_path, blank=True, max_length=200)
    rows = models.PositiveIntegerField(default=0, help_text="Complaints in the record; steps in the documentation.")
    failure = models.CharField(max_length=300, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["setting", "requested_by", "-requested_at"], name="complaints_export_idx")]

    def __str__(self) -> str:
        return f"Export #{self.pk}"

    @property
    def in_progress(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.MAKING)

    @property
    def is_ready(self) -> bool:
        return self.state == self.State.READY


class RetentionDeletion(models.Model):
    """Complaints deleted once their retention ended (R63): how many, never which."""

    setting = models.ForeignKey(Setting, on_delete=models.PROTECT, related_name="+")
    closed_before = models.DateTimeField(help_text="Complaints closed before this moment were deleted.")
    complaints = models.PositiveIntegerField(default=0)
    steps = models.PositiveIntegerField(default=0)
    deadlines = models.PositiveIntegerField(default=0)
    reports = models.PositiveIntegerField(default=0)
    reviews = models.PositiveIntegerField(default=0)
    deleted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    deleted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-deleted_at", "-pk"]

    def __str__(self) -> str:
        return f"Retention deletion #{self.pk}"
