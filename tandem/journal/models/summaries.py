"""Periodic summaries of a child's learning (R16): a section per area of learning, the next steps
agreed, and a section for the parents' views. Shared with the family, who add their views."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from tandem.people.models import Child

from .eyfs import Area, Band

__all__ = ["Summary", "SummaryArea"]


class Summary(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SHARED = "shared", "Shared with the family"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="journal_summaries")
    title = models.CharField(max_length=120, help_text="For example: Spring term 2027.")
    period_start = models.DateField()
    period_end = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    overview = models.TextField(blank=True)
    parents_views = models.TextField(blank=True, help_text="What the family says: written by them or with them.")
    parents_views_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    parents_views_at = models.DateTimeField(null=True, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    shared_at = models.DateTimeField(null=True, blank=True)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    next_steps = models.ManyToManyField(
        "journal.NextStep", blank=True, related_name="summaries", help_text="The next steps agreed in the summary."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_end", "-pk"]
        indexes = [models.Index(fields=["child", "-period_end"], name="journal_summary_child_idx")]

    def __str__(self) -> str:
        return self.title


class SummaryArea(models.Model):
    summary = models.ForeignKey(Summary, on_delete=models.CASCADE, related_name="areas")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    band = models.ForeignKey(Band, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["area__order"]
        constraints = [models.UniqueConstraint(fields=["summary", "area"], name="journal_summary_area_unique")]

    def __str__(self) -> str:
        return f"{self.area} in summary {self.summary_id}"
