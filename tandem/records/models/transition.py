"""Transition to school (R55): the receiving school, a transition report the family contributes to
and agrees before it is sent, and meetings with the receiving teacher."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from tandem.agencies.models import Agency, AgencyContact
from tandem.core.models import Setting
from tandem.people.models import Adult, Child

__all__ = ["ReportFeedback", "Transition", "TransitionMeeting", "TransitionReport"]


class Transition(models.Model):
    """One child's move to school. One a child."""

    class Status(models.TextChoices):
        PLANNING = "planning", "Planning"
        WITH_FAMILY = "with_family", "Report with the family"
        AGREED = "agreed", "Report agreed by the family"
        TRANSFERRED = "transferred", "Records sent to the school"
        CLOSED = "closed", "Closed"

    setting = models.ForeignKey(Setting, on_delete=models.CASCADE, related_name="transitions")
    child = models.OneToOneField(Child, on_delete=models.CASCADE, related_name="transition")
    school = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="transitions")
    teacher = models.ForeignKey(
        AgencyContact,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="transitions",
        help_text="The receiving teacher, or whoever the school names to receive records.",
    )
    starts_on = models.DateField("starts school on", null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNING)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["child__last_name", "child__first_name", "pk"]
        indexes = [models.Index(fields=["setting", "status"], name="records_transition_idx")]

    def __str__(self) -> str:
        return f"Transition to {self.school}"


class TransitionReport(models.Model):
    """The transition report: drawn from the journal and summaries, with the family's own words.
    The family reads and agrees a version; a change after that must be agreed again."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        WITH_FAMILY = "with_family", "With the family to review"
        AGREED = "agreed", "Agreed by the family"

    transition = models.OneToOneField(Transition, on_delete=models.CASCADE, related_name="report")
    version = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    about_me = models.TextField("who I am and what I enjoy", blank=True)
    personal_social = models.TextField("personal, social and emotional development", blank=True)
    communication = models.TextField("communication and language", blank=True)
    physical = models.TextField("physical development", blank=True)
    specific_areas = models.TextField(
        "literacy, mathematics, understanding the world, expressive arts and design", blank=True
    )
    learning_characteristics = models.TextField("how I learn", blank=True)
    support = models.TextField("what helps me", blank=True)
    next_steps = models.TextField("next steps", blank=True)
    family_contribution = models.TextField("the family's own words", blank=True)
    family_contribution_by = models.ForeignKey(
        Adult, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_to_family_at = models.DateTimeField(null=True, blank=True)
    agreed_by = models.ForeignKey(Adult, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    agreed_version = models.PositiveIntegerField(null=True, blank=True)
    agreed_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    SECTIONS = (
        "about_me",
        "personal_social",
        "communication",
        "physical",
        "specific_areas",
        "learning_characteristics",
        "support",
        "next_steps",
    )

    def __str__(self) -> str:
        return f"Transition report, version {self.version}"

    @property
    def is_agreed(self) -> bool:
        return self.status == self.Status.AGREED and self.agreed_version == self.version


class ReportFeedback(models.Model):
    """A family's request for a change to the report."""

    report = models.ForeignKey(TransitionReport, on_delete=models.CASCADE, related_name="feedback")
    version = models.PositiveIntegerField()
    adult = models.ForeignKey(Adult, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Feedback on version {self.version}"


class TransitionMeeting(models.Model):
    class Kind(models.TextChoices):
        TEACHER_VISIT = "teacher_visit", "The teacher visits the setting"
        SCHOOL_VISIT = "school_visit", "The child visits the school"
        MEETING = "meeting", "Meeting with the receiving teacher"
        HOME_VISIT = "home_visit", "Home visit by the school"
        OTHER = "other", "Other"

    transition = models.ForeignKey(Transition, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    at = models.DateTimeField()
    with_whom = models.CharField(max_length=200, help_text="For example: Mrs Patel, Reception teacher.")
    attendees = models.CharField(max_length=300, blank=True, help_text="Who else will be there.")
    notes = models.TextField(blank=True)
    shared_with_family = models.BooleanField(default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.at:%d/%m/%Y})"
