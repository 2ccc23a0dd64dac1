"""The parent contract (R8): a versioned partnership agreement per setting, signed by a parent with
parental responsibility for their child and countersigned by the setting.

A version is a draft until the manager publishes it; from then on its text never changes (a
change is a new version), and its fingerprint (SHA-256 of the exact text) is copied onto every
signature, so a signed copy can always be matched to the words that were signed.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from tandem.core.models import Setting
from tandem.people.models import Adult, Child

__all__ = ["AgreementSignature", "AgreementVersion", "agreement_fingerprint"]


def agreement_fingerprint(title: str, body: str) -> str:
    """SHA-256 (hex) of the exact text: the title, a blank line, then the body, in UTF-8."""
    return hashlib.sha256(f"{title}\n\n{body}".encode()).hexdigest()


class AgreementVersion(models.Model):
    """One version of a setting's partnership agreement. Immutable once published."""

    setting = models.ForeignKey(Setting, on_delete=models.PROTECT, related_name="agreement_versions")
    number = models.PositiveIntegerField("version")
    title = models.CharField(max_length=200)
    body = models.TextField(help_text="The agreement itself, in Markdown.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    fingerprint = models.CharField(max_length=64, blank=True, help_text="SHA-256 of the published text.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["setting", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["setting", "number"], name="agreement_version_unique_number"),
            # one draft at a time: a new version is written, then published
            models.UniqueConstraint(
                fields=["setting"], condition=Q(published_at__isnull=True), name="agreement_one_draft_per_setting"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.number})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            stored = (
                type(self).objects.filter(pk=self.pk).values("title", "body", "published_at", "fingerprint").first()
            )
            if stored and stored["published_at"] is not None:
                for name in ("title", "body", "fingerprint"):
                    if getattr(self, name) != stored[name]:
                        raise PermissionError("A published agreement never changes: write a new version")
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def text_fingerprint(self) -> str:
        return agreement_fingerprint(self.title, self.body)


def signed_copy_path(instance: AgreementSignature, filename: str) -> str:
    """Where a signed copy is kept: ids only, never a name, under the (private) media root."""
    return f"agreements/{instance.version.setting_id}/signature-{instance.pk}-{timezone.now():%Y%m%d%H%M%S}.pdf"


class AgreementSignature(models.Model):
    """A parent's signature of one version for one child, and the setting's countersignature."""

    version = models.ForeignKey(AgreementVersion, on_delete=models.PROTECT, related_name="signatures")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="agreement_signatures")
    adult = models.ForeignKey(Adult, on_delete=models.PROTECT, related_name="agreement_signatures")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    typed_name = models.CharField("full name", max_length=200)
    signed_at = models.DateTimeField(default=timezone.now)
    fingerprint = models.CharField(max_length=64, help_text="The fingerprint of the version signed.")
    countersigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    countersigned_at = models.DateTimeField(null=True, blank=True)
    pdf = models.FileField(upload_to=signed_copy_path, blank=True, max_length=200)
    pdf_made_at = models.DateTimeField(null=True, blank=True)
    pdf_requested_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["pdf", "pdf_made_at", "pdf_requested_at"])

    class Meta:
        ordering = ["-signed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "child", "adult"], name="agreement_signed_once_per_version"),
        ]
        indexes = [models.Index(fields=["child", "version"], name="agreement_sig_child_idx")]

    def __str__(self) -> str:
        return f"Signature #{self.pk}"

    @property
    def is_countersigned(self) -> bool:
        return self.countersigned_at is not None
