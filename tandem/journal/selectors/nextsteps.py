"""Reads about next steps (R16). The view has checked ``JOURNAL_VIEW`` on the child."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When

from tandem.people.models import Child

from ..models import NextStep

Status = NextStep.Status
CURRENT = (Status.SUGGESTED, Status.OPEN)
PAST = (Status.ACHIEVED, Status.SET_ASIDE)


def _steps(child: Child) -> QuerySet[NextStep]:
    return NextStep.objects.filter(child=child).select_related("area", "created_by")


def current(*, child: Child) -> QuerySet[NextStep]:
    """Suggestions waiting first, then what the child is working on; newest first within each."""
    order = Case(When(status=Status.SUGGESTED, then=Value(0)), default=Value(1), output_field=IntegerField())
    return _steps(child).filter(status__in=CURRENT).order_by(order, "-created_at", "-pk")


def past(*, child: Child) -> QuerySet[NextStep]:
    """Achieved or set aside, most recently moved on first."""
    return _steps(child).filter(status__in=PAST).order_by("-updated_at", "-pk")


def open_steps(*, child: Child) -> QuerySet[NextStep]:
    return _steps(child).filter(status=Status.OPEN).order_by("area__order", "-created_at", "-pk")


def step_of(*, child: Child, step_id: int) -> NextStep | None:
    return _steps(child).filter(pk=step_id).first()
