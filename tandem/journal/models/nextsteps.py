"""Next steps for a child (R16), suggested by staff or by the family, with their status."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from tandem.people.models import Child

from .eyfs import Area

__all__ = ["NextStep"]


class NextStep(models.Model):
    class Status(models.TextChoices):
        SUGGESTED = "suggested", "Suggested by the family"  # waits for the key person to take it on
        OPEN = "open", "Working on it"
        ACHIEVED = "achieved", "Achieved"
        SET_ASIDE = "set_aside", "Set aside"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="next_steps")
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    from_family = models.BooleanField(default=False)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    observation = models.ForeignKey(
        "journal.Observation", null=True, blank=True, on_delete=models.SET_NULL, related_name="next_steps"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    status_note = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["child", "status"], name="journal_nextstep_child_idx")]

    def __str__(self) -> str:
        return f"Next step #{self.pk}"
