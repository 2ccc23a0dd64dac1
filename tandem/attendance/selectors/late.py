"""Reads for late and non-collection (R45): who is late now, the contact cascade, the plan, the cases.

A child is late collected when they are still in (state present) and the time now is **after**
their ``expected_end`` plus the setting's ``late_after_minutes``: at exactly that minute they are
not late yet; a second later they are. The threshold is worked out once in Python and the
attendances are filtered in the database, so the number of queries never grows with children.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from tandem.core.access import permitted
from tandem.core.models import Setting, User
from tandem.people.models import Child, ChildAdult

from ..actions.late import LATE_HANDLE
from ..models import Attendance, AttendanceSettings, LateCase, LateStep

# Paraphrased from the setting's arrival and collection policy (an emergency plan for when a child
# cannot be collected by the recognised adult; only an authorised adult may collect; the child's
# safety comes first). Used when the setting has not written its own plan.
DEFAULT_PLAN = "\n".join(
    [
        "Keep the child safe and calm: two members of staff stay with them at the setting, and never take them home.",
        "Check the child's record for a message from the family, a one-off collector or a collection password.",
        "Call the parents and the emergency contacts in order (above), and note every call.",
        "Tell the manager or the person in charge that the child has not been collected.",
        (
            "Only release the child to an authorised adult; anyone else must give the collection password and "
            "show proof of identity."
        ),
        (
            "If no one can be reached within an hour of closing, the manager calls children's social care (the "
            "out-of-hours duty team) and follows their advice; call the police if there is a concern for the "
            "child's safety."
        ),
        "Write down what happened and close the case; the manager decides whether Ofsted must be told.",
    ]
)

_NUMBERING = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


def day_settings(setting: Setting | int) -> AttendanceSettings:
    """The setting's day settings, or the defaults (unsaved) when it has none yet. One query."""
    pk = setting if isinstance(setting, int) else setting.pk
    found = AttendanceSettings.objects.filter(setting_id=pk).first()
    return found or AttendanceSettings(setting_id=pk)


def plan_steps(rules: AttendanceSettings) -> list[str]:
    """The emergency plan, one step a line (list markers removed); the default plan if none."""
    text = (rules.emergency_plan or "").strip() or DEFAULT_PLAN
    steps = [_NUMBERING.sub("", line).strip() for line in text.splitlines()]
    return [s for s in steps if s]


def late_cutoff(now: dt.datetime, late_after_minutes: int) -> dt.time | None:
    """Children whose session ended strictly before this time today are late collected.
    ``None`` when the threshold reaches back into yesterday (no one is late yet today)."""
    local = timezone.localtime(now)
    before = local - dt.timedelta(minutes=late_after_minutes)
    if before.date() < local.date():
        return None
    return before.time().replace(tzinfo=None)


def late_children(*, setting: Setting, now: dt.datetime | None = None, actor: User | None = None) -> list[Attendance]:
    """Today's attendances of children late collected, and any of today with a case still open
    (a child collected late whose case is not closed yet), each with ``late_case`` (or None),
    ``due_at`` (aware datetime) and ``minutes_late``. With ``actor``, only the children they may
    handle. Two queries."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    today = local.date()
    rules = day_settings(setting)
    cutoff = late_cutoff(now, rules.late_after_minutes)
    late = (
        Q(state=Attendance.State.PRESENT, expected_end__isnull=False, expected_end__lt=cutoff)
        if cutoff
        else Q(pk__in=[])
    )
    open_case = Q(late_case__isnull=False, late_case__closed_at__isnull=True)
    rows = Attendance.objects.filter(child__setting=setting, date=today).filter(late | open_case)
    if actor is not None:
        rows = rows.filter(child__in=permitted(actor, LATE_HANDLE, Child.objects.filter(setting=setting)))
    found = list(rows.select_related("child", "child__room", "late_case").order_by("expected_end", "pk"))
    for row in found:
        row.due_at = _due_at(row)  # type: ignore[attr-defined]
        due = row.due_at  # type: ignore[attr-defined]
        row.minutes_late = max(0, int((now - due).total_seconds() // 60)) if due else 0  # type: ignore[attr-defined]
        row.case = getattr(row, "late_case", None)  # type: ignore[attr-defined]
    return found


def _due_at(attendance: Attendance) -> dt.datetime | None:
    if attendance.expected_end is None:
        return None
    return timezone.make_aware(dt.datetime.combine(attendance.date, attendance.expected_end))


@dataclass(frozen=True)
class Contact:
    link: ChildAdult
    order: int

    @property
    def adult(self):  # type: ignore[no-untyped-def]
        return self.link.adult

    @property
    def phone(self) -> str:
        return self.link.adult.phone


def cascade(child: Child) -> list[Contact]:
    """Whom to call, in order: the emergency contacts by priority, then the other parents and carers
    with parental responsibility. Adults barred by a restriction (no contact, no information) are
    never called. One query."""
    links = list(
        ChildAdult.objects.filter(child=child, no_contact=False, no_information=False)
        .filter(Q(emergency_contact=True) | Q(parental_responsibility=True))
        .select_related("adult")
    )

    def key(link: ChildAdult) -> tuple[int, int, str, str, int]:
        if link.emergency_contact:
            return (0, link.emergency_priority or 999, link.adult.last_name, link.adult.first_name, link.pk)
        return (1, 0, link.adult.last_name, link.adult.first_name, link.pk)

    return [Contact(link=link, order=n) for n, link in enumerate(sorted(links, key=key), start=1)]


def today_attendance(child: Child, today: dt.date | None = None) -> Attendance | None:
    return (
        Attendance.objects.filter(child=child, date=today or timezone.localdate())
        .select_related("late_case", "collected_by")
        .first()
    )


def case_of(child: Child, case_id: int) -> LateCase | None:
    return (
        LateCase.objects.filter(pk=case_id, attendance__child=child)
        .select_related("attendance", "attendance__child", "opened_by", "closed_by", "attendance__collected_by")
        .first()
    )


def steps_of(case: LateCase) -> list[LateStep]:
    return list(case.steps.select_related("adult", "by").order_by("at", "pk"))


def cases_of_setting(setting: Setting) -> QuerySet[LateCase]:
    """Every late case of the setting, newest first, with its child and how many steps. One query a page."""
    return (
        LateCase.objects.filter(attendance__child__setting=setting)
        .select_related("attendance", "attendance__child", "attendance__child__room", "opened_by", "closed_by")
        .annotate(step_count=Count("steps"))
        .order_by("-opened_at", "-pk")
    )
