"""Reads of multi-agency work (R52), filtered by the access layer in the database: a person sees the
referrals, meetings and actions their rules allow, so a safeguarding record is never listed,
counted or linked for anyone else."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from tandem.core.access import ACTIONS, can, permitted
from tandem.core.models import Setting, User
from tandem.people.models import Child
from tandem.people.selectors import family_user_ids as people_family_user_ids

from ..actions.multiagency import ACTION_DONE, MEETING_MANAGE, REFERRAL_MANAGE
from ..actions.protection import PROTECTION_VIEW
from ..models import Agency, AgencyAction, AgencyMeeting, Referral, Share

OPEN = (Referral.Status.MADE, Referral.Status.ACCEPTED)
SOCIAL_CARE = Agency.Category.SOCIAL_CARE
# Meetings seen only under the protection rules, and never shared with the family.
SAFEGUARDING_KINDS = (
    AgencyMeeting.Kind.CHILD_IN_NEED,
    AgencyMeeting.Kind.CP_CONFERENCE,
    AgencyMeeting.Kind.CORE_GROUP,
)


def may_safeguard(user: User, child: Child) -> bool:
    """Whether the person may see and record the child's safeguarding work (protection rules)."""
    return can(user, PROTECTION_VIEW, child)


# --- staff --------------------------------------------------------------------------------------------
def referrals_of(user: User, child: Child) -> QuerySet[Referral]:
    rows = Referral.objects.filter(child=child).select_related("agency", "share", "made_by")
    return permitted(user, REFERRAL_MANAGE, rows).order_by("-made_on", "-pk")


def _actions() -> QuerySet[AgencyAction]:
    return AgencyAction.objects.order_by(F("done_at").asc(nulls_first=True), F("due_on").asc(nulls_last=True), "pk")


def meetings_of(user: User, child: Child) -> QuerySet[AgencyMeeting]:
    rows = AgencyMeeting.objects.filter(child=child)
    return (
        permitted(user, MEETING_MANAGE, rows)
        .annotate(open_actions=Count("actions", filter=Q(actions__done_at__isnull=True)))
        .order_by("-held_at", "-pk")
    )


def actions_of(meeting: AgencyMeeting) -> list[AgencyAction]:
    today = timezone.localdate()
    rows = list(_actions().filter(meeting=meeting))
    for row in rows:
        row.overdue = row.done_at is None and row.due_on is not None and row.due_on < today  # type: ignore[attr-defined]
    return rows


def agency_choices(user: User, child: Child) -> QuerySet[Agency]:
    """The setting's active services; children's social care only for those who may see safeguarding."""
    agencies = Agency.objects.filter(setting_id=child.setting_id, active=True).order_by("name", "pk")
    return agencies if may_safeguard(user, child) else agencies.exclude(category=SOCIAL_CARE)


def share_choices(user: User, child: Child) -> QuerySet[Share]:
    """The child's shares that were made (not drafts or cancelled) and that the person may open."""
    shares = Share.objects.filter(child=child, status=Share.Status.SHARED).order_by("-shared_at", "-pk")
    share_view = ACTIONS.get("agencies.sharing.view")
    if share_view is not None:
        return permitted(user, share_view, shares)
    # Without the sharing feature's rule: shares without consent are for the DSL and manager's eyes.
    return shares if may_safeguard(user, child) else shares.exclude(basis=Share.Basis.WITHOUT_CONSENT)


def panel(user: User, child: Child) -> dict[str, Any]:
    """Counts for the staff child record: open referrals, meetings, open actions. Three queries."""
    today = timezone.localdate()
    referrals = referrals_of(user, child)
    actions = permitted(user, ACTION_DONE, AgencyAction.objects.filter(meeting__child=child, done_at__isnull=True))
    return {
        "open_referrals": list(referrals.filter(status__in=OPEN)[:5]),
        "next_meeting": permitted(user, MEETING_MANAGE, AgencyMeeting.objects.filter(child=child))
        .filter(held_at__gte=timezone.now())
        .order_by("held_at")
        .first(),
        "actions": actions.aggregate(open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today))),
    }


# --- the setting --------------------------------------------------------------------------------------
def setting_referrals(user: User, setting: Setting, *, agency: Agency | None = None) -> QuerySet[Referral]:
    rows = Referral.objects.filter(child__setting=setting, status__in=OPEN)
    if agency is not None:
        rows = rows.filter(agency=agency)
    return (
        permitted(user, REFERRAL_MANAGE, rows)
        .select_related("child", "agency")
        .order_by("made_on", "pk")  # the longest waiting first
    )


def setting_actions(user: User, setting: Setting, *, overdue: bool = False) -> QuerySet[AgencyAction]:
    rows = AgencyAction.objects.filter(meeting__child__setting=setting, done_at__isnull=True)
    if overdue:
        rows = rows.filter(due_on__lt=timezone.localdate())
    return (
        permitted(user, ACTION_DONE, rows)
        .select_related("meeting", "meeting__child")
        .order_by(F("due_on").asc(nulls_last=True), "pk")
    )


def directory_of(user: User, setting: Setting) -> QuerySet[Agency]:
    """The services to filter by: children's social care only for those who see safeguarding work."""
    from ..actions.protection import PROTECTION_OVERVIEW

    agencies = Agency.objects.filter(setting=setting).order_by("name", "pk")
    return agencies if can(user, PROTECTION_OVERVIEW, setting) else agencies.exclude(category=SOCIAL_CARE)


# --- the family ---------------------------------------------------------------------------------------
def family_referrals(child: Child) -> QuerySet[Referral]:
    return (
        Referral.objects.filter(child=child, shared_with_family=True, safeguarding=False)
        .select_related("agency")
        .order_by("-made_on", "-pk")
    )


def family_meetings(child: Child) -> QuerySet[AgencyMeeting]:
    actions = _actions().filter(visible_to_family=True)
    return (
        AgencyMeeting.objects.filter(child=child, shared_with_family=True, safeguarding=False)
        .prefetch_related(Prefetch("actions", queryset=actions))
        .order_by("-held_at", "-pk")
    )


def family_user_ids(child: Child) -> list[int]:
    """The family members told when something is shared with them: adults with parental
    responsibility whom no restriction keeps from information, who sign in. One query."""
    return people_family_user_ids(child_ids=[child.pk], parental_responsibility=True, include_left=True)
