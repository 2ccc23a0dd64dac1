"""Sending a summary or a progress check to another setting the child attends (R25): only with the
consent to share with another setting, through a secure expiring link (token stored hashed), with
every opening logged."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from tandem.people.models import Child

__all__ = ["OutsideShare", "OutsideShareOpening"]


class OutsideShare(models.Model):
    class Item(models.TextChoices):
        SUMMARY = "summary", "Summary of learning"
        CHECK = "check", "Progress check at two"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="outside_shares")
    item = models.CharField(max_length=10, choices=Item.choices)
    summary = models.ForeignKey("journal.Summary", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    progress_check = models.ForeignKey(
        "journal.ProgressCheck", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    recipient_setting = models.CharField("the other setting", max_length=200)
    recipient_name = models.CharField("sent to", max_length=200)
    recipient_email = models.EmailField()
    reason = models.CharField(max_length=300)
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    consent_decision = models.ForeignKey(
        "enrolment.ConsentDecision",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The consent in force when it was sent.",
    )
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["child", "-sent_at"], name="journal_share_child_idx")]

    def __str__(self) -> str:
        return f"Share #{self.pk}"

    def is_open(self) -> bool:
        """The link still works: not revoked and not expired."""
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def state(self) -> str:
        if self.revoked_at is not None:
            return "Revoked"
        return "Open" if self.expires_at > timezone.now() else "Expired"


class OutsideShareOpening(models.Model):
    share = models.ForeignKey(OutsideShare, on_delete=models.CASCADE, related_name="openings")
    opened_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return f"Opening of share {self.share_id}"
