"""Demo register (R42): this morning at Willowbrook, part-way through the arrivals.

Session times are set; the children whose registration the enrolment demo does not write get a
weekly pattern so every weekday has children expected. Today: some children are in (signed in by
their room's staff), Ruby Evans's parent has said "We have arrived" and is waiting for staff to
confirm, and Zara Ahmed's mum has reported her off sick. Isla and Alfie Morgan are left not
arrived, so the morning run (Emma Morgan self-registers Isla, the key person confirms) can be shown.
Idempotent: runs again the same day change nothing.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tandem.core.models import Setting, User
from tandem.enrolment.demo.registration import FORMS
from tandem.enrolment.models.registration import Registration
from tandem.people.models import Child, ChildAdult

from ..models import Absence, Attendance, AttendanceSettings
from ..selectors.register import attendance_settings, child_part_today, expected_end

PATTERNS = (
    ["mon_day", "tue_day", "wed_day", "thu_day", "fri_day"],
    ["mon_am", "tue_am", "wed_am", "thu_am", "fri_am"],
    ["mon_day", "tue_am", "wed_day", "thu_am", "fri_day"],
)
# (child, minutes after the morning start, who brought them: "" for a linked parent, or a name)
ARRIVED = [
    ("Freddie Hughes", 2, ""),
    ("Amara Okoye", 5, ""),
    ("Evie Johnson", 9, "Grandad Pete"),
    ("Jayden Price", 3, ""),
    ("Poppy Williams", 7, ""),
    ("Leo Walsh", 1, ""),
    ("Mason Clarke", 6, ""),
    ("Ana Popescu", 11, ""),
]
WAITING = "Ruby Evans"
ABSENT = "Zara Ahmed"
NOT_TOUCHED = {"Isla Morgan", "Alfred Morgan"}  # the browser test's morning run


def _child(setting: Setting, name: str) -> Child | None:
    first, last = name.split(" ", 1)
    return Child.objects.filter(setting=setting, first_name=first, last_name=last).first()


def _parent_link(child: Child) -> ChildAdult | None:
    return (
        ChildAdult.objects.filter(child=child, no_contact=False, no_information=False)
        .select_related("adult", "adult__user")
        .order_by("-parental_responsibility", "emergency_priority", "pk")
        .first()
    )


def seed(*, setting: Setting) -> None:
    attendance_settings(setting)
    AttendanceSettings.objects.filter(setting=setting).update(
        morning_start=dt.time(8, 30),
        morning_end=dt.time(12, 0),
        afternoon_start=dt.time(12, 0),
        afternoon_end=dt.time(15, 30),
    )
    times = attendance_settings(setting)
    enrolment_children = {name for name, *_ in FORMS}
    children = list(Child.objects.filter(setting=setting).order_by("pk"))
    for i, child in enumerate(children):
        name = f"{child.first_name} {child.last_name}"
        if name in enrolment_children or Registration.objects.filter(child=child).exists():
            continue
        Registration.objects.create(
            child=child, status=Registration.Status.REVIEWED, revision=1, sessions=PATTERNS[i % len(PATTERNS)]
        )

    today = timezone.localdate()
    if today.weekday() >= 5:
        return  # a weekend: nobody is in
    staff = {
        room: User.objects.filter(setting_memberships__room__name=room, setting_memberships__setting=setting).first()
        for room in ("Butterflies", "Caterpillars", "Ladybirds")
    }
    start = timezone.make_aware(dt.datetime.combine(today, times.morning_start))
    for name, minutes, brought_name in ARRIVED:
        arriving = _child(setting, name)
        if arriving is None or name in NOT_TOUCHED or Attendance.objects.filter(child=arriving, date=today).exists():
            continue
        link = None if brought_name else _parent_link(arriving)
        Attendance.objects.create(
            child=arriving,
            date=today,
            state=Attendance.State.PRESENT,
            arrived_at=start + dt.timedelta(minutes=minutes),
            received_by=staff.get(arriving.room.name if arriving.room else ""),
            brought_by=link.adult if link else None,
            brought_by_name=brought_name,
            expected_end=expected_end(child_part_today(arriving, today), times),
        )
    waiting = _child(setting, WAITING)
    if waiting is not None and not Attendance.objects.filter(child=waiting, date=today).exists():
        link = _parent_link(waiting)
        Attendance.objects.create(
            child=waiting,
            date=today,
            state=Attendance.State.WAITING,
            self_registered_at=start + dt.timedelta(minutes=12),
            self_registered_by=link.adult.user if link else None,
            brought_by=link.adult if link else None,
        )
    absent = _child(setting, ABSENT)
    if absent is not None and not Absence.objects.filter(child=absent, last_day__gte=today).exists():
        link = _parent_link(absent)
        Absence.objects.create(
            child=absent,
            first_day=today,
            last_day=today + dt.timedelta(days=1),
            reason=Absence.Reason.ILLNESS,
            detail="A high temperature overnight: we will keep her at home until she is well.",
            reported_by=link.adult.user if link else None,
            reported_at=timezone.now() - dt.timedelta(hours=14),
        )
