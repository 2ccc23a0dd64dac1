"""The privacy notice (R10): versions a setting publishes, and who has read which version."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from tandem.core.models import Setting

__all__ = ["PrivacyAcknowledgement", "PrivacyNotice"]


class PrivacyNotice(models.Model):
    """One published version of a setting's privacy notice. Never changed: a change is a new version."""

    setting = models.ForeignKey(Setting, on_delete=models.CASCADE, related_name="privacy_notices")
    version = models.PositiveIntegerField()
    body = models.TextField(help_text="The notice, in Markdown.")
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["setting", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["setting", "version"], name="privacy_notice_unique_version"),
            models.CheckConstraint(condition=Q(version__gte=1), name="privacy_notice_version_positive"),
        ]

    def __str__(self) -> str:
        return f"Privacy notice, version {self.version}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("A published privacy notice is never changed: publish a new version")
        super().save(*args, **kwargs)


class PrivacyAcknowledgement(models.Model):
    """A person confirmed they had read one version of the notice. One per person per version."""

    notice = models.ForeignKey(PrivacyNotice, on_delete=models.CASCADE, related_name="acknowledgements")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="privacy_acknowledgements"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at"]
        constraints = [models.UniqueConstraint(fields=["notice", "user"], name="privacy_ack_once_per_version")]

    def __str__(self) -> str:
        return f"Privacy notice read ({self.at:%d/%m/%Y})"
