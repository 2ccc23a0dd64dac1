"""Reading support plans and SEN plans (R22, R23): a child's plans, one plan's page, the plans due for
review, who the family and the staff to tell are, and how a comment's author is described."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from tandem.core.access import can, permitted
from tandem.core.models import Setting, SettingMembership, User
from tandem.core.roles import SettingRole
from tandem.people.models import Child, ChildAdult, Relationship
from tandem.people.selectors import family_user_ids as people_family_user_ids

from ..actions.plans import (
    AGREED,
    OPEN,
    PLAN_AGREE,
    PLAN_COMMENT,
    PLAN_CONTRIBUTORS,
    PLAN_EDIT,
    PLAN_REVIEW,
    PLAN_START,
    PLAN_VIEW,
    PLANS_DUE,
    PROPOSED,
)
from ..models import PlanComment, PlanContributor, PlanReview, PlanTarget, Professional, SupportPlan

DUE_SOON_DAYS = 28  # "due for review": overdue, or due within four weeks
PARENTS = (Relationship.BIRTH_PARENT, Relationship.STEP_PARENT, Relationship.ADOPTIVE_PARENT)


# --- a child's plans -----------------------------------------------------------------------------
def plans_of(user: User, child: Child) -> QuerySet[SupportPlan]:
    """The child's plans this person may read (a family never sees a draft), open ones first."""
    rows = SupportPlan.objects.filter(child=child).annotate(target_count=Count("targets"))
    return permitted(user, PLAN_VIEW, rows).order_by("closed_at", "-created_at", "-pk")


def panel(user: User, child: Child) -> dict[str, Any]:
    """The block on the staff child record: the child's plans and when each is next reviewed."""
    plans = list(plans_of(user, child))
    open_plans = [p for p in plans if p.status in OPEN]
    reviews = [p.review_on for p in open_plans if p.status in (PROPOSED, AGREED)]
    return {
        "plans": plans,
        "open_count": len(open_plans),
        "next_review": min(reviews) if reviews else None,
        "today": timezone.localdate(),
        "may_start": can(user, PLAN_START, child),
        "may_see_due": can(user, PLANS_DUE, child.setting),
    }


# --- one plan ------------------------------------------------------------------------------------
def targets_of(plan: SupportPlan) -> list[PlanTarget]:
    return list(plan.targets.order_by("order", "pk"))


def comments_of(plan: SupportPlan) -> list[PlanComment]:
    return list(plan.comments.select_related("author").order_by("created_at", "pk"))


def reviews_of(plan: SupportPlan) -> list[PlanReview]:
    return list(plan.reviews.select_related("recorded_by").order_by("-held_on", "-pk"))


def contributors_of(plan: SupportPlan, *, current_only: bool = True) -> list[PlanContributor]:
    rows = plan.contributors.select_related("user", "invited_by")
    if current_only:
        rows = rows.filter(ended_at__isnull=True)
    return list(rows.order_by("ended_at", "invited_at", "pk"))


@dataclass(frozen=True)
class Abilities:
    edit: bool
    contributors: bool
    review: bool
    agree: bool
    comment: bool
    is_staff: bool
    is_family: bool


def abilities(user: User, plan: SupportPlan) -> Abilities:
    """What this person may do on the plan's page. ``is_staff``: they read it as the setting's staff
    (the child's record is theirs to open); ``is_family``: as the child's family."""
    return Abilities(
        edit=can(user, PLAN_EDIT, plan),
        contributors=can(user, PLAN_CONTRIBUTORS, plan),
        review=can(user, PLAN_REVIEW, plan),
        agree=can(user, PLAN_AGREE, plan),
        comment=can(user, PLAN_COMMENT, plan),
        is_staff=is_staff_of(user, plan.child),
        is_family=family_link(user, plan.child) is not None,
    )


def is_staff_of(user: User, child: Child) -> bool:
    from ..actions.plans import PLANS_CHILD

    return can(user, PLANS_CHILD, child)


