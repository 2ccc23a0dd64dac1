"""Events and diary dates (R30), with replies and a calendar feed per person."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from tandem.core.models import Room, Setting

__all__ = ["CalendarFeed", "Event", "EventReply"]


class Event(models.Model):
    class Kind(models.TextChoices):
        DIARY = "diary", "Diary date"
        SOCIAL = "social", "Social event"
        DISCUSSION = "discussion", "Discussion group"
        WORKSHOP = "workshop", "Workshop"
        TRAINING = "training", "Training for parents"
        CONFERENCE = "conference", "Conference"

    class Audience(models.TextChoices):
        SETTING = "setting", "Every family of the setting"
        ROOMS = "rooms", "Families of chosen rooms"

    TRANSLATABLE = ("title", "description", "place", "access_notes")

    setting = models.ForeignKey(Setting, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.DIARY)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(null=True, blank=True)
    all_day = models.BooleanField(default=False)
    place = models.CharField(max_length=300, blank=True)
    access_notes = models.TextField(blank=True, help_text="Step-free access, parking, toilets, hearing loop.")
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.SETTING)
    rooms = models.ManyToManyField(Room, blank=True, related_name="+")
    replies_wanted = models.BooleanField(default=False)
    capacity = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Places, counting adults.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    sequence = models.PositiveIntegerField(default=0, help_text="iCalendar SEQUENCE: bumped on each change.")

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["setting", "starts_at"])]

    def __str__(self) -> str:
        return self.title


class EventReply(models.Model):
    class Answer(models.TextChoices):
        GOING = "going", "Going"
        MAYBE = "maybe", "Maybe"
        NOT_GOING = "not_going", "Not going"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="replies")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(max_length=10, choices=Answer.choices)
    adults = models.PositiveSmallIntegerField(default=1)
    children = models.PositiveSmallIntegerField(default=0)
    note = models.CharField(max_length=300, blank=True, help_text="For example: access needs, an interpreter.")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="one_reply_per_person")]

    def __str__(self) -> str:
        return f"{self.answer} to event {self.event_id}"


class CalendarFeed(models.Model):
    """A person's secret calendar address. Only the SHA-256 of its token is kept."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Calendar feed of user {self.user_id}"
