"""Visiting professionals (R50): an account of kind "professional", invited for the purpose, and
visits booked for one child with a named supervisor and a time window."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone

__all__ = ["Professional", "ProfessionalInvitation", "Visit"]


class Professional(models.Model):
    """Makes a user a visiting professional. Such a user holds no membership and no child link:
    they reach a child only through a visit (during its window) or a support plan they are invited to."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="professional")
    setting = models.ForeignKey("core.Setting", on_delete=models.CASCADE, related_name="professionals")
    agency = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="professionals"
    )
    job_title = models.CharField(max_length=200, help_text="For example: speech and language therapist.")
    phone = models.CharField(max_length=40, blank=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    invited_at = models.DateTimeField(default=timezone.now)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self) -> str:
        return f"{self.user} ({self.job_title})"


class ProfessionalInvitation(models.Model):
    """Single use, expiring; only the SHA-256 of its token is kept (as for parents' invitations)."""

    professional = models.ForeignKey(Professional, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Professional invitation #{self.pk}"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()


class Visit(models.Model):
    """A professional's visit to one child. They reach the child only between ``starts_at`` and
    ``ends_at``, once the supervisor has recorded their arrival and until their departure."""

    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="professional_visits")
    professional = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="visits")
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The member of staff who stays with the professional.",
    )
    purpose = models.TextField()
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    share = models.ForeignKey(
        "agencies.Share",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="visits",
        help_text="What the professional may read during the visit.",
    )
    arrived_at = models.DateTimeField(null=True, blank=True)
    arrival_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    departed_at = models.DateTimeField(null=True, blank=True)
    departure_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notes = models.TextField(blank=True, help_text="The supervisor's note of the visit.")
    cancelled_at = models.DateTimeField(null=True, blank=True)
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    booked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        indexes = [
            models.Index(fields=["professional", "starts_at"], name="visit_professional_idx"),
            models.Index(fields=["child", "-starts_at"], name="visit_child_idx"),
        ]
        constraints = [
            models.CheckConstraint(name="visit_window_ordered", condition=models.Q(ends_at__gt=models.F("starts_at")))
        ]

    def __str__(self) -> str:
        return f"Visit #{self.pk}"
