"""Every time limit of the complaints procedure, as named rules (R64). One tested module.

The policy (10.2) gives the limits in days; a limit falls due at the end of the last day, in the
setting's time (Europe/London). Each rule names the track and stage that open it and the action
that meets it; reminders go ``remind_days`` before it falls due, and when it is missed the
complaint is escalated to ``escalate_to``.

* Parent track: the setting manager investigates and feeds back within 28 days of the complaint
  reaching them; the line manager responds within 14 days (the policy gives no separate limit;
  Tandem holds them to the appeal's "further 14 days"); an appeal to the owners, directors or
  trustees is answered within a further 14 days.
* Agency track: a written complaint is acknowledged in writing within 10 days and a meeting held
  within 28 days of its receipt; at the line manager, acknowledged within 5 days and reported on
  within 14 days; an appeal is answered within 14 days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone


@dataclass(frozen=True)
class Rule:
    code: str
    label: str  # what must happen, for staff: "Feed back to the parent"
    days: int
    track: str  # Complaint.Track value
    stage: str  # Complaint.Stage value that opens it
    met_by: str  # ComplaintStep.Kind value that meets it
    remind_days: int  # a reminder this many days before it falls due
    escalate_to: str  # who is told when it is missed: "manager", "line_manager" or "appeal"


RULES: dict[str, Rule] = {
    r.code: r
    for r in (
        Rule(
            "parent.manager_feedback",
            "Investigate and feed back to the parent",
            28,
            "parent",
            "manager",
            "feedback",
            7,
            "line_manager",
        ),
        Rule(
            "parent.line_manager_response",
            "Respond to the parent",
            14,
            "parent",
            "line_manager",
            "feedback",
            3,
            "appeal",
        ),
        Rule("parent.appeal_response", "Respond to the appeal", 14, "parent", "appeal", "feedback", 3, "appeal"),
        Rule(
            "agency.acknowledge",
            "Acknowledge the complaint in writing",
            10,
            "agency",
            "manager",
            "acknowledged",
            3,
            "line_manager",
        ),
        Rule("agency.meeting", "Meet the complainant", 28, "agency", "manager", "meeting", 7, "line_manager"),
        Rule(
            "agency.line_manager_acknowledge",
            "Acknowledge the complaint",
            5,
            "agency",
            "line_manager",
            "acknowledged",
            1,
            "appeal",
        ),
        Rule(
            "agency.line_manager_report",
            "Report back to the complainant",
            14,
            "agency",
            "line_manager",
            "feedback",
            3,
            "appeal",
        ),
        Rule("agency.appeal_response", "Respond to the appeal", 14, "agency", "appeal", "feedback", 3, "appeal"),
    )
}


def rules_for(track: str, stage: str) -> list[Rule]:
    """The limits a stage of a track opens, in the order they fall due."""
    return sorted((r for r in RULES.values() if r.track == track and r.stage == stage), key=lambda r: r.days)


def due_at(rule: Rule, start: datetime) -> datetime:
    """The moment the limit falls due: the very end (23:59:59.999999, so nothing done that day
    counts as late) of the ``rule.days``-th day after ``start``'s day, in local time. Days are
    calendar days; across a clock change the last day still ends at local midnight."""
    last_day = timezone.localtime(start).date() + timedelta(days=rule.days)
    return timezone.make_aware(datetime.combine(last_day, time.max))


def remind_at(rule: Rule, start: datetime) -> datetime:
    """When the reminder goes: 08:00 local, ``rule.remind_days`` days before the last day."""
    day = timezone.localtime(start).date() + timedelta(days=rule.days - rule.remind_days)
    return timezone.make_aware(datetime.combine(day, time(8, 0)))


def state(*, due: datetime, met: datetime | None, now: datetime | None = None, remind_days: int = 0) -> str:
    """ "met", "met late", "overdue", "due soon" (within the reminder window) or "upcoming"."""
    now = now or timezone.now()
    if met is not None:
        return "met" if met <= due else "met late"
    if now > due:
        return "overdue"
    # in local calendar days (a due time read back from the database is in UTC)
    if now >= timezone.localtime(due) - timedelta(days=remind_days + 1):
        return "due soon"
    return "upcoming"
