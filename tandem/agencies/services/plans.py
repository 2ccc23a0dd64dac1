"""Every write to support plans and SEN plans (R22, R23): keyword-only, one transaction, audited.

A plan is written by the key person or a leader (a draft the family does not see), proposed to
the family, agreed by a parent with parental responsibility and reviewed until a review closes it.
Every change to a plan claims its next ``version`` in one statement (``UPDATE … WHERE version =
seen``), so of two people saving at once one is refused and shown the other's changes, never
silently overwritten. A parent agrees the version they read: a plan changed since is not agreed.
Changing an agreed plan's content (details or targets) puts it back to the family to agree again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import require
from tandem.core.models import User
from tandem.people.models import Child

from ..actions.plans import (
    AGREED,
    CLOSED,
    DRAFT,
    PLAN_AGREE,
    PLAN_COMMENT,
    PLAN_CONTRIBUTORS,
    PLAN_EDIT,
    PLAN_REVIEW,
    PLAN_START,
    PROPOSED,
)
from ..models import PlanComment, PlanContributor, PlanReview, PlanTarget, Professional, SupportPlan
from ..selectors import plans as selectors

CONFLICT = "conflict"
MAX_TEXT = 4000
MAX_SHORT = 300
MAX_TARGETS = 12
MAX_REVIEW_YEARS = 2
STAFF_CONFLICT = (
    "Someone else changed this plan while you were working on it, so nothing has been saved yet. "
    "The plan as it is now is shown: check their changes, then save again."
)
FAMILY_CONFLICT = (
    "The plan has changed since you opened it, so it has not been agreed. Please read it again as it is "
    "now, then agree it if you are happy."
)
CLOSED_MESSAGE = "This plan is closed, so it cannot be changed."


class PlanConflict(ValidationError):
    """The plan moved on after the form was opened: nothing was written. ``current`` is the plan as
    it now stands, so the page can show the other person's changes."""

    def __init__(self, current: SupportPlan, message: str = STAFF_CONFLICT) -> None:
        super().__init__(message, code=CONFLICT)
        self.current = current


# --- helpers ---------------------------------------------------------------------------------------
def _text(value: str | None) -> str:
    return (value or "").strip()


def _check_length(errors: dict[str, str], field: str, value: str, limit: int) -> None:
    if len(value) > limit and field not in errors:
        errors[field] = f"Keep this to {limit:,} characters or fewer."


def _audit(event: str, actor: User, plan: SupportPlan, obj: Any = None) -> None:
    audit.record(
        event, actor, child_ids=[plan.child_id], obj=obj if obj is not None else plan, setting_id=plan.child.setting_id
    )


def _url(plan: SupportPlan) -> str:
    return reverse("agencies:plan", args=[plan.pk])


def _first_name(child: Child) -> str:
    return str(child.preferred_name or child.first_name)


def _phrase(role: str) -> str:
    """A role inside a sentence: "the key person", "the SENCO"."""
    first = role.split(" ", 1)[0]
    return role if first.isupper() else role[:1].lower() + role[1:]


def _claim(plan: SupportPlan, version: int | None, message: str = STAFF_CONFLICT) -> SupportPlan:
    """Claim the plan's next version, if nobody has since ``version`` was read; return it fresh."""
    now = timezone.now()
    if version is None:
        raise PlanConflict(SupportPlan.objects.get(pk=plan.pk), message)
    claimed = (
        SupportPlan.objects.filter(pk=plan.pk, version=version)
        .exclude(status=CLOSED)
        .update(version=F("version") + 1, updated_at=now)
    )
    current = SupportPlan.objects.select_related("child", "child__setting").get(pk=plan.pk)
    if not claimed:
        if current.status == CLOSED:
            raise ValidationError(CLOSED_MESSAGE)
        raise PlanConflict(current, message)
    return current


