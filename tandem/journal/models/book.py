"""The learning journal book (R18): the child's whole journal as a PDF, made in the task queue with
visible progress and downloaded through a permission-checked view."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from tandem.people.models import Child

__all__ = ["Book"]


def book_path(instance: Book, filename: str) -> str:
    import secrets

    return f"journal/books/{instance.child.setting_id}/{secrets.token_hex(16)}.pdf"


class Book(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        MAKING = "making", "Being made"
        READY = "ready", "Ready to download"
        FAILED = "failed", "Could not be made"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="journal_books")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    for_family = models.BooleanField(
        default=True, help_text="Made as the family sees the journal (only what is shared, only consented photos)."
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent done.")
    pages = models.PositiveIntegerField(default=0)
    observations = models.PositiveIntegerField(default=0)
    pdf = models.FileField(upload_to=book_path, blank=True, max_length=200)
    failure = models.CharField(max_length=300, blank=True, help_text="Why the book could not be made, in plain words.")
    requested_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["child", "-requested_at"], name="journal_book_child_idx")]

    def __str__(self) -> str:
        return f"Book #{self.pk}"

    @property
    def in_progress(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.MAKING)

    @property
    def is_ready(self) -> bool:
        return self.state == self.State.READY
