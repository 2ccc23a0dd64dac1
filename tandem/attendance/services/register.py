"""Every write to the register (R42): keyword-only, one transaction, audited, safe for two tablets.

``Attendance`` is one record a child a day. Every write locks it (``select_for_update``) inside a
transaction, and creating it catches the ``IntegrityError`` of a second tablet that created it a
moment before, so a child is never signed in twice and the first arrival time is kept.

A parent's "We have arrived" (with today's door code) makes the record ``waiting``: the child is
not counted as in the setting until a member of staff confirms with one tap.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import can, require
from tandem.core.models import Setting, User
from tandem.people.models import Adult, Child, ChildAdult

from ..actions.register import ABSENCE, DOOR_CODE_CHANGE, SELF_REGISTER, SIGN_IN, TODAY
from ..models import Absence, Attendance, AttendanceSettings
from ..selectors.register import attendance_settings, child_part_today, expected_end

NAME_MAX = 200
ABSENCE_DAYS_MAX = 92
WRONG_CODE = "That is not today's door code. Check the code on the sign by the door and type its 6 digits."


def _audit(event: str, actor: User, child: Child, obj: object) -> None:
    audit.record(event, actor, child_ids=[child.pk], obj=obj, setting_id=child.setting_id)  # type: ignore[arg-type]


def _find(child: Child, day: dt.date) -> Attendance | None:
    return Attendance.objects.select_for_update().filter(child=child, date=day).first()


def _locked(child: Child, day: dt.date, defaults: dict[str, object]) -> tuple[Attendance, bool]:
    """Today's record of the child, locked for this transaction; made with ``defaults`` if there
    is none. If another tablet makes it at the same moment, its record is used (first kept)."""
    found = _find(child, day)
    if found is not None:
        return found, False
    try:
        with transaction.atomic():  # a savepoint: a clash leaves the outer transaction usable
            return Attendance.objects.create(child=child, date=day, **defaults), True
    except IntegrityError:
        return Attendance.objects.select_for_update().get(child=child, date=day), False


# --- staff: sign in and confirm ---------------------------------------------------------------


def _who_brought(child: Child, brought_by: Adult | None, brought_by_name: str) -> tuple[Adult | None, str]:
    name = (brought_by_name or "").strip()
    if len(name) > NAME_MAX:
        raise ValidationError({"brought_by_name": f"Keep the name under {NAME_MAX} characters."})
    if brought_by is None:
        return None, name
    link = ChildAdult.objects.filter(child=child, adult=brought_by).only("no_contact").first()
    if link is None:
        raise ValidationError({"brought_by": "Choose one of the child's parents or carers, or 'someone else'."})
    if link.no_contact:
        raise ValidationError(
            {"brought_by": "This adult may not have contact with the child at the setting. Tell the manager now."}
        )
    return brought_by, ""


def sign_in(
    *,
    actor: User,
    child: Child,
    brought_by: Adult | None = None,
    brought_by_name: str = "",
    now: dt.datetime | None = None,
) -> tuple[Attendance, bool]:
    """Staff sign a child in, or confirm a parent's self-registration. Returns the record and
    whether this call changed it: a child already in (or gone home) is left exactly as it is."""
    require(actor, SIGN_IN, child)
    adult, name = _who_brought(child, brought_by, brought_by_name)
    now = now or timezone.now()
    day = timezone.localdate(now)
    end = expected_end(child_part_today(child, day), attendance_settings(child.setting_id))
    values = {
        "state": Attendance.State.PRESENT,
        "arrived_at": now,
        "received_by": actor,
        "brought_by": adult,
        "brought_by_name": name,
        "expected_end": end,
        "updated_at": now,
    }
    with transaction.atomic():
        record, created = _locked(child, day, values)
        if created:
            _audit("attendance.register.arrived", actor, child, record)
            return record, True
        if record.state != Attendance.State.WAITING:
            return record, False  # already here or gone home: the first arrival stands
        for key, value in values.items():
            if key in ("brought_by", "brought_by_name") and adult is None and not name:
                continue  # keep what the parent said, if anything
            setattr(record, key, value)
        record.save()
        _audit("attendance.register.confirmed", actor, child, record)
    return record, True


# --- the door code ----------------------------------------------------------------------------


def _code_from(setting_id: int, day: dt.date, salt: str) -> str:
    key = settings.SECRET_KEY.encode()
    digest = hmac.new(key, f"door-code:{setting_id}:{day.isoformat()}:{salt}".encode(), hashlib.sha256).digest()
    return f"{int.from_bytes(digest[:8], 'big') % 1_000_000:06d}"


def _new_code(times: AttendanceSettings, day: dt.date) -> str:
    times.door_code_salt = secrets.token_hex(16)
    code = _code_from(times.setting_id, day, times.door_code_salt)
    times.door_code_hash = make_password(code)
    times.door_code_date = day
    times.save(update_fields=["door_code_salt", "door_code_hash", "door_code_date"])
    return code


def door_code(*, actor: User, setting: Setting) -> str:
    """Today's door code for staff to show at the door: a new one the first time it is asked for each day."""
    require(actor, TODAY, setting)
    day = timezone.localdate()
    with transaction.atomic():
        attendance_settings(setting)
        times = AttendanceSettings.objects.select_for_update().get(setting=setting)
        if times.door_code_date == day and times.door_code_hash and times.door_code_salt:
            return _code_from(setting.pk, day, times.door_code_salt)
        code = _new_code(times, day)
        audit.record("attendance.register.door_code_made", actor, obj=times, setting_id=setting.pk)
    return code