def _tell_family(plan: SupportPlan, *, kind: str, title: str, body: str, actor: User) -> None:
    from tandem.comms.services.notifications import notify

    if plan.status not in (PROPOSED, AGREED, CLOSED):
        return
    ids = [uid for uid in selectors.family_user_ids(plan) if uid != actor.pk]
    notify(kind=kind, user_ids=ids, title=title, body=body, url=_url(plan), setting_id=plan.child.setting_id)


def _tell_staff(plan: SupportPlan, *, title: str, body: str, actor: User) -> None:
    from tandem.comms.services.notifications import notify

    ids = [uid for uid in selectors.staff_user_ids(plan) if uid != actor.pk]
    notify(
        kind="agencies.plans.response",
        user_ids=ids,
        title=title,
        body=body,
        url=_url(plan),
        setting_id=plan.child.setting_id,
    )


def _back_to_family(plan: SupportPlan, actor: User) -> None:
    """A change to an agreed plan's content: the family agree it again (they are told once)."""
    if plan.status != AGREED:
        return
    plan.status, plan.agreed_by, plan.agreed_at = PROPOSED, None, None
    plan.save(update_fields=["status", "agreed_by", "agreed_at"])
    _audit("agencies.plans.reopened", actor, plan)
    _tell_family(
        plan,
        kind="agencies.plans.proposed",
        title="A support plan has changed: please read it again",
        body=f"{_first_name(plan.child)}'s support plan has been changed. Please read it in Tandem, comment if "
        "you would like to, and agree it again if you are happy.",
        actor=actor,
    )


def _review_date(value: dt.date | None, field: str, errors: dict[str, str], *, today: dt.date) -> None:
    if value is None:
        errors.setdefault(field, "Enter the date of the next review.")
    elif value < today:
        errors.setdefault(field, "The review date cannot be in the past.")
    elif value > today + dt.timedelta(days=365 * MAX_REVIEW_YEARS):
        errors.setdefault(field, f"Choose a review date within {MAX_REVIEW_YEARS} years.")


def _plan_fields(kind: str, concern: str, strengths: str) -> tuple[str, str, str, dict[str, str]]:
    concern, strengths = _text(concern), _text(strengths)
    errors: dict[str, str] = {}
    if kind not in SupportPlan.Kind.values:
        errors["kind"] = "Choose the kind of plan."
    if not concern:
        errors["concern"] = "Write what the concern about progress is."
    _check_length(errors, "concern", concern, MAX_TEXT)
    _check_length(errors, "strengths", strengths, MAX_TEXT)
    return kind, concern, strengths, errors


# --- the plan itself -----------------------------------------------------------------------------
def start_plan(
    *, actor: User, child: Child, kind: str, concern: str, strengths: str = "", review_on: dt.date | None
) -> SupportPlan:
    """Start a plan for the child: a draft only staff see, until it is proposed to the family."""
    require(actor, PLAN_START, child)
    kind, concern, strengths, errors = _plan_fields(kind, concern, strengths)
    _review_date(review_on, "review_on", errors, today=timezone.localdate())
    if errors:
        raise ValidationError(errors)
    assert review_on is not None
    now = timezone.now()
    with transaction.atomic():
        plan = SupportPlan.objects.create(
            child=child,
            kind=kind,
            status=DRAFT,
            concern=concern,
            strengths=strengths,
            review_on=review_on,
            created_by=actor,
            created_at=now,
            updated_at=now,
            version=1,
        )
        _audit("agencies.plans.started", actor, plan)
    return plan


