"""The notice board (R27): documents a setting publishes (Ofsted report, policies, complaints procedure).

Everything else on the board is drawn from the data: staff and key persons from memberships,
diary dates from events, pinned notices from posts.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from tandem.core.models import Setting

__all__ = ["SettingDocument"]


class SettingDocument(models.Model):
    class Kind(models.TextChoices):
        OFSTED_REPORT = "ofsted", "Ofsted inspection report"
        POLICY = "policy", "Policy"
        COMPLAINTS = "complaints", "Complaints procedure"
        OTHER = "other", "Other document"

    setting = models.ForeignKey(Setting, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    title = models.CharField(max_length=200)
    summary = models.CharField(
        max_length=300, blank=True, help_text="For example: Overall effectiveness: Good. Or what the policy covers."
    )
    dated = models.DateField(help_text="The date of the inspection, or when the policy was last reviewed.")
    file = models.FileField(upload_to="documents/")
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "-dated", "-pk"]

    def __str__(self) -> str:
        return self.title