def change_door_code(*, actor: User, setting: Setting) -> str:
    """The manager makes a new code for the rest of today (the old one stops working)."""
    require(actor, DOOR_CODE_CHANGE, setting)
    with transaction.atomic():
        attendance_settings(setting)
        times = AttendanceSettings.objects.select_for_update().get(setting=setting)
        code = _new_code(times, timezone.localdate())
        audit.record("attendance.register.door_code_changed", actor, obj=times, setting_id=setting.pk)
    return code


def _code_ok(setting_id: int, code: str, day: dt.date) -> bool:
    times = AttendanceSettings.objects.filter(setting_id=setting_id).first()
    if times is None or times.door_code_date != day or not times.door_code_hash:
        return False
    return check_password(code, times.door_code_hash)


# --- families: we have arrived ----------------------------------------------------------------


MAX_WRONG_CODES = 5
TOO_MANY_CODES = (
    "That is too many wrong codes for today. Please tell a member of staff at the door that you have arrived."
)


def _wrong_codes_today(actor: User, now: dt.datetime) -> int:
    """How many wrong door codes this person has typed since midnight (from the audit trail)."""
    from tandem.core.models import AuditEvent

    midnight = timezone.make_aware(dt.datetime.combine(timezone.localdate(now), dt.time.min))
    return AuditEvent.objects.filter(
        event="attendance.register.door_code_failed", actor_id=actor.pk, at__gte=midnight
    ).count()


def self_register(*, actor: User, child: Child, code: str, now: dt.datetime | None = None) -> Attendance:
    """A parent says they have arrived, with today's door code. The child is ``waiting`` (not
    counted) until staff confirm. A wrong code is refused and recorded."""
    require(actor, SELF_REGISTER, child)
    now = now or timezone.now()
    day = timezone.localdate(now)
    code = "".join((code or "").split())
    if not (len(code) == 6 and code.isdigit()):
        raise ValidationError({"code": "Type the 6 digits of today's door code."})
    if _wrong_codes_today(actor, now) >= MAX_WRONG_CODES:
        raise ValidationError({"code": TOO_MANY_CODES})
    if not _code_ok(child.setting_id, code, day):
        _audit("attendance.register.door_code_failed", actor, child, child)
        raise ValidationError({"code": WRONG_CODE})
    values = {
        "state": Attendance.State.WAITING,
        "self_registered_at": now,
        "self_registered_by": actor,
        "updated_at": now,
    }
    adult = Adult.objects.filter(user=actor, setting_id=child.setting_id).first()
    if adult is not None:
        values["brought_by"] = adult
    with transaction.atomic():
        record, created = _locked(child, day, values)
        if created:
            _audit("attendance.register.self_registered", actor, child, record)
        # waiting already (pressed twice), here or gone home: nothing changes
    return record


# --- absences ---------------------------------------------------------------------------------


def is_staff_for(actor: User, child: Child) -> bool:
    return can(actor, SIGN_IN, child)


def report_absence(
    *,
    actor: User,
    child: Child,
    first_day: dt.date | None,
    last_day: dt.date | None,
    reason: str,
    detail: str = "",
) -> Absence:
    """A family (ahead of time) or staff say the child will not come, with a reason."""
    require(actor, ABSENCE, child)
    today = timezone.localdate()
    staff = is_staff_for(actor, child)
    detail = (detail or "").strip()
    errors: dict[str, str] = {}
    if first_day is None:
        errors["first_day"] = "Enter the first day of the absence."
    elif first_day < today and not staff:
        errors["first_day"] = "The first day is today or a day to come. For a day that has passed, tell the staff."
    elif first_day < today - dt.timedelta(days=31):
        errors["first_day"] = "Record absences from the last month only."
    if last_day is not None and first_day is not None and last_day < first_day:
        errors["last_day"] = "The last day is the same as the first day or after it."
    elif last_day is not None and first_day is not None and (last_day - first_day).days > ABSENCE_DAYS_MAX:
        errors["last_day"] = "An absence is at most three months: for longer, speak to the manager."
    if reason not in Absence.Reason.values:
        errors["reason"] = "Choose the reason from the list."
    if len(detail) > 300:
        errors["detail"] = "Keep the detail under 300 characters."
    if errors:
        raise ValidationError(errors)
    assert first_day is not None
    last_day = last_day or first_day
    with transaction.atomic():
        Child.objects.select_for_update().filter(pk=child.pk).first()
        clash = Absence.objects.filter(
            child=child, cancelled_at__isnull=True, first_day__lte=last_day, last_day__gte=first_day
        ).exists()
        if clash:
            raise ValidationError({"first_day": "An absence is already reported for some of these days."})
        absence = Absence.objects.create(
            child=child, first_day=first_day, last_day=last_day, reason=reason, detail=detail, reported_by=actor
        )
        _audit("attendance.register.absence_reported", actor, child, absence)
    return absence


def cancel_absence(*, actor: User, absence: Absence) -> Absence:
    """Take back an absence: a family only one still to come, staff any."""
    child = absence.child
    require(actor, ABSENCE, child)
    if absence.first_day <= timezone.localdate() and not is_staff_for(actor, child):
        raise ValidationError("This absence has started: to change it, tell the staff.")
    with transaction.atomic():
        changed = Absence.objects.filter(pk=absence.pk, cancelled_at__isnull=True).update(cancelled_at=timezone.now())
        if not changed:
            raise ValidationError("This absence is already cancelled.")
        absence.refresh_from_db()
        _audit("attendance.register.absence_cancelled", actor, child, absence)
    return absence