def update_plan(
    *,
    actor: User,
    plan: SupportPlan,
    version: int | None,
    kind: str,
    concern: str,
    strengths: str = "",
    review_on: dt.date | None,
) -> SupportPlan:
    """Change the plan's details, as seen at ``version``. A review date moved must not be in the past
    (one left as it was may be: the review is overdue)."""
    require(actor, PLAN_EDIT, plan)
    kind, concern, strengths, errors = _plan_fields(kind, concern, strengths)
    if review_on is None or review_on != plan.review_on:
        _review_date(review_on, "review_on", errors, today=timezone.localdate())
    if errors:
        raise ValidationError(errors)
    values = {"kind": kind, "concern": concern, "strengths": strengths, "review_on": review_on}
    with transaction.atomic():
        current = SupportPlan.objects.select_related("child", "child__setting").get(pk=plan.pk)
        if current.version != version:
            raise ValidationError(CLOSED_MESSAGE) if current.status == CLOSED else PlanConflict(current)
        changed = [name for name, value in values.items() if getattr(current, name) != value]
        if not changed:
            return current
        locked = _claim(current, version)
        for name in changed:
            setattr(locked, name, values[name])
        locked.save(update_fields=changed)
        _audit("agencies.plans.updated", actor, locked)
        if changed != ["review_on"]:
            _back_to_family(locked, actor)
    return locked


def propose(*, actor: User, plan: SupportPlan, version: int | None) -> SupportPlan:
    """Propose the draft to the family: they are told, read it, comment and agree it."""
    require(actor, PLAN_EDIT, plan)
    with transaction.atomic():
        locked = _claim(plan, version)
        if locked.status != DRAFT:
            raise ValidationError("This plan has already been proposed to the family.")
        if not locked.targets.exists():
            raise ValidationError("Add at least one target before proposing the plan to the family.")
        locked.status = PROPOSED
        locked.save(update_fields=["status"])
        _audit("agencies.plans.proposed", actor, locked)
        _tell_family(
            locked,
            kind="agencies.plans.proposed",
            title="A support plan to read and agree",
            body=f"{_first_name(locked.child)}'s key person has written a support plan with you. Please read it "
            "in Tandem, comment if you would like to, and agree it if you are happy.",
            actor=actor,
        )
    return locked


def agree(*, actor: User, plan: SupportPlan, version: int | None) -> SupportPlan:
    """A parent with parental responsibility agrees the plan as they read it (at ``version``)."""
    require(actor, PLAN_AGREE, plan)
    link = selectors.family_link(actor, plan.child)
    if link is None:  # the rule above says there is one; never record an agreement without it
        raise ValidationError("Only a parent with parental responsibility can agree the plan.")
    with transaction.atomic():
        locked = _claim(plan, version, FAMILY_CONFLICT)
        if locked.status != PROPOSED:
            raise ValidationError("This plan is not waiting to be agreed.")
        locked.status, locked.agreed_by, locked.agreed_at = AGREED, link.adult, timezone.now()
        locked.save(update_fields=["status", "agreed_by", "agreed_at"])
        _audit("agencies.plans.agreed", actor, locked)
        _tell_staff(
            locked,
            title="A family agreed a support plan",
            body=f"{link.adult.first_name} agreed {_first_name(locked.child)}'s support plan.",
            actor=actor,
        )
    return locked


# --- targets ---------------------------------------------------------------------------------------
def _target_fields(target: str, in_setting: str, at_home: str, who: str) -> dict[str, str]:
    values = {"target": _text(target), "in_setting": _text(in_setting), "at_home": _text(at_home), "who": _text(who)}
    errors: dict[str, str] = {}
    if not values["target"]:
        errors["target"] = "Write what we want the child to be able to do."
    if not values["in_setting"]:
        errors["in_setting"] = "Write what the setting will do."
    if not values["at_home"]:
        errors["at_home"] = "Write what the family will try at home."
    if not values["who"]:
        errors["who"] = "Write who does what."
    _check_length(errors, "target", values["target"], MAX_SHORT)
    _check_length(errors, "who", values["who"], MAX_SHORT)
    _check_length(errors, "in_setting", values["in_setting"], MAX_TEXT)
    _check_length(errors, "at_home", values["at_home"], MAX_TEXT)
    if errors:
        raise ValidationError(errors)
    return values


def _renumber(plan: SupportPlan, ordered: list[PlanTarget]) -> None:
    moved = []
    for i, row in enumerate(ordered):
        if row.order != i:
            row.order = i
            moved.append(row)
    if moved:
        PlanTarget.objects.bulk_update(moved, ["order"])


