"""Bringing families in from a CSV file (issue: "Bringing families in")."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from tandem.core.models import Setting

__all__ = ["ImportBatch"]


class ImportBatch(models.Model):
    """One uploaded file, previewed, then imported whole or not at all.

    The file's text is kept only until it is imported (then cleared), so personal data does not
    linger in a second place."""

    setting = models.ForeignKey(Setting, on_delete=models.CASCADE, related_name="import_batches")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    file_name = models.CharField(max_length=200)
    content = models.TextField(blank=True)
    imported_at = models.DateTimeField(null=True, blank=True)
    children_created = models.PositiveIntegerField(default=0)
    adults_created = models.PositiveIntegerField(default=0)
    invitations_sent = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return f"Import #{self.pk}"
