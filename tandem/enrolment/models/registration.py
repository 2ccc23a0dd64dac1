"""Registration (R7) and session changes (R13).

A registration form per child, filled in by a parent with parental responsibility, or by staff
for or with a parent (the help is recorded), then reviewed by staff. Sessions are a fixed weekly
pattern: Monday to Friday, each a morning, an afternoon or a full day, kept as a list of codes
such as ``"mon_am"``. Later, parents ask to change the pattern and a manager decides.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from tandem.people.models import Child

__all__ = [
    "DAYS",
    "PARTS",
    "SESSION_CODES",
    "Registration",
    "SessionChangeRequest",
    "describe_sessions",
    "validate_sessions",
]

DAYS = (("mon", "Monday"), ("tue", "Tuesday"), ("wed", "Wednesday"), ("thu", "Thursday"), ("fri", "Friday"))
PARTS = (("am", "morning"), ("pm", "afternoon"), ("day", "full day"))
SESSION_CODES = tuple(f"{d}_{p}" for d, _ in DAYS for p, _ in PARTS)
_DAY_NAMES = dict(DAYS)
_PART_NAMES = dict(PARTS)


def validate_sessions(codes: object) -> list[str]:
    """The sessions as a clean list in week order, or a ValidationError in plain English."""
    if not isinstance(codes, list | tuple) or not all(isinstance(c, str) for c in codes):
        raise ValidationError("Choose the sessions from the list.")
    unknown = sorted(set(codes) - set(SESSION_CODES))
    if unknown:
        raise ValidationError("Choose the sessions from the list.")
    chosen = set(codes)
    for day, name in DAYS:
        if f"{day}_day" in chosen and ({f"{day}_am", f"{day}_pm"} & chosen):
            raise ValidationError(f"On {name}, choose a full day or a morning or afternoon, not both.")
    return [c for c in SESSION_CODES if c in chosen]


def describe_sessions(codes: Iterable[str]) -> list[str]:
    """``["mon_am", "wed_day"]`` → ``["Monday morning", "Wednesday full day"]``."""
    out = []
    for code in codes:
        day, _, part = code.partition("_")
        if day in _DAY_NAMES and part in _PART_NAMES:
            out.append(f"{_DAY_NAMES[day]} {_PART_NAMES[part]}")
    return out


class Registration(models.Model):
    """A child's registration form (R7)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        REVIEWED = "reviewed", "Reviewed"

    child = models.OneToOneField(Child, on_delete=models.CASCADE, related_name="registration")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    revision = models.PositiveIntegerField(default=0, help_text="Goes up with every save: two edits never collide.")
    sessions = models.JSONField("sessions requested", default=list, blank=True)
    preferred_start_date = models.DateField(null=True, blank=True)
    gp_name = models.CharField("GP's name", max_length=150, blank=True)
    gp_surgery = models.CharField("GP surgery", max_length=200, blank=True)
    gp_phone = models.CharField("GP surgery's phone number", max_length=40, blank=True)
    health_visitor = models.CharField(max_length=200, blank=True, help_text="Name and phone number.")
    home_languages = models.CharField("languages spoken at home", max_length=200, blank=True)
    dietary_needs = models.TextField(blank=True)
    medical_needs = models.TextField(blank=True)
    anything_else = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    completed_with_help = models.BooleanField(default=False)
    helped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    help_note = models.CharField(max_length=300, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["status", "updated_at"], name="registration_status_idx")]

    def __str__(self) -> str:
        return f"Registration #{self.pk}"

    @property
    def session_names(self) -> list[str]:
        return describe_sessions(self.sessions or [])


class SessionChangeRequest(models.Model):
    """A request to change a child's weekly sessions (R13), and the manager's decision."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a decision"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="session_changes")
    sessions = models.JSONField("sessions requested", default=list)
    from_date = models.DateField("from")
    reason = models.TextField(blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["child"], condition=Q(status="pending"), name="session_change_one_pending_per_child"
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decision_reason=""), name="session_change_decline_has_reason"
            ),
        ]
        indexes = [models.Index(fields=["status", "requested_at"], name="session_change_status_idx")]

    def __str__(self) -> str:
        return f"Session change #{self.pk}"

    @property
    def session_names(self) -> list[str]:
        return describe_sessions(self.sessions or [])
