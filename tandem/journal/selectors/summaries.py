"""Reads about summaries (R16). Families see shared summaries only; staff see drafts too."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, Max, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from tandem.core.access import permitted
from tandem.core.models import Setting, User
from tandem.people.models import Child
from tandem.people.selectors import current

from ..actions.observations import JOURNAL_CONTRIBUTE
from ..models import NextStep, Summary, SummaryArea

Status = Summary.Status


def summaries_for(*, child: Child, staff: bool) -> QuerySet[Summary]:
    found = Summary.objects.filter(child=child).select_related("author", "shared_by", "parents_views_by")
    if not staff:
        found = found.filter(status=Status.SHARED)
    return found.order_by("-period_end", "-pk")


def summary_of(*, child: Child, summary_id: int, staff: bool) -> Summary | None:
    return (
        summaries_for(child=child, staff=staff)
        .prefetch_related(
            Prefetch("areas", queryset=SummaryArea.objects.select_related("area", "band").order_by("area__order")),
            Prefetch("next_steps", queryset=NextStep.objects.select_related("area").order_by("area__order", "pk")),
        )
        .filter(pk=summary_id)
        .first()
    )


def months_ago(months: int, today: dt.date | None = None) -> dt.date:
    today = today or timezone.localdate()
    month = today.month - months
    year = today.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    import calendar

    return dt.date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def without_recent(*, actor: User, setting: Setting, months: int) -> QuerySet[Child]:
    """The children ``actor`` may contribute for in ``setting``, still on roll, with no summary shared
    whose period ended in the last ``months`` months: each with ``last_shared`` (end of the latest
    shared period) and ``has_draft``. One query, whatever the number of children or summaries."""
    cutoff = months_ago(months)
    children = current(permitted(actor, JOURNAL_CONTRIBUTE, Child.objects.filter(setting=setting)))
    recent = Summary.objects.filter(child=OuterRef("pk"), status=Status.SHARED, period_end__gte=cutoff)
    drafts = Summary.objects.filter(child=OuterRef("pk"), status=Status.DRAFT)
    return (
        children.select_related("room", "key_person")
        .filter(~Exists(recent))
        .annotate(
            last_shared=Max("journal_summaries__period_end", filter=Q(journal_summaries__status=Status.SHARED)),
            has_draft=Exists(drafts),
        )
        .order_by("last_name", "first_name", "pk")
    )
