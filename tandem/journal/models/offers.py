"""Parents in the setting (R21): a family offers skills, resources, ideas or time; staff respond."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from tandem.core.models import Setting
from tandem.people.models import Adult

__all__ = ["Offer"]


class Offer(models.Model):
    class Kind(models.TextChoices):
        SKILL = "skill", "A skill or something I know about"
        RESOURCE = "resource", "Resources or materials"
        IDEA = "idea", "An idea"
        TIME = "time", "My time (helping out, outings, projects)"

    class Status(models.TextChoices):
        NEW = "new", "New"
        ACCEPTED = "accepted", "We would love to"
        USED = "used", "Done, thank you"
        DECLINED = "declined", "Not this time"

    setting = models.ForeignKey(Setting, on_delete=models.CASCADE, related_name="parent_offers")
    adult = models.ForeignKey(Adult, null=True, on_delete=models.SET_NULL, related_name="offers")
    offered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.TextField()
    availability = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    response = models.TextField(blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["setting", "status", "-created_at"], name="journal_offer_setting_idx")]

    def __str__(self) -> str:
        return f"Offer #{self.pk}"
