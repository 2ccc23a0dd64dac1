"""Support plans and SEN plans (R22, R23): agreed by the key person and the parents, with the SENCO
and invited professionals contributing; reviews recorded; parents see and comment."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

__all__ = ["PlanComment", "PlanContributor", "PlanReview", "PlanTarget", "SupportPlan"]


class SupportPlan(models.Model):
    class Kind(models.TextChoices):
        SUPPORT = "support", "Support plan"
        SEN = "sen", "SEN support plan"

    class Status(models.TextChoices):
        DRAFT = "draft", "Being written"
        PROPOSED = "proposed", "Waiting for the family to agree"
        AGREED = "agreed", "Agreed"
        CLOSED = "closed", "Closed"

    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="support_plans")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.SUPPORT)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    concern = models.TextField(help_text="What the concern about progress is, in plain words.")
    strengths = models.TextField(blank=True, help_text="What the child enjoys and does well.")
    review_on = models.DateField(help_text="When the plan is next reviewed.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=0)
    agreed_by = models.ForeignKey(
        "people.Adult",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The parent with parental responsibility who agreed the plan.",
    )
    agreed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["child", "status"], name="plan_child_status_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class PlanTarget(models.Model):
    class Progress(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        WORKING = "working", "Working towards it"
        ACHIEVED = "achieved", "Achieved"

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="targets")
    target = models.CharField(max_length=300, help_text="What we want the child to be able to do.")
    in_setting = models.TextField("in the setting", help_text="What we will do at the setting.")
    at_home = models.TextField("at home", help_text="What the family will try at home.")
    who = models.CharField(max_length=300, help_text="Who does what: names or roles.")
    progress = models.CharField(max_length=12, choices=Progress.choices, default=Progress.NOT_STARTED)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.target


class PlanContributor(models.Model):
    """Someone outside the key person and family invited to contribute: the SENCO or a professional
    (a user with a Professional profile), until ``ended_at``."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="contributors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_contributions")
    role = models.CharField(max_length=200, help_text="For example: SENCO, speech and language therapist.")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    invited_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["invited_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "user"], name="plan_contributor_once")]

    def __str__(self) -> str:
        return f"{self.user} on plan {self.plan_id}"


class PlanComment(models.Model):
    """A comment on a plan, by the family, staff or an invited professional. Everyone who sees the
    plan sees its comments."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    author_role = models.CharField(max_length=100, help_text="Snapshot: parent, key person, SENCO, professional…")
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Comment #{self.pk}"


class PlanReview(models.Model):
    class Outcome(models.TextChoices):
        CONTINUE = "continue", "Carry on with the plan"
        REVISE = "revise", "Change the targets"
        CLOSE = "close", "Close the plan: the concern is met"
        ESCALATE = "escalate", "Ask for more help (for example an EHC needs assessment)"

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField()
    who_attended = models.CharField(max_length=300)
    progress = models.TextField(help_text="How the child has got on with each target.")
    family_views = models.TextField(blank=True, help_text="What the family said.")
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    next_review_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"Review of plan {self.plan_id} on {self.held_on}"
