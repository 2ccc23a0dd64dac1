"""Child-protection plan tasks (R24): agreed with the parents where a child protection plan is in
place; seen only by the DSL, the manager and the key person; every read audited."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

__all__ = ["ProtectionPlan", "ProtectionTask"]


class ProtectionPlan(models.Model):
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="protection_plans")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    lead_professional = models.CharField(
        max_length=200, help_text="The lead social worker and their service, as a name (not an account)."
    )
    lead_contact = models.CharField(max_length=200, blank=True, help_text="Their phone or secure email.")
    next_conference_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-started_on", "-pk"]

    def __str__(self) -> str:
        return f"Child protection plan #{self.pk}"


class ProtectionTask(models.Model):
    class Owner(models.TextChoices):
        PARENTS = "parents", "The parents"
        KEY_PERSON = "key_person", "The key person"
        SETTING = "setting", "The setting"
        AGENCY = "agency", "Another agency"

    plan = models.ForeignKey(ProtectionPlan, on_delete=models.CASCADE, related_name="tasks")
    task = models.TextField()
    owner = models.CharField(max_length=12, choices=Owner.choices)
    owner_detail = models.CharField(max_length=200, blank=True, help_text="A name, if it helps.")
    due_on = models.DateField(null=True, blank=True)
    agreed_with_parents_on = models.DateField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["done_at", "due_on", "pk"]

    def __str__(self) -> str:
        return f"Task #{self.pk}"
