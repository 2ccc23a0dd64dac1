"""Reading the register (R42): who is expected today, who is here, waiting, gone home or absent.

Everything about a room or a setting is read in a constant number of queries however many
children: sessions are worked out for all the children at once (``sessions_today``), mirroring
``tandem.enrolment.selectors.registration.sessions_of``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from tandem.core.access import permitted
from tandem.core.models import Room, Setting, User
from tandem.enrolment.models.registration import Registration, SessionChangeRequest
from tandem.enrolment.selectors.registration import sessions_of
from tandem.people.models import Adult, Child, ChildAdult

from ..actions.register import REGISTER
from ..models import Absence, Attendance, AttendanceSettings

DAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def attendance_settings(setting: Setting | int) -> AttendanceSettings:
    """The setting's day (session times, door code), made with the defaults the first time."""
    setting_id = setting if isinstance(setting, int) else setting.pk
    found, _ = AttendanceSettings.objects.get_or_create(setting_id=setting_id)
    return found


def on_roll(children: QuerySet[Child], day: dt.date) -> QuerySet[Child]:
    return children.filter(Q(leaving_date__isnull=True) | Q(leaving_date__gte=day)).filter(
        Q(start_date__isnull=True) | Q(start_date__lte=day)
    )


# --- sessions ---------------------------------------------------------------------------------


def sessions_today(child_ids: Iterable[int]) -> dict[int, list[str]]:
    """Each child's weekly session codes in force today, in two queries for any number of children."""
    ids = sorted(set(child_ids))
    if not ids:
        return {}
    registrations = {
        r.child_id: r
        for r in Registration.objects.filter(child_id__in=ids).only("id", "child_id", "status", "sessions")
    }
    changes: dict[int, list[SessionChangeRequest]] = defaultdict(list)
    approved = SessionChangeRequest.objects.filter(child_id__in=ids, status=SessionChangeRequest.Status.APPROVED)
    for change in approved.only("id", "child_id", "status", "sessions", "from_date", "decided_at", "requested_at"):
        changes[change.child_id].append(change)
    out: dict[int, list[str]] = {}
    for pk in ids:
        out[pk] = sessions_of(child=None, registration=registrations.get(pk), changes=changes[pk]).codes  # type: ignore[arg-type]
    return out


def todays_part(codes: Iterable[str], day: dt.date) -> str:
    """ "am", "pm", "day" or "" (no session on that day)."""
    prefix = DAY_CODES[day.weekday()] + "_"
    parts = {c.removeprefix(prefix) for c in codes if c.startswith(prefix)}
    if "day" in parts or {"am", "pm"} <= parts:
        return "day"
    return next(iter(parts), "")


PART_LABELS = {"am": "Morning", "pm": "Afternoon", "day": "Full day", "": "No session today"}


def expected_end(part: str, times: AttendanceSettings) -> dt.time:
    """When the child's session ends today: the morning's end for a morning, otherwise the
    afternoon's (a full day, an afternoon, or an extra session on a day without one)."""
    return times.morning_end if part == "am" else times.afternoon_end


def expected_start(part: str, times: AttendanceSettings) -> dt.time:
    return times.afternoon_start if part == "pm" else times.morning_start


def child_part_today(child: Child, day: dt.date | None = None) -> str:
    day = day or timezone.localdate()
    return todays_part(sessions_today([child.pk]).get(child.pk, []), day)


# --- absences ---------------------------------------------------------------------------------


def absences_on(child_ids: Iterable[int], day: dt.date) -> dict[int, Absence]:
    rows = Absence.objects.filter(
        child_id__in=list(child_ids), first_day__lte=day, last_day__gte=day, cancelled_at__isnull=True
    ).order_by("first_day", "pk")
    return {a.child_id: a for a in rows}


def absences_of(child: Child) -> list[Absence]:
    """The child's absences from today on that are not cancelled, soonest first."""
    today = timezone.localdate()
    return list(
        Absence.objects.filter(child=child, last_day__gte=today, cancelled_at__isnull=True).order_by("first_day", "pk")
    )


# --- the room's register ----------------------------------------------------------------------


@dataclass
class Row:
    child: Child
    part: str  # today's session: am, pm, day or ""
    attendance: Attendance | None = None
    absence: Absence | None = None
    adults: list[Adult] = field(default_factory=list)  # who may bring them (no no_contact restriction)

    @property
    def state(self) -> str:
        """not_arrived, waiting, present, left or absent."""
        if self.attendance is not None:
            return self.attendance.state
        return "absent" if self.absence is not None else "not_arrived"

    @property
    def session(self) -> str:
        return PART_LABELS[self.part]

    @property
    def expected(self) -> bool:
        return bool(self.part) and self.absence is None


@dataclass
class Counts:
    present: int = 0
    waiting: int = 0
    expected: int = 0  # expected today and not yet arrived (nor absent)
    absent: int = 0
    left: int = 0


