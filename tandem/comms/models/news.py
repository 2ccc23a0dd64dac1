"""News, newsletters and notices (R28, R27), and "read and understood" (R32)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from tandem.core.models import Room, Setting
from tandem.people.models import Child

__all__ = ["Post", "PostRecipient"]


class Post(models.Model):
    """Written once (sanitised Markdown), sent to an audience now or at a set time."""

    class Kind(models.TextChoices):
        NEWS = "news", "News"
        NEWSLETTER = "newsletter", "Newsletter"
        NOTICE = "notice", "Notice"

    class Audience(models.TextChoices):
        SETTING = "setting", "Every family of the setting"
        ROOMS = "rooms", "Families of chosen rooms"
        FAMILIES = "families", "Chosen families"

    TRANSLATABLE = ("title", "body")

    setting = models.ForeignKey(Setting, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.NEWS)
    title = models.CharField(max_length=200)
    body = models.TextField(help_text="Markdown: **bold**, lists, links.")
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.SETTING)
    rooms = models.ManyToManyField(Room, blank=True, related_name="+")
    children = models.ManyToManyField(Child, blank=True, related_name="+", help_text="Their families receive it.")
    important = models.BooleanField(
        default=False, help_text="Ask each parent to confirm they have read and understood it."
    )
    pinned = models.BooleanField(default=False, help_text="Keep it on the notice board.")
    send_email = models.BooleanField(default=True)
    # None while a draft; a future time while scheduled.
    publish_at = models.DateTimeField(null=True, blank=True)
    # Set when delivery began; the recipients are fixed from then on.
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    recipients_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["setting", "published_at"])]

    def __str__(self) -> str:
        return self.title


class PostRecipient(models.Model):
    """One parent a post went to: delivery, reading and, for important posts, confirmation."""

    class How(models.TextChoices):
        APP = "app", "Confirmed in Tandem"
        IN_PERSON = "in_person", "Explained in person"

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="recipients")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=12, blank=True, help_text="The language it was sent in.")
    read_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_how = models.CharField(max_length=10, choices=How.choices, blank=True)
    confirmed_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmation_note = models.CharField(max_length=300, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="one_recipient_row_per_user")]
        indexes = [models.Index(fields=["post", "confirmed_at"]), models.Index(fields=["user", "post"])]

    def __str__(self) -> str:
        return f"Recipient {self.user_id} of post {self.post_id}"
