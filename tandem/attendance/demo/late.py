"""Demo late collection for Willowbrook (R45).

* Willowbrook's session times, a 10-minute late threshold and its own emergency plan.
* Poppy Williams was collected 35 minutes late one afternoon last week: her mum was stuck in
  traffic; staff called her, then her nan, and the case was closed with a summary.
Idempotent: the settings are only written when missing, the case only made once.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tandem.core.models import Setting, User
from tandem.people.models import Adult, Child

from ..models import Attendance, AttendanceSettings, LateCase, LateStep

PLAN = "\n".join(
    [
        (
            "Two members of staff stay with the child at the preschool, keep them calm and give them a snack. "
            "Never take the child home."
        ),
        "Check Tandem for a message from the family, a one-off collector for today or a collection password.",
        "Call the parents and the emergency contacts in order, and record every call.",
        "Tell Sarah (manager) or Tomasz (deputy); out of hours, ring the manager's mobile.",
        (
            "Release the child only to an authorised adult, or to someone who gives the collection password and "
            "shows proof of identity."
        ),
        (
            "If no one is reached by 16:30, the manager rings Somerset children's social care (out-of-hours: "
            "Emergency Duty Team) and follows their advice; ring 999 if the child is at risk."
        ),
        "Record what happened and close the case. The manager decides whether Ofsted must be told.",
    ]
)


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _last_week(today: dt.date) -> dt.date:
    day = today - dt.timedelta(days=7)
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def _at(day: dt.date, hour: int, minute: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import MANAGER_EMAIL, PRACTITIONER_EMAIL

    AttendanceSettings.objects.get_or_create(
        setting=setting,
        defaults={
            "morning_start": dt.time(8, 30),
            "morning_end": dt.time(11, 30),
            "afternoon_start": dt.time(12, 0),
            "afternoon_end": dt.time(15, 0),
            "late_after_minutes": 10,
            "emergency_plan": PLAN,
        },
    )
    poppy = Child.objects.filter(setting=setting, first_name="Poppy", last_name="Williams").first()
    if poppy is None or LateCase.objects.filter(attendance__child=poppy).exists():
        return
    chloe, manager = _user(PRACTITIONER_EMAIL), _user(MANAGER_EMAIL)
    mum = Adult.objects.filter(links__child=poppy, first_name="Jade").first()
    nan = Adult.objects.filter(links__child=poppy, first_name="Sandra").first()
    day = _last_week(timezone.localdate())
    attendance, _ = Attendance.objects.get_or_create(
        child=poppy,
        date=day,
        defaults={
            "state": Attendance.State.LEFT,
            "arrived_at": _at(day, 8, 40),
            "received_by": chloe,
            "brought_by": mum,
            "brought_by_name": "Jade Williams",
            "expected_end": dt.time(15, 0),
            "left_at": _at(day, 15, 35),
            "released_by": chloe,
            "collected_by": mum,
            "collected_by_name": "Jade Williams",
            "collection_check": Attendance.Check.KNOWN,
        },
    )
    case = LateCase.objects.create(
        attendance=attendance,
        opened_at=_at(day, 15, 11),
        opened_by=chloe,
        closed_at=_at(day, 15, 40),
        closed_by=manager,
        outcome=LateCase.Outcome.COLLECTED,
        summary="Mum was stuck in traffic on the A39 and her phone was in her bag. Nan could not come. "
        "Mum arrived at 15:35 and apologised; Poppy was happy playing with Chloe. No further action.",
    )
    steps = [
        (15, 12, LateStep.Kind.PLAN, None, 1, "Two members of staff stayed with Poppy."),
        (15, 13, LateStep.Kind.NO_ANSWER, mum, None, ""),
        (15, 15, LateStep.Kind.MESSAGE, mum, None, "Asked her to ring the preschool."),
        (15, 17, LateStep.Kind.SPOKE, nan, None, "Nan is at work in Taunton and cannot come."),
        (15, 20, LateStep.Kind.PLAN, None, 4, "Told Sarah."),
        (15, 24, LateStep.Kind.SPOKE, mum, None, "Stuck in traffic, here in 10 minutes."),
    ]
    LateStep.objects.bulk_create(
        [
            LateStep(case=case, kind=kind, adult=adult, plan_step=n, note=note, at=_at(day, h, m), by=chloe)
            for h, m, kind, adult, n, note in steps
        ]
    )
