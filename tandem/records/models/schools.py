"""School partnerships (R54). A school is an ``agencies.Agency`` of the category "Schools", with its
named contacts (``AgencyContact``): one directory, not two. What the setting does with each school
(visits, shared practice) is a ``SchoolActivity``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from tandem.agencies.models import Agency
from tandem.core.models import Setting

__all__ = ["SchoolActivity"]


class SchoolActivity(models.Model):
    class Kind(models.TextChoices):
        VISIT_TO_SCHOOL = "visit_to_school", "We visited the school"
        VISIT_FROM_SCHOOL = "visit_from_school", "The school visited us"
        SHARED_PRACTICE = "shared_practice", "Shared practice or training"
        MEETING = "meeting", "Meeting"
        OTHER = "other", "Other"

    setting = models.ForeignKey(Setting, on_delete=models.CASCADE, related_name="school_activities")
    school = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="school_activities")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    on = models.DateField("date")
    summary = models.TextField(help_text="What happened and what you learned.")
    follow_up = models.TextField(blank=True, help_text="What you agreed to do next, if anything.")
    led_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-on", "-pk"]
        verbose_name_plural = "school activities"
        indexes = [models.Index(fields=["setting", "school", "on"], name="records_activity_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.on:%d/%m/%Y})"
