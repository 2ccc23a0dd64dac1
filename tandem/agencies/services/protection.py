"""Every write of child protection plans and their tasks (R24), and the audit of every read:
keyword-only, one transaction, audited. A child has at most one plan in place at a time; tasks are
added to a plan in place; the key person is told when a task falls to them or to the setting (the
notification names neither the child nor the plan: it may be read on a shared screen or in email)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import can, require
from tandem.core.models import User
from tandem.people.models import Child

from ..actions.protection import PLAN_MANAGE, PROTECTION_RECORD, PROTECTION_VIEW, TASK_ADD, TASK_DONE, VIEWED
from ..models import ProtectionPlan, ProtectionTask

Owner = ProtectionTask.Owner
TASK_KIND = "agencies.protection.task"
ENDED = "This plan has ended: nothing more can be added to it."


def record_viewed(
    *, actor: User, child_ids: Iterable[int], setting_id: int | None, obj: models.Model | None = None
) -> None:
    """A page showed these children's plans or tasks: record the read (after commit, like every
    audit row). Called by every page that shows a plan, never for a refused read."""
    ids = sorted(set(child_ids))
    if not ids:
        return
    audit.record(VIEWED, actor, child_ids=ids, obj=obj, setting_id=setting_id)


def _audit(event: str, actor: User, plan: ProtectionPlan, obj: ProtectionPlan | ProtectionTask) -> None:
    audit.record(event, actor, child_ids=[plan.child_id], obj=obj, setting_id=plan.child.setting_id)


def _locked_plan(plan: ProtectionPlan) -> ProtectionPlan:
    return ProtectionPlan.objects.select_for_update(of=("self",)).select_related("child").get(pk=plan.pk)


def _not_future(day: dt.date | None, field: str, what: str) -> None:
    if day is not None and day > timezone.localdate():
        raise ValidationError({field: f"The date {what} cannot be in the future."})


def _details(
    started_on: dt.date | None, lead_professional: str, lead_contact: str, next_conference_on: dt.date | None
) -> tuple[str, str]:
    lead = (lead_professional or "").strip()
    if not lead:
        raise ValidationError({"lead_professional": "Enter the lead social worker's name and service."})
    if next_conference_on is not None and started_on is not None and next_conference_on < started_on:
        raise ValidationError({"next_conference_on": "The next review conference cannot be before the plan started."})
    return lead[:200], (lead_contact or "").strip()[:200]


def record_plan(
    *,
    actor: User,
    child: Child,
    started_on: dt.date,
    lead_professional: str,
    lead_contact: str = "",
    next_conference_on: dt.date | None = None,
) -> ProtectionPlan:
    require(actor, PROTECTION_RECORD, child)
    if started_on is None:
        raise ValidationError({"started_on": "Enter the date the plan started."})
    _not_future(started_on, "started_on", "the plan started")
    lead, contact = _details(started_on, lead_professional, lead_contact, next_conference_on)
    with transaction.atomic():
        locked = Child.objects.select_for_update().get(pk=child.pk)  # one plan in place at a time
        if ProtectionPlan.objects.filter(child=locked, ended_on__isnull=True).exists():
            raise ValidationError("A child protection plan is already in place for this child. End it first.")
        plan = ProtectionPlan.objects.create(
            child=locked,
            started_on=started_on,
            lead_professional=lead,
            lead_contact=contact,
            next_conference_on=next_conference_on,
            recorded_by=actor,
        )
        _audit("agencies.protection.plan.recorded", actor, plan, plan)
    return plan


def change_plan(
    *,
    actor: User,
    plan: ProtectionPlan,
    lead_professional: str,
    lead_contact: str = "",
    next_conference_on: dt.date | None = None,
) -> ProtectionPlan:
    require(actor, PLAN_MANAGE, plan)
    with transaction.atomic():
        locked = _locked_plan(plan)
        if locked.ended_on is not None:
            raise ValidationError("This plan has ended: its details can no longer be changed.")
        lead, contact = _details(locked.started_on, lead_professional, lead_contact, next_conference_on)
        locked.lead_professional, locked.lead_contact = lead, contact
        locked.next_conference_on = next_conference_on
        locked.save(update_fields=["lead_professional", "lead_contact", "next_conference_on"])
        _audit("agencies.protection.plan.changed", actor, locked, locked)
    return locked


def end_plan(*, actor: User, plan: ProtectionPlan, ended_on: dt.date) -> ProtectionPlan:
    require(actor, PLAN_MANAGE, plan)
    if ended_on is None:
        raise ValidationError({"ended_on": "Enter the date the plan ended."})
    _not_future(ended_on, "ended_on", "the plan ended")
    with transaction.atomic():
        locked = _locked_plan(plan)
        if locked.ended_on is not None:
            raise ValidationError("This plan has already ended.")
        if ended_on < locked.started_on:
            raise ValidationError({"ended_on": "The plan cannot end before it started."})
        locked.ended_on = ended_on
        locked.save(update_fields=["ended_on"])
        _audit("agencies.protection.plan.ended", actor, locked, locked)
    return locked


def _tell_key_person(task: ProtectionTask, plan: ProtectionPlan, actor: User) -> None:
    """The key person, when the task is theirs or the setting's (not when they added it themselves,
    nor once they have lost access to the child)."""
    from tandem.comms.services.notifications import notify

    if task.owner not in (Owner.KEY_PERSON, Owner.SETTING):
        return
    key_person = plan.child.key_person
    if key_person is None or key_person.pk == actor.pk or not can(key_person, PROTECTION_VIEW, plan.child):
        return
    whose = "you" if task.owner == Owner.KEY_PERSON else "the setting"
    notify(
        kind=TASK_KIND,
        user_ids=[key_person.pk],
        title=f"A child protection task for {whose}",
        body="A task agreed with the parents has been added to a child protection plan for one of your key "
        "children. Open Tandem to read it.",
        url=reverse("agencies:protection_child", args=[plan.child_id]),
        setting_id=plan.child.setting_id,
    )


def add_task(
    *,
    actor: User,
    plan: ProtectionPlan,
    task: str,
    owner: str,
    owner_detail: str = "",
    due_on: dt.date | None = None,
    agreed_with_parents_on: dt.date | None = None,
) -> ProtectionTask:
    require(actor, TASK_ADD, plan)
    text = (task or "").strip()
    if not text:
        raise ValidationError({"task": "Say what the task is."})
    if owner not in Owner.values:
        raise ValidationError({"owner": "Choose who does it."})
    detail = (owner_detail or "").strip()[:200]
    if owner == Owner.AGENCY and not detail:
        raise ValidationError({"owner_detail": "Say which agency or person does it."})
    _not_future(agreed_with_parents_on, "agreed_with_parents_on", "it was agreed with the parents")
    with transaction.atomic():
        locked = _locked_plan(plan)
        if locked.ended_on is not None:
            raise ValidationError(ENDED)
        if due_on is not None and due_on < locked.started_on:
            raise ValidationError({"due_on": "The task cannot be due before the plan started."})
        row = ProtectionTask.objects.create(
            plan=locked,
            task=text,
            owner=owner,
            owner_detail=detail,
            due_on=due_on,
            agreed_with_parents_on=agreed_with_parents_on,
            recorded_by=actor,
        )
        _audit("agencies.protection.task.added", actor, locked, row)
        _tell_key_person(row, locked, actor)
    return row


def complete_task(*, actor: User, task: ProtectionTask, note: str) -> ProtectionTask:
    require(actor, TASK_DONE, task)
    text = (note or "").strip()
    if not text:
        raise ValidationError({"note": "Say what was done."})
    with transaction.atomic():
        locked = ProtectionTask.objects.select_for_update(of=("self",)).select_related("plan__child").get(pk=task.pk)
        if locked.done_at is not None:
            raise ValidationError("This task is already marked done.")
        locked.done_at = timezone.now()
        locked.done_note = text
        locked.save(update_fields=["done_at", "done_note"])
        _audit("agencies.protection.task.done", actor, locked.plan, locked)
    return locked
