"""Every write about late and non-collection (R45): keyword-only, one transaction, audited.

A case is opened once per attendance (two tablets opening it at the same moment get the same
case); each call, message and plan step is kept; a case is closed with an outcome and a summary.
The manager is emailed when a case opens. The departure itself is the collection feature's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import require
from tandem.core.models import Setting, User

from ..actions.late import DAY_SETTINGS, LATE_HANDLE
from ..models import Attendance, AttendanceSettings, LateCase, LateStep
from ..selectors.late import cascade, plan_steps

CONTACT_KINDS = (LateStep.Kind.NO_ANSWER, LateStep.Kind.MESSAGE, LateStep.Kind.SPOKE, LateStep.Kind.CALLED)
CLOSED = "This case has been closed. Open the record to read what happened."


def _record(event: str, actor: User, case: LateCase, child_id: int, setting_id: int) -> None:
    audit.record(event, actor, child_ids=[child_id], obj=case, setting_id=setting_id)


def open_case(*, actor: User, attendance: Attendance) -> tuple[LateCase, bool]:
    """Open the late collection case of today's attendance, or return the one already open.
    Returns (case, created)."""
    from ..tasks_late import email_case_opened

    child = attendance.child
    require(actor, LATE_HANDLE, child)
    if attendance.date != timezone.localdate():
        raise ValidationError("A late collection case can only be opened for a child in today.")
    try:
        with transaction.atomic():
            locked = Attendance.objects.select_for_update().get(pk=attendance.pk)
            existing = LateCase.objects.filter(attendance=locked).first()
            if existing is not None:
                return existing, False
            if locked.state != Attendance.State.PRESENT:
                raise ValidationError("This child is not in the setting, so there is no late collection to handle.")
            case = LateCase.objects.create(attendance=locked, opened_by=actor, opened_at=timezone.now())
            _record("attendance.late.opened", actor, case, child.pk, child.setting_id)
            transaction.on_commit(lambda: email_case_opened.enqueue(case.pk))
    except IntegrityError:
        return LateCase.objects.get(attendance_id=attendance.pk), False
    return case, True


def _locked_open(case: LateCase) -> LateCase:
    locked = LateCase.objects.select_for_update(of=("self",)).select_related("attendance__child").get(pk=case.pk)
    if locked.closed_at is not None:
        raise ValidationError(CLOSED)
    return locked


def record_call(*, actor: User, case: LateCase, link_id: int, kind: str, note: str = "") -> LateStep:
    """A call to someone of the contact cascade: no answer, left a message, or spoke to them."""
    child = case.attendance.child
    require(actor, LATE_HANDLE, child)
    if kind not in CONTACT_KINDS:
        raise ValidationError("Choose what happened when you called.")
    contact = next((c for c in cascade(child) if c.link.pk == link_id), None)
    if contact is None:
        raise ValidationError("Choose someone from the list of people to call.")
    with transaction.atomic():
        locked = _locked_open(case)
        step = LateStep.objects.create(
            case=locked, kind=kind, adult=contact.link.adult, note=(note or "").strip()[:300], by=actor
        )
        _record(f"attendance.late.step_{kind}", actor, locked, child.pk, child.setting_id)
    return step


def tick_plan_step(*, actor: User, case: LateCase, number: int) -> LateStep:
    """Tick a step of the emergency plan as done (once)."""
    child = case.attendance.child
    require(actor, LATE_HANDLE, child)
    from ..selectors.late import day_settings

    steps = plan_steps(day_settings(child.setting_id))
    if not 1 <= number <= len(steps):
        raise ValidationError("That step is not in the emergency plan.")
    with transaction.atomic():
        locked = _locked_open(case)
        done = LateStep.objects.filter(case=locked, kind=LateStep.Kind.PLAN, plan_step=number).first()
        if done is not None:
            return done
        step = LateStep.objects.create(
            case=locked, kind=LateStep.Kind.PLAN, plan_step=number, note=steps[number - 1][:300], by=actor
        )
        _record("attendance.late.step_plan", actor, locked, child.pk, child.setting_id)
    return step


def add_note(*, actor: User, case: LateCase, note: str) -> LateStep:
    child = case.attendance.child
    require(actor, LATE_HANDLE, child)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": "Write what happened."})
    with transaction.atomic():
        locked = _locked_open(case)
        step = LateStep.objects.create(case=locked, kind=LateStep.Kind.NOTE, note=note[:300], by=actor)
        _record("attendance.late.step_note", actor, locked, child.pk, child.setting_id)
    return step


def close_case(*, actor: User, case: LateCase, outcome: str, summary: str) -> LateCase:
    """Close the case with what happened. "Collected late" only once the child has gone home."""
    child = case.attendance.child
    require(actor, LATE_HANDLE, child)
    summary = (summary or "").strip()
    if outcome not in LateCase.Outcome.values:
        raise ValidationError({"outcome": "Choose how the case ended."})
    if not summary:
        raise ValidationError({"summary": "Write a short summary of what happened, for the record."})
    with transaction.atomic():
        locked = _locked_open(case)
        attendance = Attendance.objects.select_for_update().get(pk=locked.attendance_id)
        if outcome == LateCase.Outcome.COLLECTED and attendance.state != Attendance.State.LEFT:
            raise ValidationError(
                {"outcome": "Record the child going home first (Going home on the register), then close the case."}
            )
        locked.outcome, locked.summary = outcome, summary
        locked.closed_at, locked.closed_by = timezone.now(), actor
        locked.save(update_fields=["outcome", "summary", "closed_at", "closed_by"])
        _record("attendance.late.closed", actor, locked, child.pk, child.setting_id)
    return locked


def save_day_settings(*, actor: User, setting: Setting, data: dict[str, Any]) -> AttendanceSettings:
    """The manager sets the session times, the late threshold and the emergency plan."""
    require(actor, DAY_SETTINGS, setting)
    errors: dict[str, str] = {}
    times: dict[str, dt.time] = {
        k: data[k] for k in ("morning_start", "morning_end", "afternoon_start", "afternoon_end")
    }
    if times["morning_end"] <= times["morning_start"]:
        errors["morning_end"] = "The morning session must end after it starts."
    if times["afternoon_end"] <= times["afternoon_start"]:
        errors["afternoon_end"] = "The afternoon session must end after it starts."
    minutes = int(data["late_after_minutes"])
    if not 0 <= minutes <= 120:
        errors["late_after_minutes"] = "Choose a number of minutes from 0 to 120."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        rules, _ = AttendanceSettings.objects.select_for_update().get_or_create(setting=setting)
        for key, value in times.items():
            setattr(rules, key, value)
        rules.late_after_minutes = minutes
        rules.emergency_plan = (data.get("emergency_plan") or "").strip()
        rules.save(update_fields=[*times, "late_after_minutes", "emergency_plan"])
        audit.record("attendance.late.day_settings_saved", actor, obj=rules, setting_id=setting.pk)
    return rules
