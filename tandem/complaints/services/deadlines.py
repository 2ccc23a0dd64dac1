"""Opening, meeting and closing a complaint's deadlines (the rules are in ``tandem.complaints.deadlines``).

Called by the stage services inside their transaction; reminders and escalations are scheduled
after commit (``tasks_deadlines``), and every such task re-checks the deadline when it runs.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from ..deadlines import RULES, due_at, remind_at, rules_for
from ..models.complaints import Complaint, Deadline


def open_deadlines(complaint: Complaint, *, start: datetime | None = None) -> list[Deadline]:
    """Open the limits of the complaint's current track and stage, from ``start`` (default now).
    A limit already opened for this complaint is left as it is."""
    start = start or timezone.now()
    made = []
    for rule in rules_for(complaint.track, complaint.stage):
        deadline, created = Deadline.objects.get_or_create(
            complaint=complaint, rule=rule.code, defaults={"starts_at": start, "due_at": due_at(rule, start)}
        )
        if created:
            made.append(deadline)
    if made:
        transaction.on_commit(lambda: _schedule([d.pk for d in made]))
    return made


def meet_deadlines(complaint: Complaint, step_kind: str, *, at: datetime | None = None) -> int:
    """Mark met the open limits of the current stage that a step of this kind meets."""
    codes = [r.code for r in rules_for(complaint.track, complaint.stage) if r.met_by == step_kind]
    return Deadline.objects.filter(
        complaint=complaint, rule__in=codes, met_at__isnull=True, cancelled_at__isnull=True
    ).update(met_at=at or timezone.now())


def close_open_deadlines(complaint: Complaint, *, at: datetime | None = None) -> int:
    """The stage is left (escalated, closed, diverted): its open limits no longer apply."""
    return Deadline.objects.filter(complaint=complaint, met_at__isnull=True, cancelled_at__isnull=True).update(
        cancelled_at=at or timezone.now()
    )


def _schedule(deadline_ids: list[int]) -> None:
    from tandem.core.scheduling import enqueue_at

    from ..tasks_deadlines import deadline_missed, deadline_reminder

    for deadline in Deadline.objects.filter(pk__in=deadline_ids):
        rule = RULES[deadline.rule]
        enqueue_at(deadline_reminder, remind_at(rule, deadline.starts_at), deadline.pk)
        enqueue_at(deadline_missed, deadline.due_at, deadline.pk)
