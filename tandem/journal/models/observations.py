"""Observations (R14) and learning at home (R15): one model for both, told apart by ``source``.

An observation is about one child or several (a group observation). Staff observations go
draft → staff only → shared with families; a home observation is written by a parent and waits
for the key person to acknowledge it into the journal. ``ObservationChild`` carries the date it was
shared, so each child's feed is one indexed range scan (keyset pagination).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from tandem.core.models import Setting
from tandem.people.models import Adult, Child

from .eyfs import Aspect, Characteristic

__all__ = ["Comment", "Observation", "ObservationChild"]


class Observation(models.Model):
    class Source(models.TextChoices):
        SETTING = "setting", "The setting"
        HOME = "home", "Home"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        STAFF = "staff", "Staff only"
        AWAITING = "awaiting", "Waiting for the key person"  # a home observation not yet acknowledged
        PUBLISHED = "published", "Shared with the family"

    setting = models.ForeignKey(Setting, on_delete=models.PROTECT, related_name="observations")
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.SETTING)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    title = models.CharField(max_length=200, blank=True)
    text = models.TextField(help_text="What happened, what the child said and did (Markdown).")
    observed_on = models.DateField(default=timezone.localdate)
    children: models.ManyToManyField[Child, ObservationChild] = models.ManyToManyField(
        Child, through="ObservationChild", related_name="observations"
    )
    aspects = models.ManyToManyField(Aspect, blank=True, related_name="observations")
    characteristics = models.ManyToManyField(Characteristic, blank=True, related_name="observations")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    author_adult = models.ForeignKey(
        Adult, null=True, blank=True, on_delete=models.SET_NULL, related_name="home_observations"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledgement = models.TextField(blank=True, help_text="The key person's reply to a home observation.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-observed_on", "-pk"]
        indexes = [
            models.Index(fields=["setting", "status", "-created_at"], name="journal_obs_setting_status_idx"),
        ]

    def __str__(self) -> str:
        return self.title or f"Observation #{self.pk}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_home(self) -> bool:
        return self.source == self.Source.HOME


class ObservationChild(models.Model):
    """A child in an observation. ``shared_at`` is set while the observation is shared with families."""

    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="links")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="observation_links")
    shared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["observation", "child"], name="journal_observation_child_unique"),
        ]
        indexes = [models.Index(fields=["child", "-shared_at", "-observation"], name="journal_feed_idx")]

    def __str__(self) -> str:
        return f"Child {self.child_id} in observation {self.observation_id}"


class Comment(models.Model):
    """A comment on an observation about one child: seen by that child's family and the staff only,
    so that in a group observation one family never reads another's comments."""

    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="comments")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="journal_comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    from_family = models.BooleanField(default=False)
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["observation", "child", "created_at"], name="journal_comment_idx")]

    def __str__(self) -> str:
        return f"Comment #{self.pk}"
