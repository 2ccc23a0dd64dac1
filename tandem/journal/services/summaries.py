"""Summaries of a child's learning (R16): written by staff as a draft, a section per area of
learning with the band the child is working in, and the next steps agreed; shared with the family,
who add their views (or staff write down what the family said in person). Drafts are never shown
to families. Keyword-only, atomic, audited with ids only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import require
from tandem.core.models import User
from tandem.people.models import Child

from ..actions.observations import JOURNAL_CONTRIBUTE
from ..actions.summaries import SUMMARY_PARENTS_VIEWS
from ..models import Area, Band, NextStep, Summary, SummaryArea
from .eyfs import journal_settings

MAX_TITLE = 120
MAX_TEXT = 5000
MAX_AREA_TEXT = 3000
Status = Summary.Status
AreaSection = tuple[Area, Band | None, str]


def _text(value: str | None, *, field: str, limit: int, required: str = "") -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: required})
    if len(text) > limit:
        raise ValidationError({field: f"Keep this to {limit:,} characters or fewer."})
    return text


def band_for_age(framework: str, months: int) -> Band | None:
    """The framework's first band that covers a child of ``months``."""
    return (
        Band.objects.filter(framework=framework, from_months__lte=months, to_months__gt=months)
        .order_by("order")
        .first()
    )


def _check(
    *,
    child: Child,
    title: str,
    period_start: dt.date,
    period_end: dt.date,
    overview: str,
    areas: Iterable[AreaSection],
    next_steps: Iterable[NextStep],
) -> tuple[str, str, list[AreaSection], list[NextStep]]:
    title = _text(title, field="title", limit=MAX_TITLE, required="Give the summary a title, for example: Spring term.")
    overview = _text(overview, field="overview", limit=MAX_TEXT)
    if period_end < period_start:
        raise ValidationError({"period_end": "The end of the period must be on or after its start."})
    if period_start < child.date_of_birth:
        raise ValidationError({"period_start": "The period cannot start before the child was born."})
    framework = journal_settings(child.setting_id).framework
    sections: list[AreaSection] = []
    seen: set[int] = set()
    for area, band, text in areas:
        if area.pk in seen:
            raise ValidationError("Each area of learning can appear only once.")
        seen.add(area.pk)
        if band is not None and band.framework != framework:
            raise ValidationError({f"band_{area.code}": "Choose a band of the framework the setting follows."})
        sections.append((area, band, _text(text, field=f"text_{area.code}", limit=MAX_AREA_TEXT)))
    steps = list(next_steps)
    if any(step.child_id != child.pk for step in steps):
        raise ValidationError({"next_steps": "Choose only this child's next steps."})
    return title, overview, sections, steps


def _save_sections(summary: Summary, sections: list[AreaSection]) -> None:
    existing = {row.area_id: row for row in summary.areas.all()}
    keep: set[int] = set()
    for area, band, text in sections:
        if band is None and not text:
            continue
        keep.add(area.pk)
        row = existing.get(area.pk) or SummaryArea(summary=summary, area=area)
        row.band, row.text = band, text
        row.save()
    SummaryArea.objects.filter(summary=summary).exclude(area_id__in=keep).delete()


def create_summary(
    *,
    actor: User,
    child: Child,
    title: str,
    period_start: dt.date,
    period_end: dt.date,
    overview: str = "",
    areas: Iterable[AreaSection] = (),
    next_steps: Iterable[NextStep] = (),
) -> Summary:
    """A new draft summary. Only staff see it until it is shared."""
    require(actor, JOURNAL_CONTRIBUTE, child)
    title, overview, sections, steps = _check(
        child=child,
        title=title,
        period_start=period_start,
        period_end=period_end,
        overview=overview,
        areas=areas,
        next_steps=next_steps,
    )
    with transaction.atomic():
        summary = Summary(
            child=child,
            title=title,
            period_start=period_start,
            period_end=period_end,
            overview=overview,
            author=actor,
            created_at=timezone.now(),
        )
        summary._history_user = actor  # type: ignore[attr-defined]
        summary.save()
        _save_sections(summary, sections)
        summary.next_steps.set(steps)
        audit.record("journal.summary.created", actor, child_ids=[child.pk], obj=summary, setting_id=child.setting_id)
    return summary


