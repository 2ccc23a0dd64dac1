"""Reading a child's settling in, through the access layer: a fixed number of queries."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Max, Prefetch, QuerySet

from tandem.core.access import permitted
from tandem.core.models import User
from tandem.enrolment.actions.settling import SETTLING_VIEW
from tandem.enrolment.models.settling import SettlingLogEntry, SettlingPlan, SettlingReply
from tandem.people.models import Child


def _allowed(actor: User, child: Child) -> QuerySet[Child]:
    return permitted(actor, SETTLING_VIEW, Child.objects.filter(pk=child.pk))


def plan_for(*, actor: User, child: Child) -> SettlingPlan | None:
    """The plan with the adults it was agreed with and its visits (three queries), or None."""
    return (
        SettlingPlan.objects.filter(child__in=_allowed(actor, child).values("pk"))
        .select_related("updated_by", "created_by")
        .prefetch_related("agreed_with", "visits")
        .first()
    )


def entries_for(*, actor: User, child: Child) -> QuerySet[SettlingLogEntry]:
    """The log, newest first, each entry with its replies oldest first (two queries)."""
    replies = SettlingReply.objects.select_related("author").order_by("at", "pk")
    return (
        SettlingLogEntry.objects.filter(child__in=_allowed(actor, child).values("pk"))
        .select_related("author")
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("-at", "-pk")
    )


def summary(*, actor: User, child: Child) -> dict[str, Any]:
    """For the panel on the child's record: the plan's state and the log at a glance (two queries)."""
    plan = SettlingPlan.objects.filter(child__in=_allowed(actor, child).values("pk")).first()
    log = SettlingLogEntry.objects.filter(child__in=_allowed(actor, child).values("pk")).aggregate(
        entries=Count("pk", distinct=True), replies=Count("replies", distinct=True), latest=Max("at")
    )
    return {"plan": plan, **log}
