"""Multi-agency work (R52): referrals, meetings (team around the child, child in need, child
protection conference) and their actions, tracked with the family where appropriate."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

__all__ = ["AgencyAction", "AgencyMeeting", "Referral"]


class Referral(models.Model):
    class Status(models.TextChoices):
        MADE = "made", "Made"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        CLOSED = "closed", "Closed"

    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="referrals")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="referrals")
    reason = models.TextField()
    made_on = models.DateField(default=timezone.localdate)
    share = models.ForeignKey(
        "agencies.Share",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
        help_text="The record of what was sent with the referral, and on what basis.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.MADE)
    outcome = models.TextField(blank=True)
    safeguarding = models.BooleanField(
        default=False, help_text="A referral to children's social care: seen only by the DSL, manager and key person."
    )
    shared_with_family = models.BooleanField(default=True)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-made_on", "-pk"]

    def __str__(self) -> str:
        return f"Referral #{self.pk}"


class AgencyMeeting(models.Model):
    class Kind(models.TextChoices):
        TEAM_AROUND_CHILD = "tac", "Team around the child"
        CHILD_IN_NEED = "cin", "Child in need meeting"
        CP_CONFERENCE = "cp_conference", "Child protection conference"
        CORE_GROUP = "core_group", "Core group meeting"
        SEND_REVIEW = "send_review", "SEND or EHC plan review"
        OTHER = "other", "Other multi-agency meeting"

    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="agency_meetings")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    held_at = models.DateTimeField()
    venue = models.CharField(max_length=200, blank=True)
    attendees = models.TextField(help_text="Who came, and from which service.")
    notes = models.TextField(blank=True)
    safeguarding = models.BooleanField(
        default=False, help_text="Set for child in need, child protection and core group meetings."
    )
    shared_with_family = models.BooleanField(default=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class AgencyAction(models.Model):
    meeting = models.ForeignKey(AgencyMeeting, on_delete=models.CASCADE, related_name="actions")
    action = models.TextField()
    owner = models.CharField(max_length=200, help_text="Who: a name, the family, or a service.")
    due_on = models.DateField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_note = models.TextField(blank=True)
    visible_to_family = models.BooleanField(default=True)

    class Meta:
        ordering = ["done_at", "due_on", "pk"]

    def __str__(self) -> str:
        return f"Action #{self.pk}"
