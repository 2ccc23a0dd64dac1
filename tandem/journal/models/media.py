"""Photos and short videos in observations and on room boards (R14, R20).

An upload is checked in the request (type, size, pixel count) and kept as it came, privately, in
``original``; the task queue makes the clean copies (EXIF and GPS stripped, resized, thumbnailed)
and deletes the original. Files are named by ids only and served only through permission-checked
views. ``children`` are the children pictured: a family sees the item only while every one of
them has photo consent.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from tandem.core.models import Setting
from tandem.people.models import Child

__all__ = ["Media"]


def media_path(instance: Media, filename: str) -> str:
    """Private storage, ids and a random part only: never a child's name, never guessable."""
    import secrets

    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"journal/{instance.setting_id}/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.{extension}"


class Media(models.Model):
    class Kind(models.TextChoices):
        PHOTO = "photo", "Photo"
        VIDEO = "video", "Video"

    class State(models.TextChoices):
        PENDING = "pending", "Being prepared"
        READY = "ready", "Ready"
        FAILED = "failed", "Could not be used"

    setting = models.ForeignKey(Setting, on_delete=models.PROTECT, related_name="journal_media")
    observation = models.ForeignKey(
        "journal.Observation", null=True, blank=True, on_delete=models.CASCADE, related_name="media"
    )
    board = models.ForeignKey(
        "journal.DailyBoard", null=True, blank=True, on_delete=models.CASCADE, related_name="media"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PHOTO)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    failure = models.CharField(max_length=200, blank=True, help_text="Why the file could not be used.")
    caption = models.CharField(max_length=300, blank=True)
    children = models.ManyToManyField(Child, blank=True, related_name="journal_media")
    original = models.FileField(upload_to=media_path, blank=True, max_length=200)
    display = models.FileField(upload_to=media_path, blank=True, max_length=200)
    thumbnail = models.FileField(upload_to=media_path, blank=True, max_length=200)
    content_type = models.CharField(max_length=60, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    size = models.PositiveIntegerField(default=0, help_text="Bytes of the file served.")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    processed_at = models.DateTimeField(null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(observation__isnull=True) | models.Q(board__isnull=True),
                name="journal_media_one_owner",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def is_ready(self) -> bool:
        return self.state == self.State.READY
