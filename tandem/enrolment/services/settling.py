"""Every write about settling in (R12): keyword-only, one transaction, audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import require
from tandem.core.models import User
from tandem.enrolment.actions.settling import SETTLING_LOG, SETTLING_PLAN, SETTLING_REPLY
from tandem.enrolment.models.settling import SettlingLogEntry, SettlingPlan, SettlingReply, SettlingVisit
from tandem.people.models import Adult, Child, ChildAdult

MAX_TEXT = 1000
MAX_PLAN_TEXT = 5000
CONFLICT = "conflict"
Status = SettlingPlan.Status
OPEN_STATUSES = (Status.DRAFT, Status.AGREED, Status.IN_PROGRESS)


def _conflict() -> ValidationError:
    return ValidationError(
        "Someone else changed this plan while you were editing it, so nothing has been saved. "
        "The form now shows the plan as it stands: make your changes again and save.",
        code=CONFLICT,
    )


def _text(value: str | None, *, field: str, limit: int, required: str = "") -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: required})
    if len(text) > limit:
        raise ValidationError({field: f"Keep this to {limit:,} characters or fewer."})
    return text


def agreeable_adults(child: Child) -> list[Adult]:
    """The adults a plan can be agreed with: linked to the child, and not kept from information."""
    return [
        link.adult
        for link in ChildAdult.objects.filter(child=child, no_information=False)
        .select_related("adult")
        .order_by("-parental_responsibility", "adult__last_name", "adult__first_name")
    ]


def _claim(plan: SettlingPlan, version: int) -> None:
    """Take the plan's next version, or refuse: the check and the write are one statement."""
    if plan.version != version:
        raise _conflict()
    if not SettlingPlan.objects.filter(pk=plan.pk, version=version).update(version=F("version") + 1):
        raise _conflict()
    plan.version = version + 1


def save_plan(
    *,
    actor: User,
    child: Child,
    version: int,
    status: str,
    arrangements: str = "",
    agreed_with: Iterable[Adult] = (),
    agreed_on: dt.date | None = None,
    first_visit: dt.date | None = None,
    start_date: dt.date | None = None,
    review_date: dt.date | None = None,
) -> SettlingPlan:
    """Make or change the child's plan. Agreeing it needs the adults it was agreed with.

    A completed plan can be reopened by choosing an open status: the review stays on record."""
    require(actor, SETTLING_PLAN, child)
    already_complete = SettlingPlan.objects.filter(child=child, status=Status.COMPLETE).exists()
    if status not in OPEN_STATUSES and not (status == Status.COMPLETE and already_complete):
        raise ValidationError({"status": "Choose where the plan is up to. To finish settling in, complete the review."})
    arrangements = _text(arrangements, field="arrangements", limit=MAX_PLAN_TEXT)
    adults = list(agreed_with)
    allowed = {a.pk for a in agreeable_adults(child)}
    if any(a.pk not in allowed for a in adults):
        raise ValidationError({"agreed_with": "Choose only adults linked to this child."})
    errors: dict[str, str] = {}
    if status != Status.DRAFT and not adults:
        errors["agreed_with"] = "Choose who agreed the plan with you, or keep it as a draft."
    if first_visit and start_date and start_date < first_visit:
        errors["start_date"] = "The first full session must be on or after the first visit."
    if first_visit and review_date and review_date < first_visit:
        errors["review_date"] = "The review date must be on or after the first visit."
    if errors:
        raise ValidationError(errors)
    if status != Status.DRAFT and agreed_on is None:
        agreed_on = timezone.localdate()
    values: dict[str, Any] = {
        "status": status,
        "arrangements": arrangements,
        "agreed_on": agreed_on,
        "first_visit": first_visit,
        "start_date": start_date,
        "review_date": review_date,
    }
    now = timezone.now()
    with transaction.atomic():
        plan = SettlingPlan.objects.filter(child=child).first()
        created = plan is None
        if plan is None:
            if version != 0:
                raise _conflict()
            plan = SettlingPlan(child=child, version=1, created_by=actor, created_at=now, **values)
        else:
            _claim(plan, version)
            for name, value in values.items():
                setattr(plan, name, value)
            if status in OPEN_STATUSES and plan.completed_at is not None:
                plan.completed_at = None  # reopened
        plan.updated_at = now
        plan.updated_by = actor
        plan._history_user = actor  # type: ignore[attr-defined]
        try:
            with transaction.atomic():
                plan.save()
        except IntegrityError:
            raise _conflict() from None
        plan.agreed_with.set(adults)
        audit.record(
            "enrolment.settling_plan.created" if created else "enrolment.settling_plan.updated",
            actor,
            child_ids=[child.pk],
            person_ids=[a.pk for a in adults],
            obj=plan,
            setting_id=child.setting_id,
        )
    return plan


