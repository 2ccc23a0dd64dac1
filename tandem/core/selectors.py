from __future__ import annotations

from django.db.models import QuerySet

from .models import AuditEvent, AuditSubject, Organisation, User


def audit_trail(*, child_id: int) -> QuerySet[AuditEvent]:
    """Every event about one child, newest first (the "who has seen this record" page)."""
    about = AuditSubject.objects.filter(kind=AuditSubject.Kind.CHILD, subject_id=child_id).values("event_id")
    return AuditEvent.objects.filter(pk__in=about).order_by("-at", "-id")


def actors_by_id(events: list[AuditEvent]) -> dict[int, User]:
    ids = {e.actor_id for e in events if e.actor_id}
    return {u.pk: u for u in User.objects.filter(pk__in=ids)}


def organisations_for(user: User) -> QuerySet[Organisation]:
    return Organisation.objects.filter(memberships__user=user, memberships__active=True).distinct()