def count(rows: Iterable[Row]) -> Counts:
    counts = Counts()
    for row in rows:
        state = row.state
        if state == Attendance.State.PRESENT:
            counts.present += 1
        elif state == Attendance.State.WAITING:
            counts.waiting += 1
        elif state == Attendance.State.LEFT:
            counts.left += 1
        elif state == "absent":
            counts.absent += 1
        elif row.part:
            counts.expected += 1
    return counts


def _rows(children: list[Child], day: dt.date, with_adults: bool) -> list[Row]:
    """One row a child expected today or with a record today, in a constant number of queries."""
    ids = [c.pk for c in children]
    sessions = sessions_today(ids)
    records = {
        a.child_id: a
        for a in Attendance.objects.filter(child_id__in=ids, date=day).select_related(
            "brought_by", "received_by", "collected_by", "released_by"
        )
    }
    absences = absences_on(ids, day)
    adults: dict[int, list[Adult]] = defaultdict(list)
    if with_adults and ids:
        links = (
            ChildAdult.objects.filter(child_id__in=ids, no_contact=False)
            .select_related("adult")
            .order_by("-parental_responsibility", "emergency_priority", "adult__first_name", "pk")
        )
        for link in links:
            adults[link.child_id].append(link.adult)
    rows = []
    for child in children:
        part = todays_part(sessions.get(child.pk, []), day)
        row = Row(child, part, records.get(child.pk), absences.get(child.pk), adults.get(child.pk, []))
        if part or row.attendance is not None or row.absence is not None:
            rows.append(row)
    order = {"waiting": 0, "not_arrived": 1, "present": 2, "absent": 3, "left": 4}
    rows.sort(key=lambda r: (order.get(r.state, 9), r.child.first_name, r.child.last_name, r.child.pk))
    return rows


def room_children(room: Room, day: dt.date) -> list[Child]:
    """The room's children on roll today, and any child of the room with a record today."""
    recorded = Attendance.objects.filter(date=day, child__room=room).values("child_id")
    children = Child.objects.filter(room=room)
    on = on_roll(children, day).values("pk")
    return list(children.filter(Q(pk__in=on) | Q(pk__in=recorded)).order_by("first_name", "last_name", "pk"))


def room_register(*, room: Room, day: dt.date | None = None) -> dict[str, Any]:
    day = day or timezone.localdate()
    rows = _rows(room_children(room, day), day, with_adults=True)
    return {"rows": rows, "counts": count(rows), "day": day}


def room_row(*, child: Child, day: dt.date | None = None) -> Row | None:
    day = day or timezone.localdate()
    rows = _rows([child], day, with_adults=True)
    if rows:
        return rows[0]
    return Row(child, "", None, None, [])


def rooms_for(*, actor: User, setting: Setting) -> list[Room]:
    return list(permitted(actor, REGISTER, Room.objects.filter(setting=setting)).order_by("name", "pk"))


@dataclass
class RoomDay:
    room: Room | None
    rows: list[Row]
    counts: Counts
    may_open: bool = False


def setting_today(*, actor: User, setting: Setting, day: dt.date | None = None) -> dict[str, Any]:
    """The Today page: each room's head count and lists, and the setting's total. Constant queries."""
    day = day or timezone.localdate()
    children = list(
        on_roll(Child.objects.filter(setting=setting), day)
        .select_related("room")
        .order_by("first_name", "last_name", "pk")
    )
    rows = _rows(children, day, with_adults=False)
    by_room: dict[int | None, list[Row]] = defaultdict(list)
    for row in rows:
        by_room[row.child.room_id].append(row)
    rooms = list(Room.objects.filter(setting=setting).order_by("name", "pk"))
    may_open = {r.pk for r in rooms_for(actor=actor, setting=setting)}
    days = [
        RoomDay(room, by_room.get(room.pk, []), count(by_room.get(room.pk, [])), room.pk in may_open) for room in rooms
    ]
    if by_room.get(None):
        days.append(RoomDay(None, by_room[None], count(by_room[None])))
    return {"rooms": days, "counts": count(rows), "day": day, "rows": rows}


def head_counts(*, setting: Setting, day: dt.date | None = None) -> dict[int | None, int]:
    """Children present per room (state present only) in one query."""
    day = day or timezone.localdate()
    rows = (
        Attendance.objects.filter(child__setting=setting, date=day, state=Attendance.State.PRESENT)
        .values("child__room_id")
        .annotate(n=Count("pk"))
    )
    return {r["child__room_id"]: r["n"] for r in rows}


# --- the family's view ------------------------------------------------------------------------


def attendance_today(child: Child) -> Attendance | None:
    return (
        Attendance.objects.filter(child=child, date=timezone.localdate())
        .select_related("brought_by", "collected_by", "received_by", "released_by")
        .first()
    )