def complete_review(*, actor: User, child: Child, version: int, review_notes: str) -> SettlingPlan:
    """Record the review and mark settling in complete (or change the review of a completed plan)."""
    require(actor, SETTLING_PLAN, child)
    notes = _text(
        review_notes,
        field="review_notes",
        limit=MAX_PLAN_TEXT,
        required="Write how settling in went and anything agreed for the future.",
    )
    with transaction.atomic():
        plan = SettlingPlan.objects.filter(child=child).first()
        if plan is None:
            raise ValidationError("Make the settling-in plan before its review.")
        if plan.status == Status.DRAFT:
            raise ValidationError("Agree the plan with the family before completing its review.")
        _claim(plan, version)
        now = timezone.now()
        plan.status = Status.COMPLETE
        plan.review_notes = notes
        plan.completed_at = plan.completed_at or now
        plan.updated_at = now
        plan.updated_by = actor
        plan._history_user = actor  # type: ignore[attr-defined]
        plan.save()
        audit.record(
            "enrolment.settling_plan.completed", actor, child_ids=[child.pk], obj=plan, setting_id=child.setting_id
        )
    return plan


def save_visit(
    *,
    actor: User,
    child: Child,
    visit: SettlingVisit | None = None,
    date: dt.date,
    duration_minutes: int,
    parent_present: bool = False,
    notes: str = "",
) -> SettlingVisit:
    require(actor, SETTLING_PLAN, child)
    plan = SettlingPlan.objects.filter(child=child).first()
    if plan is None:
        raise ValidationError("Make the settling-in plan before adding visits.")
    if visit is not None and visit.plan_id != plan.pk:
        raise ValidationError("This visit belongs to another child's plan.")
    if not 5 <= duration_minutes <= 600:
        raise ValidationError({"duration_minutes": "Give the length of the visit in minutes, between 5 and 600."})
    notes = _text(notes, field="notes", limit=300)
    created = visit is None
    visit = visit or SettlingVisit(plan=plan)
    visit.date = date
    visit.duration_minutes = duration_minutes
    visit.parent_present = parent_present
    visit.notes = notes
    visit._history_user = actor  # type: ignore[attr-defined]
    with transaction.atomic():
        visit.save()
        audit.record(
            "enrolment.settling_visit.created" if created else "enrolment.settling_visit.updated",
            actor,
            child_ids=[child.pk],
            obj=visit,
            setting_id=child.setting_id,
        )
    return visit


def delete_visit(*, actor: User, child: Child, visit: SettlingVisit) -> None:
    require(actor, SETTLING_PLAN, child)
    if visit.plan.child_id != child.pk:
        raise ValidationError("This visit belongs to another child's plan.")
    with transaction.atomic():
        audit.record(
            "enrolment.settling_visit.deleted", actor, child_ids=[child.pk], obj=visit, setting_id=child.setting_id
        )
        visit._history_user = actor  # type: ignore[attr-defined]
        visit.delete()


def add_entry(*, actor: User, child: Child, text: str) -> SettlingLogEntry:
    """A note for the family about how the child is settling."""
    require(actor, SETTLING_LOG, child)
    text = _text(text, field="text", limit=MAX_TEXT, required="Write what happened, in a sentence or two.")
    with transaction.atomic():
        entry = SettlingLogEntry.objects.create(child=child, author=actor, text=text, at=timezone.now())
        audit.record(
            "enrolment.settling_entry.created", actor, child_ids=[child.pk], obj=entry, setting_id=child.setting_id
        )
    return entry


def add_reply(*, actor: User, entry: SettlingLogEntry, text: str) -> SettlingReply:
    """A parent answers a note; the key person hears of it by email (sent in the background)."""
    from tandem.enrolment.tasks_settling import notify_key_person_of_reply

    child = entry.child
    require(actor, SETTLING_REPLY, child)
    text = _text(text, field="text", limit=MAX_TEXT, required="Write your reply.")
    with transaction.atomic():
        reply = SettlingReply.objects.create(entry=entry, author=actor, text=text, at=timezone.now())
        audit.record(
            "enrolment.settling_reply.created", actor, child_ids=[child.pk], obj=reply, setting_id=child.setting_id
        )
        transaction.on_commit(lambda: notify_key_person_of_reply.enqueue(reply.pk))
    return reply
