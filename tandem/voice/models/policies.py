"""The policy library (R40) and staff acknowledgements (R41): versioned policies and procedures;
a review opens a comment period for parents before a new version is adopted; when a version is
adopted, parents are told and asked to acknowledge it, and staff acknowledge the policies they must
follow; the manager sees who has not, per version."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

__all__ = ["Acknowledgement", "Policy", "PolicyComment", "PolicyVersion"]


class Policy(models.Model):
    class Audience(models.TextChoices):
        EVERYONE = "everyone", "Families and staff"
        STAFF = "staff", "Staff only"

    setting = models.ForeignKey("core.Setting", on_delete=models.CASCADE, related_name="policies")
    title = models.CharField(max_length=200)
    category = models.CharField(max_length=100, blank=True, help_text="For example: safeguarding, admissions.")
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.EVERYONE)
    parents_acknowledge = models.BooleanField(default=True, help_text="Parents are asked to acknowledge each version.")
    staff_acknowledge = models.BooleanField(
        default=True, help_text="Staff, volunteers and students must acknowledge each version."
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "policies"
        constraints = [models.UniqueConstraint(fields=["setting", "title"], name="voice_policy_title_unique")]

    def __str__(self) -> str:
        return self.title


class PolicyVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "Open for parents' comments"
        ADOPTED = "adopted", "In force"
        SUPERSEDED = "superseded", "Replaced by a newer version"

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    body = models.TextField(help_text="The policy text (Markdown).")
    changes = models.TextField(blank=True, help_text="What changed from the version before, in plain words.")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    review_closes_on = models.DateField(null=True, blank=True)
    review_opened_at = models.DateTimeField(null=True, blank=True)
    adopted_at = models.DateTimeField(null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    next_review_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["policy", "-number"]
        constraints = [models.UniqueConstraint(fields=["policy", "number"], name="voice_policy_version_unique")]

    def __str__(self) -> str:
        return f"{self.policy} v{self.number}"


class PolicyComment(models.Model):
    """A parent's (or staff member's) comment on a version under review."""

    version = models.ForeignKey(PolicyVersion, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    author_role = models.CharField(max_length=100)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    response = models.TextField(blank=True, help_text="The setting's answer, shown to the author.")

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Comment #{self.pk}"


class Acknowledgement(models.Model):
    """That a person read and understood a version: a parent, or staff/volunteer/student."""

    class As(models.TextChoices):
        PARENT = "parent", "Parent or carer"
        STAFF = "staff", "Staff, volunteer or student"

    version = models.ForeignKey(PolicyVersion, on_delete=models.CASCADE, related_name="acknowledgements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    acknowledged_as = models.CharField(max_length=10, choices=As.choices)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "user", "acknowledged_as"], name="voice_acknowledge_once")
        ]

    def __str__(self) -> str:
        return f"Acknowledgement #{self.pk}"
