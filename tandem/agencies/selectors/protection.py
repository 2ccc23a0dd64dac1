"""Reads of child protection plans (R24). Pages that show what these return must record the read
(``services.protection.record_viewed``)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from tandem.core.access import permitted
from tandem.core.models import Setting, User
from tandem.people.models import Child

from ..actions.protection import PLAN_MANAGE
from ..models import ProtectionPlan, ProtectionTask


def is_overdue(task: ProtectionTask, today: dt.date | None = None) -> bool:
    return task.done_at is None and task.due_on is not None and task.due_on < (today or timezone.localdate())


def overdue_q(today: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}done_at__isnull": True, f"{prefix}due_on__lt": today})


def plans_of(child: Child) -> list[ProtectionPlan]:
    """The child's plans, the one in place first, each with its tasks (open ones first) and each task
    marked ``overdue``. Two queries."""
    tasks = ProtectionTask.objects.select_related("recorded_by").order_by("done_at", "due_on", "pk")
    plans = list(
        ProtectionPlan.objects.filter(child=child)
        .select_related("recorded_by")
        .prefetch_related(Prefetch("tasks", queryset=tasks))
        .order_by("ended_on", "-started_on", "-pk")
    )
    today = timezone.localdate()
    for plan in plans:
        for task in plan.tasks.all():
            task.overdue = is_overdue(task, today)  # type: ignore[attr-defined]
    return plans


def active_plan(child: Child) -> ProtectionPlan | None:
    """The plan in place, with ``open_tasks`` and ``overdue_tasks`` counted. One query."""
    today = timezone.localdate()
    return (
        ProtectionPlan.objects.filter(child=child, ended_on__isnull=True)
        .annotate(
            open_tasks=Count("tasks", filter=Q(tasks__done_at__isnull=True)),
            overdue_tasks=Count("tasks", filter=overdue_q(today, "tasks__")),
        )
        .order_by("-started_on", "-pk")
        .first()
    )


def setting_plans(user: User, setting: Setting) -> QuerySet[ProtectionPlan]:
    """The setting's plans in place that the person may keep, with counts of open and overdue tasks
    (one query a page, however many plans)."""
    today = timezone.localdate()
    plans = ProtectionPlan.objects.filter(child__setting=setting, ended_on__isnull=True)
    return (
        permitted(user, PLAN_MANAGE, plans)
        .select_related("child", "child__key_person")
        .annotate(
            open_tasks=Count("tasks", filter=Q(tasks__done_at__isnull=True)),
            overdue_tasks=Count("tasks", filter=overdue_q(today, "tasks__")),
        )
        .order_by("-overdue_tasks", "child__first_name", "child__last_name", "pk")
    )
