"""Messages (R26): threads about a child between the family and the setting."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from tandem.core.models import Setting
from tandem.people.models import Adult, Child

__all__ = ["Message", "MessageAttachment", "Thread", "ThreadParticipant", "ThreadRead"]


class Thread(models.Model):
    class Topic(models.TextChoices):
        GENERAL = "general", "General"
        CHANGE_AT_HOME = "change", "A change at home"
        LEARNING = "learning", "Learning and development"
        WELLBEING = "wellbeing", "Health and wellbeing"
        SESSIONS = "sessions", "Sessions, fees and funding"

    class ChangeKind(models.TextChoices):
        ROUTINE = "routine", "Routine (sleep, eating, toileting)"
        NEW_BABY = "baby", "A new baby"
        MOVE = "move", "Moving house"
        SEPARATION = "separation", "Parents separating"
        BEREAVEMENT = "bereavement", "A bereavement"
        ILLNESS = "illness", "Illness in the family"
        WORK = "work", "Work or childcare changes"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    setting = models.ForeignKey(Setting, on_delete=models.CASCADE, related_name="+")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="threads")
    subject = models.CharField(max_length=200)
    topic = models.CharField(max_length=12, choices=Topic.choices, default=Topic.GENERAL)
    change_kind = models.CharField(max_length=12, choices=ChangeKind.choices, blank=True)
    change_from = models.DateField(null=True, blank=True, help_text="When the change starts or started.")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Staff side: who answers, and a date to come back to it.
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    follow_up_on = models.DateField(null=True, blank=True)
    # Family side: the adults in the conversation (each still needs the right to information).
    participants: models.ManyToManyField[Adult, ThreadParticipant] = models.ManyToManyField(
        Adult, through="ThreadParticipant", related_name="threads"
    )

    class Meta:
        ordering = ["-last_message_at", "-pk"]
        indexes = [models.Index(fields=["setting", "status", "last_message_at"])]

    def __str__(self) -> str:
        return self.subject


class ThreadParticipant(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="participant_links")
    adult = models.ForeignKey(Adult, on_delete=models.CASCADE, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["thread", "adult"], name="one_participation_per_adult")]

    def __str__(self) -> str:
        return f"Adult {self.adult_id} in thread {self.thread_id}"


class Message(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    from_family = models.BooleanField()
    body = models.TextField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sent_at", "pk"]

    def __str__(self) -> str:
        return f"Message #{self.pk}"


class MessageAttachment(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="messages/")
    name = models.CharField(max_length=200, help_text="The file's name as the sender gave it, cleaned.")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.name


class ThreadRead(models.Model):
    """When a person last read a thread: later messages are unread for them."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["thread", "user"], name="one_read_mark_per_user")]

    def __str__(self) -> str:
        return f"Read mark of thread {self.thread_id}"
