"""The transfer of records to the receiving school (R55, R67): a secure, expiring, single-use and
logged hand-over to a named person at the school, with the family told. Learning records, SEN
records and child-protection records go separately, each to its own named person."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from tandem.agencies.models import AgencyContact
from tandem.core.models import ExportRecord, Setting
from tandem.people.models import Child

from .transition import Transition

__all__ = ["RecordTransfer", "TransferOpening"]


class RecordTransfer(models.Model):
    class Kind(models.TextChoices):
        LEARNING = "learning", "Learning and development record"
        SEN = "sen", "Special educational needs records"
        PROTECTION = "protection", "Child protection records"

    class Status(models.TextChoices):
        PREPARING = "preparing", "Being prepared"
        SENT = "sent", "Sent: waiting to be opened"
        OPENED = "opened", "Opened by the school"
        REVOKED = "revoked", "Withdrawn"
        FAILED = "failed", "Could not be prepared"

    class Delivery(models.TextChoices):
        LINK = "link", "A secure link by email (works once, expires)"
        IN_PERSON = "in_person", "By hand, in person"

    setting = models.ForeignKey(Setting, on_delete=models.CASCADE, related_name="record_transfers")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="record_transfers")
    transition = models.ForeignKey(Transition, on_delete=models.CASCADE, related_name="transfers")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    contact = models.ForeignKey(AgencyContact, on_delete=models.PROTECT, related_name="record_transfers")
    recipient_name = models.CharField(max_length=200)
    recipient_email = models.EmailField(blank=True)
    delivery = models.CharField(max_length=20, choices=Delivery.choices, default=Delivery.LINK)
    note = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PREPARING)
    export = models.ForeignKey(ExportRecord, null=True, on_delete=models.PROTECT, related_name="+")
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    handed_over_at = models.DateTimeField(null=True, blank=True)
    family_told_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["setting", "status"], name="records_transfer_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.recipient_name}"


class TransferOpening(models.Model):
    """Every use of a transfer link, allowed or refused."""

    class Outcome(models.TextChoices):
        OPENED = "opened", "Opened"
        ALREADY_USED = "already_used", "Refused: already opened"
        EXPIRED = "expired", "Refused: expired"
        REVOKED = "revoked", "Refused: withdrawn"

    transfer = models.ForeignKey(RecordTransfer, on_delete=models.CASCADE, related_name="openings")
    at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} at {self.at:%d/%m/%Y %H:%M}"
