"""Access on request (R66): a parent's request for their child's records or their own data,
tracked against its one-month deadline, answered with a complete export (PDF and machine-readable)
in which third-party and safeguarding information is reviewed before release."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from tandem.core.models import Setting
from tandem.people.models import Adult, Child

__all__ = ["AccessExport", "AccessRequest", "ReviewItem"]


class AccessRequest(models.Model):
    class Subject(models.TextChoices):
        CHILD = "child", "My child's records"
        SELF = "self", "My own personal data"

    class How(models.TextChoices):
        ONLINE = "online", "Online, in Tandem"
        WRITING = "writing", "In writing"
        VERBAL = "verbal", "Verbally"

    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        PREPARING = "preparing", "Preparing the export"
        REVIEW = "review", "Reviewing before release"
        RELEASED = "released", "Released"
        CLOSED = "closed", "Closed"

    setting = models.ForeignKey(Setting, on_delete=models.CASCADE, related_name="access_requests")
    adult = models.ForeignKey(Adult, on_delete=models.PROTECT, related_name="access_requests")
    child = models.ForeignKey(Child, null=True, blank=True, on_delete=models.SET_NULL, related_name="access_requests")
    subject = models.CharField(max_length=10, choices=Subject.choices)
    how = models.CharField(max_length=10, choices=How.choices, default=How.ONLINE)
    details = models.TextField(blank=True, help_text="Anything the request names in particular.")
    received_on = models.DateField(default=timezone.localdate)
    due_on = models.DateField()
    extended_to = models.DateField(null=True, blank=True)
    extension_reason = models.TextField(blank=True)
    identity_checked = models.CharField(max_length=200, blank=True, help_text="How you confirmed who asked.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED)
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["setting", "status", "due_on"], name="records_request_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(subject="self") | models.Q(child__isnull=False) | models.Q(status="closed"),
                name="records_request_child_named",
            )
        ]

    def __str__(self) -> str:
        return f"Access request of {self.received_on:%d/%m/%Y}"

    @property
    def deadline(self):  # type: ignore[no-untyped-def]
        return self.extended_to or self.due_on


class AccessExport(models.Model):
    """One run of the complete export for a request. Files live in private storage under names only
    the server can work out (selectors.requests)."""

    class Status(models.TextChoices):
        MAKING = "making", "Being made"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    request = models.ForeignKey(AccessRequest, on_delete=models.CASCADE, related_name="exports")
    final = models.BooleanField(default=False, help_text="The release copy, without withheld items.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.MAKING)
    item_count = models.PositiveIntegerField(default=0)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Export {self.pk} ({self.get_status_display()})"


class ReviewItem(models.Model):
    """An item of the export that must be reviewed before release: information from a third party,
    or safeguarding information whose release could cause harm."""

    class Reason(models.TextChoices):
        THIRD_PARTY = "third_party", "Information from a third party"
        SAFEGUARDING = "safeguarding", "Safeguarding information"
        OTHER_PEOPLE = "other_people", "Names other people"

    class Decision(models.TextChoices):
        PENDING = "pending", "Not yet reviewed"
        RELEASE = "release", "Release"
        WITHHOLD = "withhold", "Withhold"

    export = models.ForeignKey(AccessExport, on_delete=models.CASCADE, related_name="review_items")
    source = models.CharField(max_length=100)  # the model's label, e.g. agencies.ReceivedItem
    object_id = models.BigIntegerField()
    title = models.CharField(max_length=300)
    reason = models.CharField(max_length=20, choices=Reason.choices)
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decision_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["export", "source", "object_id"], name="records_review_item_unique")
        ]

    def __str__(self) -> str:
        return self.title