def add_target(
    *, actor: User, plan: SupportPlan, version: int | None, target: str, in_setting: str, at_home: str, who: str
) -> PlanTarget:
    require(actor, PLAN_EDIT, plan)
    values = _target_fields(target, in_setting, at_home, who)
    with transaction.atomic():
        locked = _claim(plan, version)
        if locked.targets.count() >= MAX_TARGETS:
            raise ValidationError(f"A plan has at most {MAX_TARGETS} targets: a few clear targets work best.")
        last = locked.targets.aggregate(last=Max("order"))["last"]
        row = PlanTarget.objects.create(plan=locked, order=0 if last is None else last + 1, **values)
        _audit("agencies.plans.target_added", actor, locked, row)
        _back_to_family(locked, actor)
    return row


def update_target(
    *,
    actor: User,
    target: PlanTarget,
    version: int | None,
    text: str,
    in_setting: str,
    at_home: str,
    who: str,
) -> PlanTarget:
    plan = target.plan
    require(actor, PLAN_EDIT, plan)
    values = _target_fields(text, in_setting, at_home, who)
    with transaction.atomic():
        current = SupportPlan.objects.select_related("child", "child__setting").get(pk=plan.pk)
        row = PlanTarget.objects.filter(pk=target.pk, plan=current).first()
        if row is None:
            raise PlanConflict(current)
        changed = [name for name, value in values.items() if getattr(row, name) != value]
        if current.version != version:
            raise ValidationError(CLOSED_MESSAGE) if current.status == CLOSED else PlanConflict(current)
        if not changed:
            return row
        locked = _claim(current, version)
        for name in changed:
            setattr(row, name, values[name])
        row.save(update_fields=changed)
        _audit("agencies.plans.target_changed", actor, locked, row)
        _back_to_family(locked, actor)
    return row


def remove_target(*, actor: User, target: PlanTarget, version: int | None) -> SupportPlan:
    plan = target.plan
    require(actor, PLAN_EDIT, plan)
    with transaction.atomic():
        locked = _claim(plan, version)
        rows = list(locked.targets.order_by("order", "pk"))
        if target.pk not in {r.pk for r in rows}:
            raise PlanConflict(locked)
        if locked.status != DRAFT and len(rows) == 1:
            raise ValidationError("The family have this plan: it needs at least one target. Add another first.")
        _audit("agencies.plans.target_removed", actor, locked)
        PlanTarget.objects.filter(pk=target.pk).delete()
        _renumber(locked, [r for r in rows if r.pk != target.pk])
        _back_to_family(locked, actor)
    return locked


def move_target(*, actor: User, target: PlanTarget, version: int | None, direction: str) -> SupportPlan:
    """Move a target one place up or down the plan."""
    plan = target.plan
    require(actor, PLAN_EDIT, plan)
    if direction not in ("up", "down"):
        raise ValidationError("Choose to move the target up or down.")
    with transaction.atomic():
        locked = _claim(plan, version)
        rows = list(locked.targets.order_by("order", "pk"))
        at = next((i for i, r in enumerate(rows) if r.pk == target.pk), None)
        if at is None:
            raise PlanConflict(locked)
        to = at - 1 if direction == "up" else at + 1
        if not 0 <= to < len(rows):
            raise ValidationError("The target is already " + ("first." if direction == "up" else "last."))
        rows[at], rows[to] = rows[to], rows[at]
        _renumber(locked, rows)
        _audit("agencies.plans.target_moved", actor, locked, target)
        _back_to_family(locked, actor)
    return locked


