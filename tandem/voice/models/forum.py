"""The parent forum (R38): discussions on the day-to-day organisation of the setting, moderated by
the manager and any parent representatives; minutes of forum meetings; proposals that parents vote
on, one vote per family, with results shown after the vote closes."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

__all__ = ["ForumMinutes", "ForumPost", "ForumTopic", "ParentRepresentative", "Proposal", "Vote", "VoteFamily"]


class ParentRepresentative(models.Model):
    """A parent appointed by the manager to help moderate the forum, until ``ended_at``."""

    setting = models.ForeignKey("core.Setting", on_delete=models.CASCADE, related_name="parent_representatives")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    appointed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    appointed_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["appointed_at", "pk"]

    def __str__(self) -> str:
        return f"Parent representative #{self.pk}"


class ForumTopic(models.Model):
    setting = models.ForeignKey("core.Setting", on_delete=models.CASCADE, related_name="forum_topics")
    title = models.CharField(max_length=200)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    last_post_at = models.DateTimeField(default=timezone.now)
    locked = models.BooleanField(default=False)
    pinned = models.BooleanField(default=False)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-pinned", "-last_post_at", "-pk"]
        indexes = [models.Index(fields=["setting", "-last_post_at"], name="voice_topic_recent_idx")]

    def __str__(self) -> str:
        return self.title


class ForumPost(models.Model):
    topic = models.ForeignKey(ForumTopic, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    author_role = models.CharField(max_length=100, help_text="Snapshot: parent, parent representative, manager…")
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Post #{self.pk}"


class ForumMinutes(models.Model):
    setting = models.ForeignKey("core.Setting", on_delete=models.CASCADE, related_name="forum_minutes")
    met_on = models.DateField()
    title = models.CharField(max_length=200)
    body = models.TextField(help_text="The minutes (Markdown).")
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-met_on", "-pk"]
        verbose_name_plural = "forum minutes"

    def __str__(self) -> str:
        return self.title


class Proposal(models.Model):
    """A question put to the parents' vote: one vote per family; results after ``closes_at``."""

    setting = models.ForeignKey("core.Setting", on_delete=models.CASCADE, related_name="proposals")
    title = models.CharField(max_length=200)
    description = models.TextField()
    options = models.JSONField(default=list, help_text="The choices, e.g. ['Yes', 'No'].")
    opens_at = models.DateTimeField(default=timezone.now)
    closes_at = models.DateTimeField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    outcome = models.TextField(blank=True, help_text="What the setting will do, published after the vote.")

    class Meta:
        ordering = ["-closes_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class Vote(models.Model):
    """A family's vote: the option only (a secret ballot). Who voted is in ``VoteFamily``, which does not
    point here; random primary keys keep the order of voting out of both tables."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="votes")
    option = models.PositiveSmallIntegerField(help_text="The index of the chosen option.")

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return "A vote"


class VoteFamily(models.Model):
    """That the family of ``child`` has voted: unique per child and proposal."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="voted_families")
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="+")
    voted_on = models.DateField(default=timezone.localdate)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["proposal", "child"], name="voice_vote_once_per_child")]

    def __str__(self) -> str:
        return "A family voted"
