"""Meetings at times that suit (R33), key person meetings (R34) and home visits (R35)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from tandem.core.models import Room, Setting
from tandem.people.models import Child

__all__ = ["Meeting", "MeetingAvailability", "MeetingOption", "MeetingRound"]


class MeetingRound(models.Model):
    """A parents' evening: one set of slots offered to many families; each slot is booked once."""

    setting = models.ForeignKey(Setting, on_delete=models.CASCADE, related_name="+")
    room = models.ForeignKey(Room, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(max_length=200)
    venue = models.CharField(max_length=300, blank=True)
    venue_access_notes = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class Meeting(models.Model):
    class Kind(models.TextChoices):
        KEY_PERSON = "key_person", "Key person meeting"
        PARENTS_EVENING = "parents_evening", "Parents' evening"
        REVIEW = "review", "Review meeting"
        HOME_VISIT = "home_visit", "Home visit"

    class Mode(models.TextChoices):
        OFFER = "offer", "Offer times: the family picks one"
        ASK = "ask", "Ask the family which times suit, then fix one"

    class Status(models.TextChoices):
        REQUESTED = "requested", "Requested by the family"
        ASKING = "asking", "Finding a time"
        FIXED = "fixed", "Fixed"
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"

    TRANSLATABLE = ("title", "venue_access_notes")

    setting = models.ForeignKey(Setting, on_delete=models.CASCADE, related_name="+")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="meetings")
    round = models.ForeignKey(MeetingRound, null=True, blank=True, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.KEY_PERSON)
    title = models.CharField(max_length=200)
    mode = models.CharField(max_length=6, choices=Mode.choices, default=Mode.ASK)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ASKING)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Staff attending (a home visit is made by two).
    staff = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    slot = models.OneToOneField(
        "MeetingOption", null=True, blank=True, on_delete=models.SET_NULL, related_name="booked_meeting"
    )
    starts_at = models.DateTimeField(null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(default=20)
    venue = models.CharField(max_length=300, blank=True, help_text="For a home visit: the family's home.")
    venue_access_notes = models.TextField(blank=True, help_text="Step-free access, parking, quiet room.")
    interpreter_needed = models.BooleanField(default=False)
    interpreter_language = models.CharField(max_length=60, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    request_reason = models.TextField(blank=True)
    family_times_note = models.TextField(blank=True, help_text="Other times that suit the family.")
    notes = models.TextField(blank=True, help_text="What was discussed and agreed.")
    notes_shared_at = models.DateTimeField(null=True, blank=True)
    family_reply = models.TextField(blank=True, help_text="The family's reply to the notes.")
    cancel_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["setting", "status", "starts_at"])]

    def __str__(self) -> str:
        return self.title


class MeetingOption(models.Model):
    """A time offered: for one meeting, or a slot of a parents' evening."""

    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.CASCADE, related_name="options")
    round = models.ForeignKey(MeetingRound, null=True, blank=True, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(meeting__isnull=False, round__isnull=True)
                | models.Q(meeting__isnull=True, round__isnull=False),
                name="option_of_a_meeting_or_a_round",
            )
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M}"


class MeetingAvailability(models.Model):
    """A family member's answer: does this time suit them?"""

    option = models.ForeignKey(MeetingOption, on_delete=models.CASCADE, related_name="availability")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    suits = models.BooleanField()
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["option", "user"], name="one_answer_per_option")]

    def __str__(self) -> str:
        return f"Option {self.option_id}: {'suits' if self.suits else 'does not suit'}"
