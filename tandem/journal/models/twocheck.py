"""The progress check at age two (R17): the three prime areas, strengths, areas where progress is
less than expected, the parents' contribution and the plan agreed; signed off, then shared with
the family as a PDF (made in the task queue)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from tandem.people.models import Child

from .eyfs import Area

__all__ = ["ProgressCheck", "ProgressCheckArea"]


def check_pdf_path(instance: ProgressCheck, filename: str) -> str:
    return f"journal/checks/{instance.child.setting_id}/check-{instance.pk}-{timezone.now():%Y%m%d%H%M%S}.pdf"


class ProgressCheck(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SIGNED_OFF = "signed_off", "Signed off"
        SHARED = "shared", "Shared with the family"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="progress_checks")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    completed_on = models.DateField(null=True, blank=True)
    parents_contribution = models.TextField(
        blank=True, help_text="What the family told us, recorded by staff (from a meeting or a conversation)."
    )
    family_asked_at = models.DateTimeField(null=True, blank=True, help_text="When the family was asked to write.")
    family_asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    family_contribution = models.TextField(blank=True, help_text="What the family wrote themselves, online.")
    family_contribution_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    family_contribution_at = models.DateTimeField(null=True, blank=True)
    plan = models.TextField(blank=True, help_text="What we agreed to do, at home and in the setting, and when.")
    concerns = models.BooleanField(default=False, help_text="Progress in some area is less than expected.")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    signed_off_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    shared_at = models.DateTimeField(null=True, blank=True)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    parent_acknowledged_at = models.DateTimeField(null=True, blank=True)
    parent_acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    corrects = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="corrections",
        help_text="The signed-off check this one corrects (a signed-off check is never changed).",
    )
    pdf = models.FileField(upload_to=check_pdf_path, blank=True, max_length=200)
    pdf_made_at = models.DateTimeField(null=True, blank=True)
    pdf_requested_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["pdf", "pdf_made_at", "pdf_requested_at"])

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["child", "status"], name="journal_check_child_status_idx")]

    def __str__(self) -> str:
        return f"Progress check #{self.pk}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_final(self) -> bool:
        """Signed off (and perhaps shared): read-only from now on."""
        return self.status in (self.Status.SIGNED_OFF, self.Status.SHARED)

    @property
    def is_shared(self) -> bool:
        return self.status == self.Status.SHARED


class ProgressCheckArea(models.Model):
    progress_check = models.ForeignKey(ProgressCheck, on_delete=models.CASCADE, related_name="areas")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+", limit_choices_to={"prime": True})
    strengths = models.TextField(blank=True)
    less_than_expected = models.TextField(blank=True, help_text="Where progress is less than expected, if anywhere.")

    class Meta:
        ordering = ["area__order"]
        constraints = [models.UniqueConstraint(fields=["progress_check", "area"], name="journal_check_area_unique")]

    def __str__(self) -> str:
        return f"{self.area} in check {self.progress_check_id}"
