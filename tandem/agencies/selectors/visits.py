"""Reads of visiting professionals and their visits (R50): filtered by the access layer in the
database, a fixed number of queries a page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format

from tandem.core.access import permitted
from tandem.core.models import Setting, SettingMembership, User
from tandem.core.roles import LEADERSHIP, SettingRole
from tandem.people.models import Child

from ..actions.visits import MY_VISITS, VISIT_VIEW
from ..models import Professional, ProfessionalInvitation, Share, Visit

STATES = {
    "booked": "Booked",
    "waiting": "Due now: arrival not yet recorded",
    "on": "Going on now",
    "left": "Finished",
    "ended": "Time over (departure not recorded)",
    "missed": "Did not take place",
    "cancelled": "Cancelled",
}
UPCOMING, PAST = "upcoming", "past"
RELATED = ("child", "child__setting", "professional__user", "professional__agency", "supervisor")


def invitation_state(invitation: ProfessionalInvitation, now: dt.datetime | None = None) -> str:
    """ "open", "used", "revoked" or "expired"."""
    if invitation.accepted_at:
        return "used"
    if invitation.revoked_at:
        return "revoked"
    if invitation.expires_at <= (now or timezone.now()):
        return "expired"
    return "open"


def window_text(starts_at: dt.datetime, ends_at: dt.datetime) -> str:
    """ "Tuesday 3 March 2026, 09:30 to 11:30" (UK time); the end's day too when it is another day."""
    start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    text = f"{date_format(start, 'l j F Y')}, {start:%H:%M} to "
    if end.date() != start.date():
        text += f"{date_format(end, 'l j F Y')}, "
    return text + f"{end:%H:%M}"


def visit_state(visit: Visit, now: dt.datetime | None = None) -> str:
    """Where a visit stands: a key of :data:`STATES`."""
    now = now or timezone.now()
    if visit.cancelled_at:
        return "cancelled"
    if visit.departed_at:
        return "left"
    if now < visit.starts_at:
        return "booked"
    if now < visit.ends_at:
        return "on" if visit.arrived_at else "waiting"
    return "ended" if visit.arrived_at else "missed"


def with_states(visits: Iterable[Visit]) -> list[Visit]:
    """The visits as a list, each with ``state`` and ``state_label`` set."""
    now = timezone.now()
    found = list(visits)
    for visit in found:
        visit.state = visit_state(visit, now)  # type: ignore[attr-defined]
        visit.state_label = STATES[visit.state]  # type: ignore[attr-defined]
    return found


# --- professionals ------------------------------------------------------------------------------------


def professionals_of(setting: Setting) -> QuerySet[Professional]:
    """The setting's visiting professionals, active first, with their newest invitation's expiry."""
    open_invitations = ProfessionalInvitation.objects.filter(
        professional=OuterRef("pk"), accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    )
    return (
        Professional.objects.filter(setting=setting)
        .select_related("user", "agency")
        .annotate(invitation_open=Exists(open_invitations), invited_last=Max("invitations__created_at"))
        .order_by("-active", "user__last_name", "user__first_name", "pk")
    )


def bookable_professionals(setting: Setting | int) -> QuerySet[Professional]:
    return (
        Professional.objects.filter(setting=setting, active=True, user__is_active=True)
        .select_related("user", "agency")
        .order_by("user__last_name", "user__first_name", "pk")
    )


def possible_supervisors(child: Child) -> QuerySet[User]:
    """Who may supervise a visit to the child: the setting's leaders, and its practitioners who are the
    child's key person (or back-up) or work in the child's room. Active members only."""
    caring = Q(role__in=LEADERSHIP)
    keys = [pk for pk in (child.key_person_id, child.backup_key_person_id) if pk]
    practitioner = Q(user_id__in=keys)
    if child.room_id:
        practitioner |= Q(room_id=child.room_id)
    caring |= Q(role=SettingRole.PRACTITIONER) & practitioner
    members = SettingMembership.objects.filter(setting_id=child.setting_id, active=True).filter(caring)
    return User.objects.filter(pk__in=members.values("user_id"), is_active=True).order_by("first_name", "last_name")


def available_shares(child: Child) -> QuerySet[Share]:
    """Share packs recorded for a visiting professional about this child, not revoked."""
    return (
        Share.objects.filter(
            child=child,
            status=Share.Status.SHARED,
            revoked_at__isnull=True,
            professional__isnull=False,
            professional__professional__setting_id=child.setting_id,
        )
        .select_related("professional")
        .order_by("-shared_at", "-pk")
    )


# --- visits --------------------------------------------------------------------------------------------


def setting_visits(user: Any, setting: Setting, when: str = UPCOMING) -> QuerySet[Visit]:
    """The setting's visits the person may open: upcoming (not yet over, soonest first) or past."""
    now = timezone.now()
    visits = permitted(user, VISIT_VIEW, Visit.objects.filter(child__setting=setting)).select_related(*RELATED)
    if when == PAST:
        return visits.filter(ends_at__lte=now).order_by("-starts_at", "-pk")
    return visits.filter(ends_at__gt=now).order_by("starts_at", "pk")


def child_visits(user: Any, child: Child, limit: int = 10) -> list[Visit]:
    """A child's visits (newest first) for the panel on their record."""
    visits = permitted(user, VISIT_VIEW, Visit.objects.filter(child=child)).select_related(*RELATED)
    return with_states(visits.order_by("-starts_at", "-pk")[:limit])


def my_visits(user: Any) -> QuerySet[Visit]:
    """A professional's own visits (while their account is active)."""
    return permitted(user, MY_VISITS, Visit.objects.all()).select_related("child__setting", "supervisor")


def my_upcoming(user: Any, limit: int = 50) -> list[Visit]:
    now = timezone.now()
    visits = my_visits(user).filter(ends_at__gt=now, cancelled_at__isnull=True, departed_at__isnull=True)
    return with_states(visits.order_by("starts_at", "pk")[:limit])


def my_past(user: Any) -> QuerySet[Visit]:
    now = timezone.now()
    return my_visits(user).filter(Q(ends_at__lte=now) | Q(cancelled_at__isnull=False) | Q(departed_at__isnull=False))


def visit_share(visit: Visit) -> Share | None:
    """The share pack the professional may read during the visit, if it is still shared with them."""
    share = visit.share
    if share is None:
        return None
    if (
        share.status != Share.Status.SHARED
        or share.revoked_at is not None
        or share.child_id != visit.child_id
        or share.professional_id != visit.professional.user_id
    ):
        return None
    return share
