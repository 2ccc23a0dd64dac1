"""The time limits of the complaints procedure (R64): the named rules with real dates (British Summer
Time, month ends, leap years), and the reminder, the escalation and the sweep, travelling in time."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from tandem.comms.models.notifications import Notification
from tandem.complaints.deadlines import RULES, due_at, remind_at, rules_for, state
from tandem.complaints.models.complaints import Complaint, ComplaintStep, Deadline
from tandem.complaints.selectors.procedure import ESCALATE_TO
from tandem.complaints.services.deadlines import close_open_deadlines, meet_deadlines, open_deadlines
from tandem.complaints.tasks_deadlines import check_all_deadlines, deadline_missed, deadline_reminder
from tandem.core.models import AuditEvent, OrganisationMembership

LONDON = ZoneInfo("Europe/London")
END = (23, 59, 59, 999999)


def local(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=LONDON)  # type: ignore[arg-type,misc]


@pytest.mark.parametrize(
    "code, start, due, utc_due",
    [
        # into British Summer Time (29 March 2026): the last day still ends at local midnight
        ("parent.manager_feedback", local(2026, 3, 10, 14, 0), local(2026, 4, 7, *END), (2026, 4, 7, 22)),
        # out of it (25 October 2026)
        ("agency.acknowledge", local(2026, 10, 20, 9, 0), local(2026, 10, 30, *END), (2026, 10, 30, 23)),
        # month ends, a leap day, a year end
        ("parent.manager_feedback", local(2026, 1, 31, 12, 0), local(2026, 2, 28, *END), (2026, 2, 28, 23)),
        ("parent.manager_feedback", local(2028, 2, 1, 12, 0), local(2028, 2, 29, *END), (2028, 2, 29, 23)),
        ("agency.line_manager_acknowledge", local(2026, 1, 29, 16, 0), local(2026, 2, 3, *END), (2026, 2, 3, 23)),
        ("parent.line_manager_response", local(2027, 2, 20, 8, 0), local(2027, 3, 6, *END), (2027, 3, 6, 23)),
        ("agency.appeal_response", local(2026, 12, 25, 10, 0), local(2027, 1, 8, *END), (2027, 1, 8, 23)),
        # 23:30 UTC on 30 June is already 1 July in London: the days count from the local day
        ("agency.acknowledge", datetime(2026, 6, 30, 23, 30, tzinfo=UTC), local(2026, 7, 11, *END), (2026, 7, 11, 22)),
    ],
)
def test_due_at_with_real_dates(code: str, start: datetime, due: datetime, utc_due: tuple[int, ...]) -> None:
    found = due_at(RULES[code], start)
    assert found == due
    assert found.astimezone(UTC) == datetime(*utc_due, 59, 59, 999999, tzinfo=UTC)  # type: ignore[arg-type,call-arg,misc]


def test_remind_at_and_the_rules_themselves() -> None:
    # 7 days before the last day (7 April), at 08:00 British Summer Time
    assert remind_at(RULES["parent.manager_feedback"], local(2026, 3, 10, 14)) == local(2026, 3, 31, 8)
    assert remind_at(RULES["parent.manager_feedback"], local(2026, 3, 10, 14)).astimezone(UTC).hour == 7
    # the day before the last day (27 October), after the clocks went back: 08:00 GMT
    lm = RULES["agency.line_manager_acknowledge"]
    assert remind_at(lm, local(2026, 10, 22, 17)) == datetime(2026, 10, 26, 8, tzinfo=UTC)
    # the policy's numbers (10.2)
    days = {code: rule.days for code, rule in RULES.items()}
    assert days == {
        "parent.manager_feedback": 28,
        "parent.line_manager_response": 14,
        "parent.appeal_response": 14,
        "agency.acknowledge": 10,
        "agency.meeting": 28,
        "agency.line_manager_acknowledge": 5,
        "agency.line_manager_report": 14,
        "agency.appeal_response": 14,
    }
    start = local(2026, 3, 27, 23, 30)
    for code, rule in RULES.items():
        assert rule.code == code and 0 < rule.remind_days < rule.days
        assert start < remind_at(rule, start) < due_at(rule, start)
        assert rule.track in Complaint.Track.values and rule.stage in Complaint.Stage.values
        assert rule.met_by in ComplaintStep.Kind.values and rule.escalate_to in ESCALATE_TO
    assert [r.code for r in rules_for("agency", "manager")] == ["agency.acknowledge", "agency.meeting"]
    assert [r.code for r in rules_for("agency", "line_manager")] == [
        "agency.line_manager_acknowledge",
        "agency.line_manager_report",
    ]
    assert rules_for("parent", "key_person") == [] and rules_for("parent", "closed") == []


def test_state_in_every_case() -> None:
    rule = RULES["parent.manager_feedback"]  # due 7 April 2026, reminded 7 days before
    due = due_at(rule, local(2026, 3, 10, 14))
    due_utc = due.astimezone(UTC)  # as read back from the database
    assert state(due=due, met=local(2026, 4, 7, 23, 59, 59, 900000)) == "met"  # the last moment still counts
    assert state(due=due, met=local(2026, 4, 8, 0, 0)) == "met late"
    for d in (due, due_utc):
        assert state(due=d, met=None, now=local(2026, 4, 8, 0, 0), remind_days=7) == "overdue"
        assert state(due=d, met=None, now=local(2026, 4, 7, 23, 59), remind_days=7) == "due soon"
        # the reminder window opens at local midnight, 7 days before the last day (in BST)
        assert state(due=d, met=None, now=local(2026, 3, 31, 0, 0), remind_days=7) == "due soon"
        assert state(due=d, met=None, now=local(2026, 3, 30, 23, 59), remind_days=7) == "upcoming"


# --- the tasks, travelling in time ------------------------------------------------------------------


def told(kind: str = "complaints.deadline") -> list[tuple[int, str]]:
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient_id", "title"))


def steps(complaint: Complaint, kind: str) -> int:
    return ComplaintStep.objects.filter(complaint=complaint, kind=kind).count()


def test_reminded_once_before_it_falls_due_then_missed_and_escalated_once(world: Any, committed: Any) -> None:
    # About the key person, so with the manager (who handles it); never shown to the key person.
    complaint = world.complaint_about_key_person
    start = local(2026, 3, 10, 10)
    with time_machine.travel(start, tick=False), committed():
        (deadline,) = open_deadlines(complaint)
    # the reminder and the escalation are in the future: the immediate backend runs neither
    assert deadline.rule == "parent.manager_feedback" and deadline.due_at == local(2026, 4, 7, *END)
    assert not told() and deadline_reminder.call(deadline.pk) is False  # too early
    with time_machine.travel(local(2026, 3, 31, 7, 59), tick=False):
        assert deadline_reminder.call(deadline.pk) is False
    with time_machine.travel(local(2026, 3, 31, 8, 0), tick=False), committed():
        assert deadline_reminder.call(deadline.pk) is True
        assert deadline_reminder.call(deadline.pk) is False  # twice: once only
    deadline.refresh_from_db()
    assert deadline.reminded_at == local(2026, 3, 31, 8, 0) and deadline.escalated_at is None
    assert steps(complaint, ComplaintStep.Kind.REMINDER) == 1
    managers = sorted([world.manager.pk, world.deputy.pk])
    assert [uid for uid, _ in told()] == managers  # never the key person it is about
    assert all("Amelia" not in title and "Keira" not in title for _, title in told())
    assert "due by Tuesday 7 April 2026" in told()[0][1]

    with time_machine.travel(local(2026, 4, 7, 23, 59, 59), tick=False):
        assert deadline_missed.call(deadline.pk) is False  # not yet due
    with time_machine.travel(local(2026, 4, 8, 0, 1), tick=False), committed():
        assert deadline_missed.call(deadline.pk) is True
        assert deadline_missed.call(deadline.pk) is False
        assert deadline_reminder.call(deadline.pk) is False
    deadline.refresh_from_db()
    assert deadline.escalated_at == local(2026, 4, 8, 0, 1)
    missed = ComplaintStep.objects.get(complaint=complaint, kind=ComplaintStep.Kind.DEADLINE_MISSED)
    assert not missed.shared_with_complainant and "Escalated to: Line manager" in missed.text
    escalated = [uid for uid, title in told() if "missed" in title]
    assert escalated == sorted([world.line_manager.pk, world.manager.pk])  # the line manager and the handler
    events = set(AuditEvent.objects.filter(object_id=deadline.pk).values_list("event", flat=True))
    assert events == {"complaints.deadline.reminded", "complaints.deadline.missed"}


def test_nothing_happens_to_a_limit_met_in_time_or_no_longer_applying(world: Any) -> None:
    met, cancelled, moved = world.complaint_about_key_person, world.complaint_a, world.complaint_about_manager
    with time_machine.travel(local(2026, 5, 1, 9), tick=False):
        (met_deadline,) = open_deadlines(met)
        Complaint.objects.filter(pk=cancelled.pk).update(stage=Complaint.Stage.MANAGER)
        cancelled.refresh_from_db()
        (cancelled_deadline,) = open_deadlines(cancelled)
        (moved_deadline,) = open_deadlines(moved)  # the line manager's 14 days
    with time_machine.travel(local(2026, 5, 20, 9), tick=False):
        assert meet_deadlines(met, ComplaintStep.Kind.FEEDBACK) == 1
        assert close_open_deadlines(cancelled) == 1
        Complaint.objects.filter(pk=moved.pk).update(stage=Complaint.Stage.APPEAL)  # left without closing
    for when in (local(2026, 5, 25, 9), local(2026, 7, 1, 9)):
        with time_machine.travel(when, tick=False):
            for d in (met_deadline, cancelled_deadline, moved_deadline):
                assert deadline_reminder.call(d.pk) is False and deadline_missed.call(d.pk) is False
            assert check_all_deadlines.call() == {"reminded": 0, "missed": 0}
    assert not told() and not ComplaintStep.objects.filter(kind__in=["reminder", "missed"]).exists()
    assert deadline_missed.call(10**9) is False  # a deadline that is gone


def test_the_sweep_and_the_command_catch_up_once(world: Any, committed: Any) -> None:
    agency = Complaint.objects.create(
        reference="C-2026-0100",
        setting=world.setting,
        track=Complaint.Track.AGENCY,
        stage=Complaint.Stage.MANAGER,
        complainant_name="Dr Priya Shah",
        complainant_organisation="Meadowbank Health Visiting Team",
        summary="A referral letter was not acknowledged.",
    )
    about_manager = world.complaint_about_manager  # the line manager's stage; no handler named
    with time_machine.travel(local(2026, 10, 20, 9), tick=False):
        acknowledge, meeting = open_deadlines(agency)
        (lm_deadline,) = open_deadlines(about_manager)
    # The worker was down. On 31 October: acknowledging (10 days, by 30 October) was missed; the
    # meeting (28 days) is not yet in its reminder window; the line manager's 14 days (by 3
    # November) is in its reminder window (3 days before: 31 October 08:00).
    with time_machine.travel(local(2026, 10, 31, 9), tick=False), committed():
        out = io.StringIO()
        call_command("complaint_deadlines", stdout=out)
        assert "Reminders sent: 1. Missed deadlines escalated: 1." in out.getvalue()
        assert check_all_deadlines.call() == {"reminded": 0, "missed": 0}  # again: nothing more
    for d in (acknowledge, meeting, lm_deadline):
        d.refresh_from_db()
    assert acknowledge.escalated_at and not acknowledge.reminded_at  # too late for a reminder
    assert not meeting.reminded_at and not meeting.escalated_at
    assert lm_deadline.reminded_at and not lm_deadline.escalated_at
    by_title: dict[str, list[int]] = {}
    for uid, title in told():
        by_title.setdefault("missed" if "missed" in title else "reminder", []).append(uid)
    # the agency's acknowledgement missed: the line manager, and the manager's stage (no handler)
    assert by_title["missed"] == sorted([world.line_manager.pk, world.manager.pk, world.deputy.pk])
    # the complaint about the manager: its line manager is reminded, never the manager
    assert by_title["reminder"] == [world.line_manager.pk]
    urls = set(Notification.objects.filter(kind="complaints.deadline").values_list("url", flat=True))
    assert urls == {
        reverse("complaints:agency_complaint", args=[agency.pk]),
        reverse("complaints:complaint", args=[about_manager.pk]),
    }

    # Opened with a start long past (the worker catching up as it is scheduled): the escalation
    # runs at once, the reminder does nothing.
    with time_machine.travel(local(2026, 12, 1, 9), tick=False), committed():
        Deadline.objects.filter(pk=meeting.pk).delete()
        (again,) = open_deadlines(agency, start=local(2026, 10, 20, 9))
    again.refresh_from_db()
    assert again.rule == "agency.meeting" and again.escalated_at is not None and again.reminded_at is None
    assert ComplaintStep.objects.filter(complaint=agency, kind="missed").count() == 2


def test_the_notification_kind_and_the_schedule(world: Any, committed: Any) -> None:
    from tandem.comms.services.notifications import KINDS

    kind = KINDS["complaints.deadline"]
    assert kind.audience == "staff" and kind.default == "instant" and not kind.mandatory
    # when the reminder's moment has come at opening (a backdated start), it runs at once
    with time_machine.travel(local(2026, 4, 12, 12), tick=False), committed():
        (deadline,) = open_deadlines(world.complaint_about_key_person, start=local(2026, 3, 20, 9))
    deadline.refresh_from_db()
    assert deadline.due_at == local(2026, 4, 17, *END)  # 28 days from 20 March
    assert deadline.reminded_at == local(2026, 4, 12, 12) and deadline.escalated_at is None


def test_a_miss_goes_further_up_when_no_one_holds_the_stage(world: Any) -> None:
    OrganisationMembership.objects.filter(user=world.line_manager).update(active=False)
    with time_machine.travel(local(2026, 3, 10, 10), tick=False):
        (deadline,) = open_deadlines(world.complaint_about_key_person)
    with time_machine.travel(local(2026, 4, 9, 10), tick=False):
        assert deadline_missed.call(deadline.pk) is True
    assert [uid for uid, _ in told()] == sorted([world.owner.pk, world.manager.pk])
    step = ComplaintStep.objects.get(complaint=world.complaint_about_key_person, kind="missed")
    assert step.text.endswith("Escalated to: Owners, directors or trustees.")
