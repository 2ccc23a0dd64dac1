"""Keeping details current (R2): a parent asks for a change, the person in charge of records
applies or declines it, and the record's own history keeps who changed what and when."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from tandem.core.models import Setting
from tandem.people.models import Adult, Child

__all__ = ["ChangeRequest"]

# The parts of their own record (people.Adult) a parent may ask to change, in the order shown.
ADULT_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "address",
    "home_languages",
    "preferred_language",
    "interpreter_needed",
    "access_needs",
)


def field_label(name: str) -> str:
    """``home_languages`` → ``Home languages``: the Adult field's own name for it."""
    return str(getattr(Adult._meta.get_field(name), "verbose_name", name)).capitalize()


class ChangeRequest(models.Model):
    class Kind(models.TextChoices):
        OWN_DETAILS = "own_details", "My own details"
        CHILD_CIRCUMSTANCES = "child_circumstances", "My child's circumstances"

    class Category(models.TextChoices):
        ADDRESS = "address", "A new address for the child"
        LIVES_WITH = "lives_with", "A change in who the child lives with"
        MEDICAL = "medical", "A new medical need, allergy or diet"
        CONTACTS = "contacts", "A change to emergency contacts or who collects"
        LEGAL = "legal", "A court order or a change in parental responsibility"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting"
        APPLIED = "applied", "Done"
        DECLINED = "declined", "Declined"

    setting = models.ForeignKey(Setting, on_delete=models.PROTECT, related_name="change_requests")
    child = models.ForeignKey(Child, null=True, blank=True, on_delete=models.CASCADE, related_name="change_requests")
    adult = models.ForeignKey(Adult, null=True, blank=True, on_delete=models.CASCADE, related_name="change_requests")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="change_requests"
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    category = models.CharField(max_length=20, choices=Category.choices, blank=True)
    # field name → the value asked for (own details only; names from ADULT_FIELDS)
    proposed = models.JSONField(default=dict, blank=True)
    # field name → the value on the record when the request was made: a later change by
    # someone else to one of these fields is a conflict, never silently overwritten
    original = models.JSONField(default=dict, blank=True)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["submitted_at", "pk"]
        indexes = [models.Index(fields=["setting", "status", "submitted_at"], name="change_request_queue_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="own_details") | Q(adult__isnull=False), name="change_request_own_has_adult"
            ),
            models.CheckConstraint(
                condition=~Q(kind="child_circumstances") | Q(child__isnull=False),
                name="change_request_child_has_child",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(reason=""), name="change_request_decline_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"Change request #{self.pk}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    def comparison(self) -> list[dict[str, Any]]:
        """Each field asked for: its label, the value when asked, the value now and the value asked for."""
        if self.kind != self.Kind.OWN_DETAILS or self.adult is None:
            return []
        rows = []
        for name in ADULT_FIELDS:
            if name not in self.proposed:
                continue
            now = getattr(self.adult, name)
            rows.append(
                {
                    "name": name,
                    "label": field_label(name),
                    "original": self.original.get(name),
                    "current": now,
                    "proposed": self.proposed[name],
                    "changed_since": self.is_pending and now != self.original.get(name) and now != self.proposed[name],
                }
            )
        return rows
