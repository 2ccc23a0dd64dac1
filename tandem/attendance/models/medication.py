"""Medication (R9): a parent with parental responsibility authorises each medicine under the
medication consent; staff record each dose with a witness; the parent sees and acknowledges it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from tandem.people.models import Adult, Child

__all__ = ["Dose", "Medicine"]


class Medicine(models.Model):
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="medicines")
    name = models.CharField(max_length=200)
    reason = models.CharField(max_length=300, blank=True)
    dose = models.CharField(max_length=100, help_text="For example: 5 ml.")
    times = models.CharField(max_length=200, help_text="When to give it, for example: 12:00, or when needed.")
    start_date = models.DateField()
    end_date = models.DateField()
    last_dose_at_home = models.DateTimeField(null=True, blank=True)
    instructions = models.TextField(blank=True, help_text="Storage, side effects to watch for.")
    authorised_by = models.ForeignKey(Adult, on_delete=models.PROTECT, related_name="+")
    authorised_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    authorised_at = models.DateTimeField(default=timezone.now)
    typed_name = models.CharField(max_length=200, blank=True, help_text="The full name typed as a signature.")
    consent_decision = models.ForeignKey(
        "enrolment.ConsentDecision", null=True, on_delete=models.PROTECT, related_name="+"
    )
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_at = models.DateTimeField(null=True, blank=True, help_text="When staff took the medicine in.")
    stopped_at = models.DateTimeField(null=True, blank=True)
    stopped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-start_date", "-pk"]
        indexes = [models.Index(fields=["child", "end_date"], name="medicine_child_end_idx")]

    def __str__(self) -> str:
        return self.name


class Dose(models.Model):
    medicine = models.ForeignKey(Medicine, on_delete=models.PROTECT, related_name="doses")
    given_at = models.DateTimeField(default=timezone.now)
    amount = models.CharField(max_length=100)
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    witnessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    note = models.CharField(max_length=300, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-given_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(given_by=models.F("witnessed_by")), name="dose_witness_is_someone_else"
            )
        ]

    def __str__(self) -> str:
        return f"Dose #{self.pk}"
