"""Questionnaires (R36). A confidential questionnaire is truly anonymous: an answer (``Response``)
holds no person, no child, no time and no sequential id, while ``Participation`` (one row per child
of the family that answered, and no link to the answer) stops a family answering twice."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

__all__ = ["Answer", "Participation", "Question", "Questionnaire", "Response"]


class Questionnaire(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Being written"
        OPEN = "open", "Open for answers"
        CLOSED = "closed", "Closed"

    setting = models.ForeignKey("core.Setting", on_delete=models.CASCADE, related_name="questionnaires")
    room = models.ForeignKey(
        "core.Room",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questionnaires",
        help_text="Only the families of this room; empty for the whole setting.",
    )
    title = models.CharField(max_length=200)
    introduction = models.TextField(blank=True)
    confidential = models.BooleanField(
        default=True, help_text="Answers are anonymous: no one can tell which family gave them."
    )
    min_responses = models.PositiveSmallIntegerField(
        default=5, help_text="Results stay hidden until at least this many families have answered."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    closes_on = models.DateField()
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        CHOICE = "choice", "Choose one"
        MULTIPLE = "multiple", "Choose any"
        SCALE = "scale", "A scale from 1 to 5"
        TEXT = "text", "Free text"

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.CharField(max_length=300)
    help_text = models.CharField(max_length=300, blank=True)
    choices = models.JSONField(default=list, blank=True, help_text="The options of a choice question.")
    scale_low = models.CharField(max_length=60, blank=True, help_text="What 1 means, e.g. 'Not at all'.")
    scale_high = models.CharField(max_length=60, blank=True, help_text="What 5 means, e.g. 'Very much'.")
    required = models.BooleanField(default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text


class Response(models.Model):
    """One family's answers. For a confidential questionnaire ``adult`` is empty: nothing here says
    who answered or when, and the random primary key does not reveal the order of answers."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="responses")
    adult = models.ForeignKey(
        "people.Adult",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Only for a questionnaire that is not confidential.",
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return "A response"


class Answer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choices = models.JSONField(default=list, blank=True)
    scale = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="voice_answer_once")]

    def __str__(self) -> str:
        return "An answer"


class Participation(models.Model):
    """That the family of ``child`` has answered (and nothing of what). Unique per child, so a second
    parent of the same family, or a parent answering again, is refused by the database too."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="participations")
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="+")
    answered_on = models.DateField(default=timezone.localdate)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "child"], name="voice_participation_once_per_child")
        ]

    def __str__(self) -> str:
        return "A participation"
