"""Suggestions (R37): positive or negative, at any time, named or anonymous; staff reply publicly or
to the named parent, and say what changed as a result ("you said, we did")."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

__all__ = ["Suggestion"]


class Suggestion(models.Model):
    class Tone(models.TextChoices):
        POSITIVE = "positive", "Something we liked"
        NEGATIVE = "negative", "Something we did not like"
        IDEA = "idea", "An idea"

    class Status(models.TextChoices):
        NEW = "new", "New"
        CONSIDERING = "considering", "Being considered"
        DONE = "done", "Answered"

    setting = models.ForeignKey("core.Setting", on_delete=models.CASCADE, related_name="suggestions")
    tone = models.CharField(max_length=10, choices=Tone.choices)
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when given anonymously: then nothing records who gave it.",
    )
    received_on = models.DateField(default=timezone.localdate, help_text="A day, not a time (anonymity).")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NEW)
    reply = models.TextField(blank=True)
    reply_public = models.BooleanField(
        default=False, help_text="Shown to every family with the suggestion (without the author's name)."
    )
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    replied_at = models.DateTimeField(null=True, blank=True)
    we_did = models.TextField("what we did", blank=True, help_text="What changed as a result.")
    we_did_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["setting", "status"], name="voice_suggestion_status_idx")]

    def __str__(self) -> str:
        return f"Suggestion #{self.pk}"