# --- comments ------------------------------------------------------------------------------------
def comment(*, actor: User, plan: SupportPlan, body: str) -> PlanComment:
    """A comment by the family, staff or an invited professional, with the author's role as it is now.
    The family hear of others' comments; the key person hears of the family's and professionals'."""
    require(actor, PLAN_COMMENT, plan)
    body = _text(body)
    if not body:
        raise ValidationError({"body": "Write your comment."})
    if len(body) > MAX_TEXT:
        raise ValidationError({"body": f"Keep your comment to {MAX_TEXT:,} characters or fewer."})
    with transaction.atomic():
        locked = (
            SupportPlan.objects.select_for_update(of=("self",))
            .select_related("child", "child__setting")
            .get(pk=plan.pk)
        )
        require(actor, PLAN_COMMENT, locked)  # again, under the lock: not closed meanwhile
        role = selectors.role_of(actor, locked)
        is_family = selectors.family_link(actor, locked.child) is not None
        is_staff = not is_family and selectors.is_staff_of(actor, locked.child)
        row = PlanComment.objects.create(plan=locked, author=actor, author_role=role[:100], body=body)
        _audit("agencies.plans.commented", actor, locked, row)
        name = _first_name(locked.child)
        if not is_family:
            _tell_family(
                locked,
                kind="agencies.plans.comment",
                title="A new comment on a support plan",
                body=f"The {_phrase(role)} wrote a comment on {name}'s support plan. "
                "Read it in Tandem, and reply if you would like to.",
                actor=actor,
            )
        if not is_staff:
            _tell_staff(
                locked,
                title="A new comment on a support plan",
                body=f"{'The family' if is_family else 'An invited professional'} commented on {name}'s support plan.",
                actor=actor,
            )
    return row


# --- contributors ------------------------------------------------------------------------------------
def invite(*, actor: User, plan: SupportPlan, professional: Professional | None, role: str = "") -> PlanContributor:
    """Invite one of the setting's visiting professionals to read and comment on this plan alone."""
    require(actor, PLAN_CONTRIBUTORS, plan)
    if professional is None:
        raise ValidationError({"professional": "Choose the professional to invite."})
    role = _text(role) or professional.job_title
    if len(role) > 200:
        raise ValidationError({"role": "Keep this to 200 characters or fewer."})
    with transaction.atomic():
        locked = (
            SupportPlan.objects.select_for_update(of=("self",))
            .select_related("child", "child__setting")
            .get(pk=plan.pk)
        )
        require(actor, PLAN_CONTRIBUTORS, locked)
        fresh = Professional.objects.filter(pk=professional.pk).select_related("user").first()
        if fresh is None or fresh.setting_id != locked.child.setting_id or not fresh.active or not fresh.user.is_active:
            raise ValidationError({"professional": "Choose a visiting professional of this setting."})
        now = timezone.now()
        row = PlanContributor.objects.filter(plan=locked, user=fresh.user).first()
        if row is not None and row.ended_at is None:
            raise ValidationError({"professional": "They are already invited to this plan."})
        if row is not None:
            row.ended_at, row.invited_at, row.invited_by, row.role = None, now, actor, role
            row.save(update_fields=["ended_at", "invited_at", "invited_by", "role"])
        else:
            try:
                with transaction.atomic():
                    row = PlanContributor.objects.create(
                        plan=locked, user=fresh.user, role=role, invited_by=actor, invited_at=now
                    )
            except IntegrityError:
                raise ValidationError({"professional": "They are already invited to this plan."}) from None
        _audit("agencies.plans.contributor_invited", actor, locked, row)
        from tandem.comms.services.notifications import notify

        notify(
            kind="agencies.plans.invited",
            user_ids=[fresh.user_id],
            title="You are invited to contribute to a support plan",
            body=f"{locked.child.setting.name} invited you to read one child's support plan and add your "
            "comments. You can read it until the invitation ends or the plan is closed.",
            url=_url(locked),
            setting_id=locked.child.setting_id,
        )
    return row


def end_invitation(*, actor: User, contributor: PlanContributor) -> PlanContributor:
    """End a professional's invitation: from now on they cannot open the plan."""
    plan = contributor.plan
    require(actor, PLAN_CONTRIBUTORS, plan)
    with transaction.atomic():
        row = PlanContributor.objects.select_for_update().filter(pk=contributor.pk, plan=plan).first()
        if row is None or row.ended_at is not None:
            raise ValidationError("This invitation has already ended.")
        row.ended_at = timezone.now()
        row.save(update_fields=["ended_at"])
        _audit("agencies.plans.contributor_ended", actor, plan, row)
    return row


