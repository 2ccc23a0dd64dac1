"""World objects for support plans (R22, R23), made directly (no services, so no notifications).

* ``plan_draft_a``: a draft SEN plan for child A (Amelia): staff only.
* ``plan_a``: an agreed support plan for child A, with a target, a review and a comment; the
  visiting professional (``w.professional``, a speech and language therapist) is invited to it
  (``plan_contributor``).
* ``plan_proposed_a``: a plan proposed to A's family, waiting for them to agree.
* ``plan_closed_a``: a closed plan for child A.
* ``plan_b``: a proposed plan for child B (Barnaby), whose step-parent has no parental responsibility.
* ``other_plan``: an agreed plan for the other provider's child.

The professional is made by ``world_visits`` (which runs after this module, by name), so they are
invited from whichever of the two runs second.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tandem.agencies.models import PlanComment, PlanContributor, PlanReview, PlanTarget, SupportPlan

from . import world_visits


def _plan(child: Any, status: str, by: Any, *, kind: str = SupportPlan.Kind.SUPPORT, **extra: Any) -> SupportPlan:
    today = timezone.localdate()
    return SupportPlan.objects.create(
        child=child,
        kind=kind,
        status=status,
        concern=f"{child.first_name} is finding it hard to join in with group play and to ask for help.",
        strengths=f"{child.first_name} loves the sand tray and stories about animals.",
        review_on=today + dt.timedelta(days=21),
        created_by=by,
        created_at=timezone.now() - dt.timedelta(days=60),
        version=1,
        **extra,
    )


def _target(plan: SupportPlan, text: str, order: int = 0) -> PlanTarget:
    return PlanTarget.objects.create(
        plan=plan,
        target=text,
        in_setting="Model two-word phrases at snack time and in small-group play.",
        at_home="Share a picture book at bedtime and name the animals together.",
        who="Key person daily; the family at bedtime.",
        order=order,
    )


def _invite_professional(w: Any) -> None:
    if not hasattr(w, "plan_a") or not hasattr(w, "professional") or hasattr(w, "plan_contributor"):
        return
    w.plan_contributor = PlanContributor.objects.create(
        plan=w.plan_a, user=w.professional, role="Speech and language therapist", invited_by=w.senco
    )


def extend(w: Any) -> None:
    now = timezone.now()
    w.plan_draft_a = _plan(w.child_a, SupportPlan.Status.DRAFT, w.key_person_a, kind=SupportPlan.Kind.SEN)
    w.plan_a = _plan(
        w.child_a, SupportPlan.Status.AGREED, w.key_person_a, agreed_by=w.adult_a, agreed_at=now - dt.timedelta(days=7)
    )
    w.plan_target_a = _target(w.plan_a, "Asks for help using two words together")
    PlanReview.objects.create(
        plan=w.plan_a,
        held_on=timezone.localdate() - dt.timedelta(days=3),
        who_attended="Penny (Mum), Keira (key person), Selma (SENCO)",
        progress="Amelia now asks for help with one word and a sign.",
        family_views="Penny has noticed more words at home.",
        outcome=PlanReview.Outcome.CONTINUE,
        next_review_on=timezone.localdate() + dt.timedelta(days=21),
        recorded_by=w.key_person_a,
    )
    PlanComment.objects.create(plan=w.plan_a, author=w.parent_a, author_role="Parent", body="Thank you: we tried it.")
    w.plan_proposed_a = _plan(w.child_a, SupportPlan.Status.PROPOSED, w.senco)
    _target(w.plan_proposed_a, "Joins a small group for a story")
    w.plan_closed_a = _plan(
        w.child_a,
        SupportPlan.Status.CLOSED,
        w.key_person_a,
        closed_at=now - dt.timedelta(days=30),
        closed_reason="Closed at the review: the concern is met.",
    )
    w.plan_b = _plan(w.child_b, SupportPlan.Status.PROPOSED, w.manager)
    _target(w.plan_b, "Settles at drop-off with a familiar adult")
    w.other_plan = _plan(w.other_child, SupportPlan.Status.AGREED, w.other_manager)
    _invite_professional(w)


def _extend_visits_then_invite(original: Any) -> Any:
    def extend_visits(w: Any) -> None:
        original(w)
        _invite_professional(w)

    extend_visits.__wrapped__ = original  # type: ignore[attr-defined]
    return extend_visits


# The visits world makes ``w.professional`` after this module's ``extend`` has run (modules run in
# the order of their names): invite them to ``plan_a`` as soon as they exist.
if not hasattr(world_visits.extend, "__wrapped__"):
    world_visits.extend = _extend_visits_then_invite(world_visits.extend)
