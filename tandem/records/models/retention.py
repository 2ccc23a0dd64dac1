"""Retention and archiving (R67): a child's record is archived when they leave (read-only, still
reachable by those entitled); each record type is kept for the period the setting sets from its own
policy, never less than the minimum in ``tandem.records.retention``; records past their period are
destroyed by a manager's decision, which leaves a line in the destruction log."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from tandem.core.models import AppendOnlyQuerySet, Setting
from tandem.people.models import Child

__all__ = ["Archive", "DestructionLog", "RecordType", "RetentionRule"]


class RecordType(models.TextChoices):
    CHILD = "child", "Children's records (learning journal, registers, contacts)"
    SEN = "sen", "Special educational needs records"
    SAFEGUARDING = "safeguarding", "Safeguarding and child protection records"
    ACCIDENTS = "accidents", "Accidents, incidents and medication records"
    COMPLAINTS = "complaints", "Complaints"
    FINANCIAL = "financial", "Financial records (fees, funding)"


class RetentionRule(models.Model):
    """How long the setting keeps one type of record, from its own retention policy."""

    setting = models.ForeignKey(Setting, on_delete=models.CASCADE, related_name="retention_rules")
    record_type = models.CharField(max_length=20, choices=RecordType.choices)
    years = models.PositiveSmallIntegerField()
    policy_note = models.CharField(
        max_length=300, blank=True, help_text="Where this comes from in your policy, in a few words."
    )
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["record_type"]
        constraints = [models.UniqueConstraint(fields=["setting", "record_type"], name="records_retention_rule_unique")]

    def __str__(self) -> str:
        return f"{self.get_record_type_display()}: {self.years} years"


class Archive(models.Model):
    """A child who has left: their record is read-only from now on."""

    child = models.OneToOneField(Child, on_delete=models.CASCADE, related_name="archive")
    setting = models.ForeignKey(Setting, on_delete=models.CASCADE, related_name="archives")
    archived_at = models.DateTimeField(default=timezone.now)
    archived_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-archived_at", "-pk"]

    def __str__(self) -> str:
        return f"Archive of child {self.child_id}"


class DestructionLog(models.Model):
    """What was destroyed, when, by whose decision and why: kept for good, with no personal details
    beyond a reference (initials, year of birth, dates). Append-only."""

    setting = models.ForeignKey(Setting, on_delete=models.PROTECT, related_name="destructions")
    record_type = models.CharField(max_length=20, choices=RecordType.choices)
    child_ref = models.CharField(max_length=100, help_text="Initials, year of birth, leaving date.")
    child_id_was = models.BigIntegerField(null=True)
    retained_until = models.DateField()
    counts = models.JSONField(default=dict)  # what was destroyed: {"Observations": 12, ...}
    reason = models.TextField()
    method = models.CharField(max_length=200, default="Deleted from Tandem's database and file storage")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_record_type_display()} of {self.child_ref}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("The destruction log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("The destruction log is append-only")
