"""Allegations of serious harm to a child by staff or a volunteer (R61): out of the complaints track."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from tandem.core.models import Setting
from tandem.people.models import Child

__all__ = ["Allegation"]


class Allegation(models.Model):
    setting = models.ForeignKey(Setting, on_delete=models.PROTECT, related_name="+")
    complaint = models.OneToOneField(
        "complaints.Complaint", null=True, blank=True, on_delete=models.PROTECT, related_name="allegation"
    )
    child = models.ForeignKey(Child, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    about = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The member of staff or volunteer.",
    )
    about_name = models.CharField(max_length=200, blank=True, help_text="When they have no account (agency staff).")
    summary = models.TextField()
    received_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    dsl_informed_at = models.DateTimeField(null=True, blank=True)
    lado_referred_at = models.DateTimeField(null=True, blank=True)
    lado_name = models.CharField("LADO's name", max_length=200, blank=True)
    lado_reference = models.CharField("LADO's reference", max_length=100, blank=True)
    lado_advice = models.TextField("the LADO's advice", blank=True)
    ofsted_notified_at = models.DateTimeField(null=True, blank=True)
    outcome = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return f"Allegation #{self.pk}"
