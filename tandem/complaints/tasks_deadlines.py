"""Background work of the complaints deadlines (R64): the reminder before a limit falls due, the
escalation when it is missed, and a sweep for both. Ids only.

``services.deadlines`` schedules :func:`deadline_reminder` at the rule's ``remind_at`` and
:func:`deadline_missed` at its ``due_at``. Either may run early (a backend that cannot defer), late
(the worker was down) or twice, so each re-checks everything under a row lock when it runs and
acts at most once: a reminder only while the limit is open, its moment has come and it has not
fallen due; an escalation only while it is still open at or after its due time. The sweep
(:func:`check_all_deadlines`, also ``manage.py complaint_deadlines``) runs both for every row due.

Notifications name no child and no member of staff (lock screens): the complaint's reference,
the setting and what must happen by when.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import dateformat, timezone
from django_tasks import task

from tandem.comms.services.notifications import notify
from tandem.core import audit
from tandem.core.models import User

from .deadlines import RULES, Rule, remind_at
from .hooks.procedure import DEADLINE_KIND
from .models.complaints import Complaint, ComplaintStep, Deadline
from .selectors.procedure import ESCALATE_TO, complaint_url, holders_of, missed_due, reminders_due, stage_title

UPWARDS = [Complaint.Stage.MANAGER, Complaint.Stage.LINE_MANAGER, Complaint.Stage.APPEAL]


def _when(moment: datetime) -> str:
    return dateformat.format(timezone.localtime(moment), "l j F Y")


def _locked(deadline_id: int) -> tuple[Deadline, Complaint, Rule] | None:
    """The deadline (locked), its complaint and rule, while the limit still applies."""
    deadline = Deadline.objects.select_for_update().filter(pk=deadline_id).first()
    if deadline is None or deadline.met_at is not None or deadline.cancelled_at is not None:
        return None
    rule = RULES.get(deadline.rule)
    complaint = Complaint.objects.select_related("setting", "child").filter(pk=deadline.complaint_id).first()
    if rule is None or complaint is None or complaint.closed_at is not None:
        return None
    if complaint.track != rule.track or complaint.stage != rule.stage:  # the stage was left
        return None
    return deadline, complaint, rule


def _with_handler(complaint: Complaint, people: list[User]) -> list[int]:
    ids = [u.pk for u in people]
    handler = complaint.handler
    if handler is not None and handler.is_active and handler.pk != complaint.about_staff_id:
        ids.append(handler.pk)
    return sorted(set(ids))


def _url(complaint: Complaint) -> str:
    return complaint_url(complaint) or reverse("complaints:deadlines", args=[complaint.setting_id])


@task()
def deadline_reminder(deadline_id: int) -> bool:
    """Remind the stage's holders (and the complaint's handler) before a limit falls due. Once."""
    now = timezone.now()
    with transaction.atomic():
        found = _locked(deadline_id)
        if found is None:
            return False
        deadline, complaint, rule = found
        if deadline.reminded_at is not None or deadline.escalated_at is not None:
            return False
        if now < remind_at(rule, deadline.starts_at) or now >= deadline.due_at:
            return False  # too early, or already due: the escalation takes over
        deadline.reminded_at = now
        deadline.save(update_fields=["reminded_at"])
        when = _when(deadline.due_at)
        ComplaintStep.objects.create(
            complaint=complaint,
            stage=complaint.stage,
            kind=ComplaintStep.Kind.REMINDER,
            text=f"Reminder sent: {rule.label}, by {when}.",
            at=now,
        )
        ids = _with_handler(complaint, holders_of(complaint, [rule.stage]))
        notify(
            kind=DEADLINE_KIND,
            user_ids=ids,
            title=f"Complaint {complaint.reference}: due by {when}",
            body=(
                f"Complaint {complaint.reference} at {complaint.setting.name}: {rule.label.lower()} by {when}. "
                "The time limit comes from the complaints procedure; if it is missed, the next stage is told."
            ),
            url=_url(complaint),
            setting_id=complaint.setting_id,
        )
        audit.record(
            "complaints.deadline.reminded",
            None,
            child_ids=[complaint.child_id] if complaint.child_id else [],
            obj=deadline,
            setting_id=complaint.setting_id,
        )
    return True


@task()
def deadline_missed(deadline_id: int) -> bool:
    """A limit still open at its due time: record it and tell the stage above (``escalate_to``; the
    next one up when no one holds it) and the complaint's handler (or, with no handler named, the
    stage's holders). Once."""
    now = timezone.now()
    with transaction.atomic():
        found = _locked(deadline_id)
        if found is None:
            return False
        deadline, complaint, rule = found
        if deadline.escalated_at is not None or now < deadline.due_at:
            return False
        deadline.escalated_at = now
        deadline.save(update_fields=["escalated_at"])
        when = _when(deadline.due_at)
        # the stage the rule names; if no one holds it (no line manager yet), the next one up
        above = ESCALATE_TO[rule.escalate_to]
        people: list[User] = []
        for stage in UPWARDS[UPWARDS.index(above) :]:
            people = holders_of(complaint, [stage])
            if people:
                above = stage
                break
        told = stage_title(complaint.setting, above)
        ComplaintStep.objects.create(
            complaint=complaint,
            stage=complaint.stage,
            kind=ComplaintStep.Kind.DEADLINE_MISSED,
            text=f"Time limit missed: {rule.label}, due by {when}. Escalated to: {told}.",
            at=now,
        )
        if complaint.handler_id is None:
            people += holders_of(complaint, [rule.stage])
        ids = _with_handler(complaint, people)
        notify(
            kind=DEADLINE_KIND,
            user_ids=ids,
            title=f"Complaint {complaint.reference}: a time limit was missed",
            body=(
                f"Complaint {complaint.reference} at {complaint.setting.name}: {rule.label.lower()} was due by "
                f"{when} and has not been done. It has been escalated to: {told}."
            ),
            url=_url(complaint),
            setting_id=complaint.setting_id,
        )
        audit.record(
            "complaints.deadline.missed",
            None,
            child_ids=[complaint.child_id] if complaint.child_id else [],
            obj=deadline,
            setting_id=complaint.setting_id,
        )
    return True


@task()
def check_all_deadlines() -> dict[str, int]:
    """Send every reminder and escalation that is due and has not happened (after the worker was
    down, or where the task backend cannot defer). Safe to run at any time, and again."""
    now = timezone.now()
    reminded = missed = 0
    for pk, code, starts_at in list(reminders_due(now).values_list("pk", "rule", "starts_at")):
        rule = RULES.get(code)
        if rule is not None and remind_at(rule, starts_at) <= now and deadline_reminder.call(pk):
            reminded += 1
    for pk in list(missed_due(now).values_list("pk", flat=True)):
        if deadline_missed.call(pk):
            missed += 1
    return {"reminded": reminded, "missed": missed}