def family_link(user: User, child: Child) -> ChildAdult | None:
    """The person's link to the child as a parent with parental responsibility, not restricted."""
    return (
        ChildAdult.objects.filter(child=child, adult__user=user, parental_responsibility=True, no_information=False)
        .select_related("adult")
        .first()
    )


def professional_choices(plan: SupportPlan) -> QuerySet[Professional]:
    """The setting's visiting professionals who could be invited: active, not already invited."""
    invited = PlanContributor.objects.filter(plan=plan, ended_at__isnull=True).values("user_id")
    return (
        Professional.objects.filter(setting_id=plan.child.setting_id, active=True, user__is_active=True)
        .exclude(user_id__in=invited)
        .select_related("user", "agency")
        .order_by("user__last_name", "user__first_name", "pk")
    )


# --- plans due for review ------------------------------------------------------------------------
def due_plans(user: User, setting: Setting, *, show_all: bool = False, today: dt.date | None = None) -> QuerySet[Any]:
    """The setting's plans proposed or agreed that this person may review (leaders: all; a key person:
    their key children's), soonest first: overdue or due within four weeks, or every one."""
    today = today or timezone.localdate()
    rows = SupportPlan.objects.filter(child__setting=setting, status__in=(PROPOSED, AGREED))
    if not show_all:
        rows = rows.filter(review_on__lte=today + dt.timedelta(days=DUE_SOON_DAYS))
    rows = rows.select_related("child", "child__key_person", "child__room")
    return permitted(user, PLAN_REVIEW, rows).order_by("review_on", "child__last_name", "pk")


def due_words(review_on: dt.date, today: dt.date | None = None) -> tuple[str, str]:
    """(state, words) of a review date: never colour alone."""
    today = today or timezone.localdate()
    days = (review_on - today).days
    if days < 0:
        return "overdue", f"Overdue by {-days} day{'s' if days != -1 else ''}"
    if days == 0:
        return "due", "Due today"
    if days <= DUE_SOON_DAYS:
        return "soon", f"Due in {days} day{'s' if days != 1 else ''}"
    return "later", "Not due yet"


# --- who to tell, and who is writing -------------------------------------------------------------
def family_user_ids(plan: SupportPlan) -> list[int]:
    """The family members who may read the plan and sign in: parental responsibility, no restriction."""
    return people_family_user_ids(child_ids=[plan.child_id], parental_responsibility=True, include_left=True)


def staff_user_ids(plan: SupportPlan) -> list[int]:
    """Those who look after the plan: the child's key person and back-up, and whoever started it,
    while they still work in the child's setting."""
    child = plan.child
    candidates = {child.key_person_id, child.backup_key_person_id, plan.created_by_id} - {None}
    members = SettingMembership.objects.filter(setting_id=child.setting_id, user_id__in=candidates, active=True)
    return sorted(set(members.values_list("user_id", flat=True)))


def role_of(user: User, plan: SupportPlan) -> str:
    """How the author of a comment is described, as they are now (kept with the comment)."""
    child = plan.child
    link = family_link(user, child)
    if link is not None:
        if link.relationship in PARENTS:
            return "Parent"
        return str(link.get_relationship_display())
    if user.pk in (child.key_person_id, child.backup_key_person_id) and _works_in(user, child.setting_id):
        return "Key person" if user.pk == child.key_person_id else "Back-up key person"
    contribution = PlanContributor.objects.filter(plan=plan, user=user, ended_at__isnull=True).first()
    if contribution is not None:
        return contribution.role
    roles = list(
        SettingMembership.objects.filter(user=user, setting_id=child.setting_id, active=True).values_list(
            "role", flat=True
        )
    )
    for role in (SettingRole.SENCO, SettingRole.MANAGER, SettingRole.DEPUTY, SettingRole.DSL, SettingRole.PRACTITIONER):
        if role in roles:
            return str(SettingRole(role).label)
    return "Staff"


def _works_in(user: User, setting_id: int) -> bool:
    return SettingMembership.objects.filter(user=user, setting_id=setting_id, active=True).exists()
