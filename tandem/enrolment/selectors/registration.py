"""Every non-trivial read about registration and sessions, filtered by the access layer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from tandem.core.access import can, permitted
from tandem.core.models import Setting, User
from tandem.people.models import Child
from tandem.people.rules import IsLinkedAdult

from ..actions.registration import (
    REGISTRATION_FILL,
    REGISTRATION_REVIEW,
    SESSIONS_DECIDE,
    SESSIONS_REQUEST,
)
from ..models.registration import Registration, SessionChangeRequest, describe_sessions

LIST_VIEWS = ("submitted", "draft", "reviewed", "sessions")


def is_parent_with_pr(*, actor: User, child: Child) -> bool:
    """Whether the actor fills in a form as the child's own parent (not as staff helping one)."""
    return child.pk in IsLinkedAdult(parental_responsibility=True).child_ids(actor)


def registration_of(*, child: Child) -> Registration | None:
    return Registration.objects.filter(child=child).select_related("submitted_by", "helped_by", "reviewed_by").first()


def _registrations() -> QuerySet[Registration]:
    return Registration.objects.select_related("child", "child__room", "submitted_by", "helped_by", "reviewed_by")


def registrations_in(*, actor: User, setting: Setting, status: str) -> QuerySet[Registration]:
    """A setting's registration forms with one status, for staff who review them."""
    children = permitted(actor, REGISTRATION_REVIEW, Child.objects.filter(setting=setting)).values("pk")
    rows = _registrations().filter(child__in=children, status=status)
    order = ("submitted_at", "pk") if status == Registration.Status.SUBMITTED else ("-updated_at", "-pk")
    return rows.order_by(*order)


def pending_session_changes(*, actor: User, setting: Setting) -> QuerySet[SessionChangeRequest]:
    children = permitted(actor, REGISTRATION_REVIEW, Child.objects.filter(setting=setting)).values("pk")
    return (
        SessionChangeRequest.objects.filter(child__in=children, status=SessionChangeRequest.Status.PENDING)
        .select_related("child", "requested_by")
        .order_by("requested_at", "pk")
    )


def setting_counts(*, actor: User, setting: Setting) -> dict[str, int]:
    counts = {
        status: registrations_in(actor=actor, setting=setting, status=status).count()
        for status in Registration.Status.values
    }
    counts["sessions"] = pending_session_changes(actor=actor, setting=setting).count()
    return counts


def session_changes_of(*, child: Child) -> list[SessionChangeRequest]:
    return list(
        SessionChangeRequest.objects.filter(child=child)
        .select_related("requested_by", "decided_by")
        .order_by("-requested_at", "-pk")
    )


def session_change_of(*, child: Child, change_id: Any) -> SessionChangeRequest:
    if isinstance(change_id, str) and not change_id.isdigit():
        raise Http404
    found = (
        SessionChangeRequest.objects.filter(child=child, pk=change_id).select_related("requested_by", "child").first()
    )
    if found is None:
        raise Http404
    return found


@dataclass
class Sessions:
    """A child's weekly sessions now, and any approved change still to come."""

    codes: list[str]
    source: str  # "change", "registration" or ""
    since: Any = None
    upcoming: list[SessionChangeRequest] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return describe_sessions(self.codes)


def sessions_of(*, child: Child, registration: Registration | None, changes: list[SessionChangeRequest]) -> Sessions:
    today = timezone.localdate()
    approved = sorted(
        (c for c in changes if c.status == SessionChangeRequest.Status.APPROVED),
        key=lambda c: (c.from_date, c.decided_at or c.requested_at, c.pk),
    )
    in_force = [c for c in approved if c.from_date <= today]
    upcoming = [c for c in approved if c.from_date > today]
    if in_force:
        return Sessions(list(in_force[-1].sessions), "change", in_force[-1].from_date, upcoming)
    if registration is not None and registration.status != Registration.Status.DRAFT and registration.sessions:
        return Sessions(list(registration.sessions), "registration", None, upcoming)
    return Sessions([], "", None, upcoming)


def current_sessions(*, child: Child) -> list[str]:
    return sessions_of(
        child=child, registration=registration_of(child=child), changes=session_changes_of(child=child)
    ).codes


def sessions_page(*, actor: User, child: Child) -> dict[str, Any]:
    registration = registration_of(child=child)
    changes = session_changes_of(child=child)
    pending = next((c for c in changes if c.status == SessionChangeRequest.Status.PENDING), None)
    return {
        "registration": registration,
        "changes": changes,
        "pending": pending,
        "sessions": sessions_of(child=child, registration=registration, changes=changes),
        "may_request": can(actor, SESSIONS_REQUEST, child),
        "may_decide": can(actor, SESSIONS_DECIDE, child),
    }


def registration_panel(user: User, child: Child) -> dict[str, Any]:
    return {"registration": registration_of(child=child), "may_fill": can(user, REGISTRATION_FILL, child)}


def sessions_panel(user: User, child: Child) -> dict[str, Any]:
    return sessions_page(actor=user, child=child)