# --- reviews ---------------------------------------------------------------------------------------
def record_review(
    *,
    actor: User,
    plan: SupportPlan,
    version: int | None,
    held_on: dt.date | None,
    who_attended: str,
    progress: str,
    family_views: str = "",
    outcome: str,
    next_review_on: dt.date | None = None,
    target_progress: dict[int, str] | None = None,
) -> PlanReview:
    """Record a review: who came, how the child got on (and each target's progress), what the family
    said, and what happens next. Closing ends the plan; otherwise the next review date is set."""
    require(actor, PLAN_REVIEW, plan)
    who_attended, progress, family_views = _text(who_attended), _text(progress), _text(family_views)
    today = timezone.localdate()
    errors: dict[str, str] = {}
    if held_on is None:
        errors["held_on"] = "Enter the date of the review."
    elif held_on > today:
        errors["held_on"] = "The review date cannot be in the future: record a review once it has been held."
    elif held_on < timezone.localdate(plan.created_at):
        errors["held_on"] = "The review cannot be before the plan was started."
    if not who_attended:
        errors["who_attended"] = "Write who came to the review."
    if not progress:
        errors["progress"] = "Write how the child has got on."
    _check_length(errors, "who_attended", who_attended, MAX_SHORT)
    _check_length(errors, "progress", progress, MAX_TEXT)
    _check_length(errors, "family_views", family_views, MAX_TEXT)
    if outcome not in PlanReview.Outcome.values:
        errors["outcome"] = "Choose what happens next."
    closing = outcome == PlanReview.Outcome.CLOSE
    if not closing and "outcome" not in errors:
        _review_date(next_review_on, "next_review_on", errors, today=today)
    target_progress = dict(target_progress or {})
    if any(value not in PlanTarget.Progress.values for value in target_progress.values()):
        errors["__all__"] = "Choose how each target is going."
    if errors:
        raise ValidationError(errors)
    assert held_on is not None
    with transaction.atomic():
        locked = _claim(plan, version)
        if locked.status not in (PROPOSED, AGREED):
            raise ValidationError("Only a plan proposed to or agreed with the family can be reviewed.")
        targets = {t.pk: t for t in locked.targets.all()}
        if set(target_progress) - set(targets):
            raise PlanConflict(locked)
        moved = []
        for pk, value in target_progress.items():
            if targets[pk].progress != value:
                targets[pk].progress = value
                moved.append(targets[pk])
        if moved:
            PlanTarget.objects.bulk_update(moved, ["progress"])
        review = PlanReview.objects.create(
            plan=locked,
            held_on=held_on,
            who_attended=who_attended,
            progress=progress,
            family_views=family_views,
            outcome=outcome,
            next_review_on=None if closing else next_review_on,
            recorded_by=actor,
        )
        if closing:
            locked.status, locked.closed_at = CLOSED, timezone.now()
            locked.closed_reason = f"Closed at the review on {held_on:%-d %B %Y}: the concern is met."
            locked.save(update_fields=["status", "closed_at", "closed_reason"])
        else:
            assert next_review_on is not None
            locked.review_on = next_review_on
            locked.save(update_fields=["review_on"])
        _audit("agencies.plans.reviewed", actor, locked, review)
        if closing:
            _audit("agencies.plans.closed", actor, locked)
        name = _first_name(locked.child)
        _tell_family(
            locked,
            kind="agencies.plans.reviewed",
            title="A support plan review has been recorded",
            body=f"The review of {name}'s support plan on {held_on:%-d %B %Y} has been written up"
            + (": the plan is now closed." if closing else f". The next review is on {next_review_on:%-d %B %Y}.")
            + " Read it in Tandem.",
            actor=actor,
        )
    return review
