"""Translations of parent-facing items (R31): by a person or by a machine, always labelled."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

__all__ = ["Translation"]


class Translation(models.Model):
    class Source(models.TextChoices):
        HUMAN = "human", "Translated by a person"
        MACHINE = "machine", "Machine translation"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    language = models.CharField(max_length=12, help_text="A language code from tandem.comms.languages.")
    # The translated text of each translatable field of the item, by field name.
    fields = models.JSONField(default=dict)
    source = models.CharField(max_length=10, choices=Source.choices)
    provider = models.CharField(max_length=60, blank=True, help_text="The machine-translation provider.")
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A hash of the original's fields when translated: a changed original makes the translation stale.
    original_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language"], name="one_translation_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"Translation into {self.language}"
