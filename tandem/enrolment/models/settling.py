"""Settling in (R12): the plan agreed with the parents, its visits, the log staff keep, parents' replies."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from tandem.people.models import Adult, Child

__all__ = ["SettlingLogEntry", "SettlingPlan", "SettlingReply", "SettlingVisit"]


class SettlingPlan(models.Model):
    """How a child will settle in: agreed with their parents before the start, reviewed at the end.

    ``version`` goes up with every save, so two members of staff changing the plan at once never
    silently lose one of the changes (see the service).
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft: not yet agreed"
        AGREED = "agreed", "Agreed with the family"
        IN_PROGRESS = "in_progress", "Settling in now"
        COMPLETE = "complete", "Settled: review complete"

    child = models.OneToOneField(Child, on_delete=models.CASCADE, related_name="settling_plan")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    arrangements = models.TextField(
        "how we will settle in together",
        blank=True,
        help_text="What happens on each visit, who stays, how goodbyes will go. Markdown is allowed.",
    )
    agreed_with = models.ManyToManyField(Adult, blank=True, related_name="+", verbose_name="agreed with")
    agreed_on = models.DateField("date agreed", null=True, blank=True)
    first_visit = models.DateField("first visit", null=True, blank=True)
    start_date = models.DateField("first full session", null=True, blank=True)
    review_date = models.DateField("review date", null=True, blank=True)
    review_notes = models.TextField("review", blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(m2m_fields=[agreed_with])

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(review_date__isnull=True)
                | Q(first_visit__isnull=True)
                | Q(review_date__gte=models.F("first_visit")),
                name="settling_review_after_first_visit",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(first_visit__isnull=True)
                | Q(start_date__gte=models.F("first_visit")),
                name="settling_start_after_first_visit",
            ),
        ]

    def __str__(self) -> str:
        return f"Settling-in plan #{self.pk}"

    @property
    def is_complete(self) -> bool:
        return self.status == self.Status.COMPLETE


class SettlingVisit(models.Model):
    """One visit in the plan: when, for how long, and whether a parent stays."""

    plan = models.ForeignKey(SettlingPlan, on_delete=models.CASCADE, related_name="visits")
    date = models.DateField()
    duration_minutes = models.PositiveSmallIntegerField("how long (minutes)")
    parent_present = models.BooleanField("a parent or carer stays", default=True)
    notes = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5) & Q(duration_minutes__lte=600), name="settling_visit_duration"
            )
        ]

    def __str__(self) -> str:
        return f"Settling-in visit #{self.pk}"

    @property
    def duration_text(self) -> str:
        hours, minutes = divmod(self.duration_minutes, 60)
        parts = []
        if hours:
            parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
        if minutes:
            parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
        return " ".join(parts)


class SettlingLogEntry(models.Model):
    """A short note from the setting about how the child is settling, shared with the family."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="settling_entries")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField()
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name_plural = "settling-in log entries"
        indexes = [models.Index(fields=["child", "-at"], name="settling_entry_child_at_idx")]

    def __str__(self) -> str:
        return f"Settling-in note #{self.pk}"


class SettlingReply(models.Model):
    """A parent's answer to a log entry, which the staff read."""

    entry = models.ForeignKey(SettlingLogEntry, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField()
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name_plural = "settling-in replies"

    def __str__(self) -> str:
        return f"Reply #{self.pk}"
