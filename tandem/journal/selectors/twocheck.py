"""Reads for the progress check at two (R17): when a check falls due, the due list, one check.

Ages in months follow ``Child.age_on``: a child is N months old from the same day of the month N
months after their birth; when that month has no such day (a 29 February or a 31st), from the first
of the next month (so a leap-day baby reaches 24 months on 1 March).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from tandem.core.access import can, permitted
from tandem.core.models import Setting, User
from tandem.people.models import Child

from ..actions.observations import JOURNAL_CONTRIBUTE
from ..actions.twocheck import CHECK_DOWNLOAD, CHECK_FAMILY, CHECK_SIGN_OFF, CHECK_WRITE
from ..models import Area, ProgressCheck
from ..services.eyfs import journal_settings

LAST_POSSIBLE_MONTHS = 36
COMING_DUE_MONTHS = 3
FINAL = (ProgressCheck.Status.SIGNED_OFF, ProgressCheck.Status.SHARED)


def _shift(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def reaches(born: dt.date, months: int) -> dt.date:
    """The day a child born on ``born`` becomes ``months`` months old."""
    year, month = _shift(born.year, born.month, months)
    last = calendar.monthrange(year, month)[1]
    if born.day <= last:
        return dt.date(year, month, born.day)
    return dt.date(year, month, last) + dt.timedelta(days=1)


def born_by(day: dt.date, months: int) -> dt.date:
    """The latest birth date of a child who is at least ``months`` months old on ``day``."""
    year, month = _shift(day.year, day.month, -months)
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_after(day: dt.date, months: int) -> dt.date:
    year, month = _shift(day.year, day.month, months)
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Dates:
    due: dt.date
    overdue: dt.date
    last_possible: dt.date
    today: dt.date

    @property
    def state(self) -> str:
        if self.today >= self.overdue:
            return "overdue"
        if self.today >= self.due:
            return "due"
        return "coming"

    @property
    def label(self) -> str:
        return {"overdue": "Overdue", "due": "Due now", "coming": "Coming due"}[self.state]


def check_dates(born: dt.date, *, due_months: int, overdue_months: int, today: dt.date | None = None) -> Dates:
    return Dates(
        due=reaches(born, due_months),
        overdue=reaches(born, overdue_months),
        last_possible=reaches(born, LAST_POSSIBLE_MONTHS),
        today=today or timezone.localdate(),
    )


def due_children(*, actor: User, setting: Setting, today: dt.date | None = None) -> QuerySet[Child]:
    """Children of the setting the actor writes checks for, due (or due within three months) and
    under 36 months, with no signed-off check: filtered on date of birth in the database, oldest first."""
    today = today or timezone.localdate()
    rules = journal_settings(setting)
    horizon = months_after(today, COMING_DUE_MONTHS)
    youngest = born_by(horizon, rules.check_due_months)  # due by the horizon
    too_old = born_by(today, LAST_POSSIBLE_MONTHS)  # already 36 months: born on or before this
    done = ProgressCheck.objects.filter(child=OuterRef("pk"), status__in=FINAL)
    drafting = ProgressCheck.objects.filter(child=OuterRef("pk"), status=ProgressCheck.Status.DRAFT)
    children = (
        Child.objects.filter(setting=setting, date_of_birth__lte=youngest, date_of_birth__gt=too_old)
        .filter(Q(leaving_date__isnull=True) | Q(leaving_date__gte=today))
        .exclude(Exists(done))
        .annotate(drafting=Exists(drafting))
        .select_related("room", "key_person")
        .order_by("date_of_birth", "last_name", "first_name", "pk")
    )
    return permitted(actor, CHECK_WRITE, children)


def with_dates(children: list[Child], *, setting: Setting, today: dt.date | None = None) -> list[tuple[Child, Dates]]:
    rules = journal_settings(setting)
    return [
        (
            c,
            check_dates(
                c.date_of_birth,
                due_months=rules.check_due_months,
                overdue_months=rules.check_overdue_months,
                today=today,
            ),
        )
        for c in children
    ]


def prime_areas() -> QuerySet[Area]:
    return Area.objects.filter(prime=True).order_by("order")


def is_staff(actor: User, child: Child) -> bool:
    return can(actor, JOURNAL_CONTRIBUTE, child)


def checks_for(*, actor: User, child: Child) -> list[ProgressCheck]:
    """The checks this person may see: staff all of them; a family those shared with them, and drafts
    they have been asked to add to (shown only as that request)."""
    checks = ProgressCheck.objects.filter(child=child).select_related("author", "signed_off_by")
    if is_staff(actor, child):
        return list(checks)
    if not can(actor, CHECK_FAMILY, child):
        return []
    visible = Q(status=ProgressCheck.Status.SHARED) | Q(
        status=ProgressCheck.Status.DRAFT, family_asked_at__isnull=False
    )
    return list(checks.filter(visible))


def check_of(*, actor: User, child: Child, check_id: int, staff_only: bool = False) -> ProgressCheck:
    """One check of the child, as this person may see it (404 otherwise). A family sees only shared checks."""
    found = (
        ProgressCheck.objects.filter(child=child, pk=check_id)
        .select_related("child", "child__setting", "author", "signed_off_by", "shared_by", "corrects")
        .prefetch_related("areas__area")
        .first()
    )
    if found is None:
        raise Http404
    if is_staff(actor, child):
        return found
    if staff_only or found.status != ProgressCheck.Status.SHARED:
        raise Http404
    return found


def asked_draft_of(*, actor: User, child: Child, check_id: int) -> ProgressCheck:
    """A draft the family has been asked to add to (404 otherwise)."""
    found = ProgressCheck.objects.filter(
        child=child, pk=check_id, status=ProgressCheck.Status.DRAFT, family_asked_at__isnull=False
    ).first()
    if found is None or not can(actor, CHECK_FAMILY, child):
        raise Http404
    return found


def permissions(actor: User, check: ProgressCheck) -> dict[str, bool]:
    child = check.child
    staff = is_staff(actor, child)
    writer = can(actor, CHECK_WRITE, child)
    return {
        "is_staff": staff,
        "may_write": writer and check.is_draft,
        "may_sign_off": check.is_draft and check.author_id != actor.pk and can(actor, CHECK_SIGN_OFF, child),
        "may_share": writer and check.status == ProgressCheck.Status.SIGNED_OFF,
        "may_correct": writer and check.is_final,
        "may_download": check.is_final and can(actor, CHECK_DOWNLOAD, child) and (staff or check.is_shared),
        "may_acknowledge": check.is_shared
        and check.parent_acknowledged_at is None
        and not staff
        and can(actor, CHECK_FAMILY, child),
    }


def panel_context(user: Any, child: Child) -> dict[str, Any]:
    """The child-record panel: the latest check and, while under three, the dates."""
    rules = journal_settings(child.setting_id)
    latest = ProgressCheck.objects.filter(child=child).order_by("-created_at", "-pk").first()
    dates = check_dates(
        child.date_of_birth, due_months=rules.check_due_months, overdue_months=rules.check_overdue_months
    )
    return {"latest": latest, "dates": dates, "under_three": dates.today < dates.last_possible}
