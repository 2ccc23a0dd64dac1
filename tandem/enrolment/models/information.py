"""Before admission (R6) and the setting's information for parents (R68)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from tandem.core.models import Setting
from tandem.people.models import Adult, Child

__all__ = ["BriefingMeeting", "InformationPage", "Topic"]


class Topic(models.TextChoices):
    """The setting's written information, in the order parents see it."""

    SAFEGUARDING = "safeguarding_and_prevent", "Safeguarding and the Prevent Duty"
    ADMISSIONS = "admissions", "Admissions"
    FEES = "fees", "Fees and funded hours"
    LATE_COLLECTION = "late_collection", "Late collection"
    NON_COLLECTION = "non_collection", "If a child is not collected"
    SEN = "sen", "Special educational needs and disabilities"
    COMPLAINTS = "complaints", "Complaints"
    POLICIES = "policies_overview", "Our policies at a glance"

    @classmethod
    def order(cls, value: str) -> int:
        return list(cls.values).index(value) if value in cls.values else len(cls.values)


class InformationPage(models.Model):
    setting = models.ForeignKey(Setting, on_delete=models.CASCADE, related_name="information_pages")
    topic = models.CharField(max_length=30, choices=Topic.choices)
    title = models.CharField(max_length=200)
    body = models.TextField(help_text="Written in Markdown.")
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # goes up by one at every save: an edit made from an older copy is refused, never lost
    revision = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["setting", "topic"]
        constraints = [models.UniqueConstraint(fields=["setting", "topic"], name="information_page_one_per_topic")]

    def __str__(self) -> str:
        return self.title


class BriefingMeeting(models.Model):
    """The meeting with a family before the child starts (R6): when, with whom, what was shared."""

    setting = models.ForeignKey(Setting, on_delete=models.CASCADE, related_name="briefing_meetings")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="briefing_meetings")
    scheduled_for = models.DateTimeField()
    held_at = models.DateTimeField(null=True, blank=True)
    staff_member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    adults_present = models.ManyToManyField(Adult, blank=True, related_name="briefing_meetings")
    # topic values (Topic) talked through at the meeting
    policies_discussed = models.JSONField(default=list, blank=True)
    safeguarding_explained = models.BooleanField(
        default=False, help_text="The setting's safeguarding duties and the Prevent Duty were explained."
    )
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    revision = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-scheduled_for", "-pk"]
        indexes = [models.Index(fields=["child", "scheduled_for"], name="briefing_child_when_idx")]

    def __str__(self) -> str:
        return f"Briefing meeting #{self.pk}"

    @property
    def is_held(self) -> bool:
        return self.held_at is not None

    @property
    def topics_discussed(self) -> list[str]:
        """Labels of the topics discussed, in the standard order."""
        chosen = sorted((t for t in self.policies_discussed if t in Topic.values), key=Topic.order)
        return [Topic(t).label for t in chosen]
