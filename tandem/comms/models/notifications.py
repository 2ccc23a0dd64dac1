"""Notifications: one in-app centre and email for every app, with each person's choice per kind."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from tandem.core.models import Setting

__all__ = ["Notification", "NotificationPreference", "PendingDigest"]


class Notification(models.Model):
    """One thing one person is told about. ``url`` is a path inside Tandem (never a token)."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    setting = models.ForeignKey(Setting, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=60)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    # Waiting for the person's daily digest email.
    in_digest = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["recipient", "in_digest"]),
        ]

    def __str__(self) -> str:
        return f"Notification #{self.pk} ({self.kind})"


class NotificationPreference(models.Model):
    class Delivery(models.TextChoices):
        INSTANT = "instant", "Email straight away"
        DIGEST = "digest", "Email once a day, in a digest"
        OFF = "off", "No email (shown in Tandem only)"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=60)
    delivery = models.CharField(max_length=10, choices=Delivery.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.delivery}"


class PendingDigest(models.Model):
    """A digest already scheduled for a person, so it is scheduled once a day, not once a notification."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    due_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Digest due {self.due_at:%Y-%m-%d %H:%M}"
