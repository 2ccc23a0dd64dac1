"""The register (R42): one record a child a day, arrival and departure with times and people.

A parent may self-register a child (their phone or the code at the door): the record is then
``waiting`` and the child does not count as in the setting until a member of staff confirms.
``(child, date)`` is unique and every change locks the row, so two tablets never make two arrivals
or lose a departure. A departure always records who released the child, and to whom.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from tandem.core.models import Setting
from tandem.people.models import Adult, Child

__all__ = ["Absence", "Attendance", "AttendanceSettings"]


class AttendanceSettings(models.Model):
    """A setting's day: session times, when a child counts as late collected, the door code, the
    emergency plan for a child not collected."""

    setting = models.OneToOneField(Setting, on_delete=models.CASCADE, related_name="attendance_settings")
    morning_start = models.TimeField(default=dt.time(9, 0))
    morning_end = models.TimeField(default=dt.time(12, 0))
    afternoon_start = models.TimeField(default=dt.time(12, 0))
    afternoon_end = models.TimeField(default=dt.time(15, 0))
    late_after_minutes = models.PositiveSmallIntegerField(
        default=10, help_text="Minutes after a child's session ends before staff are alerted."
    )
    door_code_hash = models.CharField(
        max_length=128, blank=True, help_text="Today's code at the door for parents' self-registration (hashed)."
    )
    door_code_date = models.DateField(null=True, blank=True)
    door_code_salt = models.CharField(
        max_length=32,
        blank=True,
        help_text="Random, new with each code: with the server's secret key it lets staff pages show today's code; "
        "the database alone never reveals it.",
    )
    emergency_plan = models.TextField(
        blank=True,
        help_text="The steps staff follow when a child is not collected, one a line (Markdown).",
    )

    def __str__(self) -> str:
        return f"Attendance settings of {self.setting}"


class Attendance(models.Model):
    class State(models.TextChoices):
        WAITING = "waiting", "Arrival waiting for staff"  # self-registered: not counted yet
        PRESENT = "present", "In the setting"
        LEFT = "left", "Gone home"

    class Check(models.TextChoices):
        KNOWN = "known", "Known to the key person"
        PASSWORD = "password", "Gave the collection password"
        IDENTITY = "identity", "Showed proof of identity"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="attendances")
    date = models.DateField(default=timezone.localdate)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PRESENT)
    # arrival
    self_registered_at = models.DateTimeField(null=True, blank=True)
    self_registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    arrived_at = models.DateTimeField(null=True, blank=True, help_text="When staff confirmed the child is here.")
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    brought_by = models.ForeignKey(Adult, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    brought_by_name = models.CharField(max_length=200, blank=True)
    # departure
    expected_end = models.TimeField(null=True, blank=True, help_text="When the child's session ends today.")
    left_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    collected_by = models.ForeignKey(Adult, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    collected_by_name = models.CharField(max_length=200, blank=True)
    collection_check = models.CharField(max_length=10, choices=Check.choices, blank=True)
    identity_note = models.CharField(
        max_length=200, blank=True, help_text="The proof of identity seen (kind of document, never its number)."
    )
    one_off = models.ForeignKey(
        "attendance.OneOffCollector", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date", "child__first_name"]
        constraints = [models.UniqueConstraint(fields=["child", "date"], name="attendance_one_a_child_a_day")]
        indexes = [models.Index(fields=["date", "state"], name="attendance_day_state_idx")]

    def __str__(self) -> str:
        return f"Attendance of child {self.child_id} on {self.date}"


class Absence(models.Model):
    """A parent (or staff) says ahead of time that the child will not come, with a reason."""

    class Reason(models.TextChoices):
        ILLNESS = "illness", "Illness"
        APPOINTMENT = "appointment", "Appointment"
        HOLIDAY = "holiday", "Holiday"
        FAMILY = "family", "Family reasons"
        OTHER = "other", "Other"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="absences")
    first_day = models.DateField()
    last_day = models.DateField()
    reason = models.CharField(max_length=12, choices=Reason.choices)
    detail = models.CharField(max_length=300, blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reported_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-first_day", "-pk"]
        indexes = [models.Index(fields=["child", "first_day", "last_day"], name="absence_child_days_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(last_day__gte=models.F("first_day")), name="absence_days_order")
        ]

    def __str__(self) -> str:
        return f"Absence of child {self.child_id} from {self.first_day}"