def _draft(summary: Summary, child: Child) -> Summary:
    fresh = Summary.objects.select_for_update().filter(pk=summary.pk, child=child).first()
    if fresh is None:
        raise ValidationError("This summary is about another child.")
    if fresh.status != Status.DRAFT:
        raise ValidationError("This summary has been shared with the family, so it can no longer be changed.")
    return fresh


def change_summary(
    *,
    actor: User,
    child: Child,
    summary: Summary,
    title: str,
    period_start: dt.date,
    period_end: dt.date,
    overview: str = "",
    areas: Iterable[AreaSection] = (),
    next_steps: Iterable[NextStep] = (),
) -> Summary:
    """Change a draft (a shared summary stays as the family read it)."""
    require(actor, JOURNAL_CONTRIBUTE, child)
    title, overview, sections, steps = _check(
        child=child,
        title=title,
        period_start=period_start,
        period_end=period_end,
        overview=overview,
        areas=areas,
        next_steps=next_steps,
    )
    with transaction.atomic():
        summary = _draft(summary, child)
        summary.title, summary.overview = title, overview
        summary.period_start, summary.period_end = period_start, period_end
        summary._history_user = actor  # type: ignore[attr-defined]
        summary.save()
        _save_sections(summary, sections)
        summary.next_steps.set(steps)
        audit.record("journal.summary.updated", actor, child_ids=[child.pk], obj=summary, setting_id=child.setting_id)
    return summary


def share_summary(*, actor: User, child: Child, summary: Summary) -> Summary:
    """Share a draft with the family. Something must have been written."""
    require(actor, JOURNAL_CONTRIBUTE, child)
    with transaction.atomic():
        summary = _draft(summary, child)
        if not summary.overview and not summary.areas.exclude(text="").exists():
            raise ValidationError("Write the overview or at least one area of learning before sharing the summary.")
        summary.status = Status.SHARED
        summary.shared_at = timezone.now()
        summary.shared_by = actor
        summary._history_user = actor  # type: ignore[attr-defined]
        summary.save(update_fields=["status", "shared_at", "shared_by"])
        audit.record("journal.summary.shared", actor, child_ids=[child.pk], obj=summary, setting_id=child.setting_id)
    return summary


def delete_draft(*, actor: User, child: Child, summary: Summary) -> None:
    require(actor, JOURNAL_CONTRIBUTE, child)
    with transaction.atomic():
        summary = _draft(summary, child)
        audit.record("journal.summary.deleted", actor, child_ids=[child.pk], obj=summary, setting_id=child.setting_id)
        summary._history_user = actor  # type: ignore[attr-defined]
        summary.delete()


def record_parents_views(*, actor: User, child: Child, summary: Summary, text: str) -> Summary:
    """The parents' views on a shared summary: written by the family, or by staff with them."""
    require(actor, SUMMARY_PARENTS_VIEWS, child)
    text = _text(text, field="parents_views", limit=MAX_TEXT, required="Write your views, in a sentence or more.")
    with transaction.atomic():
        fresh = Summary.objects.select_for_update().filter(pk=summary.pk, child=child).first()
        if fresh is None:
            raise ValidationError("This summary is about another child.")
        if fresh.status != Status.SHARED:
            raise ValidationError("The summary must be shared with the family before their views are added.")
        fresh.parents_views = text
        fresh.parents_views_by = actor
        fresh.parents_views_at = timezone.now()
        fresh._history_user = actor  # type: ignore[attr-defined]
        fresh.save(update_fields=["parents_views", "parents_views_by", "parents_views_at"])
        audit.record(
            "journal.summary.parents_views", actor, child_ids=[child.pk], obj=fresh, setting_id=child.setting_id
        )
    return fresh
