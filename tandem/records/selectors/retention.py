"""Reads for retention and archiving (R67): the schedule, the archived children with what is due for
review, one child's records by type, and the destruction log."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Max, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from tandem.core.access import require
from tandem.core.models import Setting, User
from tandem.people.models import Child

from ..actions.retention import ARCHIVE_LIST, DESTROY, DESTRUCTION_LOG, SCHEDULE
from ..models import Archive, DestructionLog, RecordType, RetentionRule
from ..retention import FINANCIAL_NOTE, MINIMUMS, Minimum, retained_until, years_by_type
from ..services.retention import collect, rows_of, rules_of


@dataclass(frozen=True)
class ScheduleRow:
    minimum: Minimum
    rule: RetentionRule | None
    years: int

    @property
    def code(self) -> str:
        return self.minimum.record_type

    @property
    def period(self) -> str:
        return self.minimum.describe(self.years)

    @property
    def note(self) -> str:
        return FINANCIAL_NOTE if self.code == RecordType.FINANCIAL else ""


def schedule(*, actor: User, setting: Setting) -> list[ScheduleRow]:
    require(actor, SCHEDULE, setting)
    rules = {r.record_type: r for r in RetentionRule.objects.filter(setting=setting).select_related("updated_by")}
    years = years_by_type(rules.values())
    return [ScheduleRow(m, rules.get(code), years[code]) for code, m in MINIMUMS.items()]


def rule_for(setting: Setting, record_type: str) -> RetentionRule | None:
    return RetentionRule.objects.filter(setting=setting, record_type=record_type).first()


@dataclass(frozen=True)
class Kept:
    minimum: Minimum
    until: dt.date | None

    @property
    def code(self) -> str:
        return self.minimum.record_type

    @property
    def due(self) -> bool:
        return self.until is not None and self.until < timezone.localdate()


def kept_by_type(child: Child, rules: dict[str, int]) -> list[Kept]:
    return [Kept(m, retained_until(child, code, rules)) for code, m in MINIMUMS.items() if code != RecordType.FINANCIAL]


def with_complaints(children: QuerySet[Child]) -> QuerySet[Child]:
    """Annotate what :func:`~tandem.records.retention.retained_until` needs about complaints."""
    from tandem.complaints.models import Complaint

    about = Complaint.objects.filter(child=OuterRef("pk")).order_by().values("child")
    return children.annotate(
        complaints_last_closed=Subquery(about.annotate(last=Max("closed_at")).values("last")[:1]),
        complaints_open=Coalesce(
            Subquery(about.filter(closed_at__isnull=True).annotate(n=Count("pk")).values("n")[:1]), 0
        ),
    )


def archived(*, actor: User, setting: Setting) -> QuerySet[Archive]:
    """The setting's archived children, newest archive first (a page of them is read in two queries)."""
    require(actor, ARCHIVE_LIST, setting)
    children = with_complaints(Child.objects.all())
    return (
        Archive.objects.filter(setting=setting)
        .select_related("archived_by")
        .prefetch_related(Prefetch("child", queryset=children))
        .order_by("-archived_at", "-pk")
    )


def archive_rows(archives: list[Archive], rules: dict[str, int]) -> list[tuple[Archive, list[Kept]]]:
    return [(row, kept_by_type(row.child, rules)) for row in archives]


def leavers_waiting(setting: Setting) -> int:
    """Children who have left and are not archived yet."""
    return Child.objects.filter(setting=setting, leaving_date__lte=timezone.localdate(), archive__isnull=True).count()


@dataclass
class TypeReview:
    kept: Kept
    counts: dict[str, int]
    refused: str = ""

    @property
    def held(self) -> bool:
        return bool(self.counts)


def review(*, actor: User, child: Child) -> tuple[Archive | None, list[TypeReview]]:
    """One archived child's records by type: how long each is kept, and what destroying it would delete."""
    require(actor, DESTROY, child)
    from ..services.retention import check_destroyable

    archive = Archive.objects.filter(child=child).select_related("archived_by").first()
    rules = rules_of(child.setting)
    child = with_complaints(Child.objects.filter(pk=child.pk)).get()
    found = []
    for kept in kept_by_type(child, rules):
        counts: dict[str, int] = {}
        refused = ""
        try:
            _, counts = collect(child, kept.code)
        except ValidationError as error:
            refused = " ".join(error.messages)
        if not refused and archive is not None:
            try:
                check_destroyable(child, kept.code, rules)
            except ValidationError as error:
                refused = " ".join(error.messages)
        found.append(TypeReview(kept, counts, refused))
    return archive, found


def review_one(*, actor: User, child: Child, record_type: str) -> TypeReview:
    require(actor, DESTROY, child)
    rules = rules_of(child.setting)
    kept = Kept(MINIMUMS[record_type], retained_until(child, record_type, rules))
    try:
        _, counts = collect(child, record_type)
    except ValidationError as error:
        return TypeReview(kept, {}, " ".join(error.messages))
    return TypeReview(kept, counts)


def has_rows(child: Child, record_type: str) -> bool:
    return any(qs.exists() for qs in rows_of(child, record_type))


def destruction_log(*, actor: User, setting: Setting) -> QuerySet[DestructionLog]:
    require(actor, DESTRUCTION_LOG, setting)
    return DestructionLog.objects.filter(setting=setting).select_related("decided_by").order_by("-decided_at", "-pk")


def archive_of(child: Child) -> Archive | None:
    return Archive.objects.filter(child=child).select_related("archived_by").first()


def panel(user: Any, child: Child) -> dict[str, Any]:
    return {"archive": archive_of(child), "has_left": child.leaving_date is not None and not child.is_current}
