"""Outings (R29): each announced with its purpose, and consent collected for it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from tandem.core.models import Room, Setting
from tandem.people.models import Child

__all__ = ["Outing", "OutingConsent"]


class Outing(models.Model):
    class ConsentMode(models.TextChoices):
        EACH = "each", "Ask parents for this outing"
        STANDING = "standing", "Local outing: the standing consent to local outings applies"

    TRANSLATABLE = ("title", "purpose", "place", "transport")

    setting = models.ForeignKey(Setting, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=200)
    purpose = models.TextField(help_text="Why we are going and what the children will learn.")
    place = models.CharField(max_length=300)
    transport = models.CharField(max_length=200, help_text="For example: walking, minibus, public bus.")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    rooms = models.ManyToManyField(Room, blank=True, related_name="+")
    # The children invited, fixed when it is announced.
    children = models.ManyToManyField(Child, blank=True, related_name="outings")
    consent_mode = models.CharField(max_length=10, choices=ConsentMode.choices, default=ConsentMode.EACH)
    reply_by = models.DateField(null=True, blank=True)
    risk_assessment = models.TextField(blank=True, help_text="Staff only: hazards and how they are managed.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    announced_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=300, blank=True)
    sequence = models.PositiveIntegerField(default=0, help_text="iCalendar SEQUENCE: bumped on each change.")

    class Meta:
        ordering = ["-starts_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class OutingConsent(models.Model):
    """A parent's answer for one child and one outing. Append-only: the latest answer counts."""

    outing = models.ForeignKey(Outing, on_delete=models.CASCADE, related_name="consents")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="+")
    given = models.BooleanField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-decided_at", "-pk"]
        indexes = [models.Index(fields=["outing", "child", "decided_at"])]

    def __str__(self) -> str:
        return f"Outing {self.outing_id}, child {self.child_id}: {'yes' if self.given else 'no'}"
