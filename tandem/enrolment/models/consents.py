"""Consents (R9): what a setting asks parents' consent for, and each decision, append-only.

A :class:`ConsentType` is one thing a setting asks about (photographs on display, local outings…),
with the plain-English explanation parents read and a version number that goes up whenever its
wording changes. A :class:`ConsentDecision` is one decision by an adult with parental
responsibility: given, refused, or a later withdrawal. Decisions are never changed or deleted:
the current state of a consent is the latest decision, and the history is every decision.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from tandem.core.models import Setting
from tandem.people.models import Adult, Child

__all__ = ["ConsentCode", "ConsentDecision", "ConsentType"]


class ConsentCode(models.TextChoices):
    """The fixed set of things a setting may ask consent for. Later features ask by code."""

    ADMINISTERING_MEDICATION = "administering_medication", "Giving medicine"
    EMERGENCY_TREATMENT = "emergency_treatment", "Emergency medical treatment"
    LOCAL_OUTINGS = "local_outings", "Local outings"
    PHOTOS_RECORDS = "photos_records", "Photographs for your child's records"
    PHOTOS_DISPLAY = "photos_display", "Photographs on display"
    ONLINE_JOURNAL = "online_journal", "Using the online learning journal"
    SHARE_OTHER_SETTING = "share_other_setting", "Sharing records with another setting"


class ConsentType(models.Model):
    """One consent a setting asks for, with the wording parents read and its version."""

    setting = models.ForeignKey(Setting, on_delete=models.CASCADE, related_name="consent_types")
    code = models.CharField(max_length=40, choices=ConsentCode.choices)
    title = models.CharField(max_length=120)
    explanation = models.TextField(help_text="What this consent allows, in plain English (Markdown).")
    version = models.PositiveIntegerField(
        default=1, help_text="Goes up when the wording changes: earlier decisions then need renewing."
    )
    active = models.BooleanField(default=True, help_text="Asked of parents and shown to staff.")
    order = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["setting", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["setting", "code"], name="consent_type_unique_code_in_setting"),
            models.CheckConstraint(condition=Q(version__gte=1), name="consent_type_version_positive"),
        ]

    def __str__(self) -> str:
        return self.title


class AppendOnlyDecisions(models.QuerySet["ConsentDecision"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Consent decisions are append-only: record a new decision instead")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Consent decisions are append-only")


class ConsentDecision(models.Model):
    """One decision about one consent for one child. Append-only: a change of mind is a new row."""

    class Kind(models.TextChoices):
        GIVEN = "given", "Given"
        REFUSED = "refused", "Refused"
        WITHDRAWN = "withdrawn", "Withdrawn"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="consent_decisions")
    consent_type = models.ForeignKey(ConsentType, on_delete=models.PROTECT, related_name="decisions")
    type_version = models.PositiveIntegerField(help_text="The version of the wording the adult read.")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    given = models.BooleanField()
    decided_by = models.ForeignKey(Adult, on_delete=models.PROTECT, related_name="consent_decisions")
    decided_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    objects = AppendOnlyDecisions.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["child", "consent_type", "-at"], name="consent_decision_latest_idx")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="given", given=True) | Q(kind__in=["refused", "withdrawn"], given=False)),
                name="consent_decision_kind_matches_given",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} (version {self.type_version})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Consent decisions are append-only: record a new decision instead")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Consent decisions are append-only")
