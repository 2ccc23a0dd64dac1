"""Consultations on changes (R39): a proposed change to how the service is delivered, published
with a closing date; parents comment or answer; the manager publishes the decision and reasons."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

__all__ = ["Consultation", "ConsultationResponse"]


class Consultation(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Being written"
        OPEN = "open", "Open for views"
        CLOSED = "closed", "Closed: decision to come"
        DECIDED = "decided", "Decided"

    setting = models.ForeignKey("core.Setting", on_delete=models.CASCADE, related_name="consultations")
    title = models.CharField(max_length=200)
    proposal = models.TextField(help_text="The change proposed, why, and what it would mean for families.")
    question = models.CharField(
        max_length=300, blank=True, help_text="An optional question parents answer, e.g. 'Would this suit you?'"
    )
    closes_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    decision = models.TextField(blank=True)
    reasons = models.TextField(blank=True, help_text="Why, with what parents said taken into account.")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class ConsultationResponse(models.Model):
    class Answer(models.TextChoices):
        AGREE = "agree", "I agree"
        DISAGREE = "disagree", "I disagree"
        UNSURE = "unsure", "I am not sure"

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="responses")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    answer = models.CharField(max_length=10, choices=Answer.choices, blank=True)
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "author"], name="voice_consultation_response_once")
        ]

    def __str__(self) -> str:
        return f"Response #{self.pk}"
