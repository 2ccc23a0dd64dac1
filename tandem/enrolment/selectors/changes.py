"""Reads for change requests and revision history, filtered by the access layer in the database.

The revision history reads django-simple-history's tables: one page of revisions across the
child's record, its family links and (for those who may see them) its needs, in a fixed number of
queries however long the history is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import CharField, OuterRef, Q, QuerySet, Subquery, Value
from django.http import Http404
from django.utils import formats, timezone

from tandem.core.access import can, permitted
from tandem.core.models import Setting, User
from tandem.people.actions import NEEDS_VIEW
from tandem.people.models import Adult, Child, ChildAdult, Need

from ..actions.changes import CHANGE_DECIDE, CHANGE_SUBMIT
from ..models.changes import ChangeRequest

# --- change requests ------------------------------------------------------------------------------


def _requests() -> QuerySet[ChangeRequest]:
    return ChangeRequest.objects.select_related("adult", "child", "submitted_by", "decided_by", "setting")


def queue(*, actor: User, setting: Setting, decided: bool = False) -> QuerySet[ChangeRequest]:
    """The setting's requests for those who decide them: waiting (oldest first) or decided (newest first)."""
    allowed = permitted(actor, CHANGE_DECIDE, Setting.objects.filter(pk=setting.pk))
    found = _requests().filter(setting__in=allowed)
    if decided:
        return found.exclude(status=ChangeRequest.Status.PENDING).order_by("-decided_at", "-pk")
    return found.filter(status=ChangeRequest.Status.PENDING).order_by("submitted_at", "pk")


def request_in_queue(*, actor: User, setting: Setting, pk: int) -> ChangeRequest:
    found = _requests().filter(setting__in=permitted(actor, CHANGE_DECIDE, Setting.objects.filter(pk=setting.pk)))
    change_request = found.filter(pk=pk).first()
    if change_request is None:
        raise Http404
    return change_request


def requests_of_parent(*, actor: User, child: Child) -> QuerySet[ChangeRequest]:
    """What this parent has asked, about this child or their own details, newest first."""
    children = permitted(actor, CHANGE_SUBMIT, Child.objects.filter(pk=child.pk))
    mine = Q(child__in=children) | Q(kind=ChangeRequest.Kind.OWN_DETAILS, adult__user=actor)
    return _requests().filter(mine, submitted_by=actor).order_by("-submitted_at", "-pk")


def pending_count(*, child: Child) -> int:
    return ChangeRequest.objects.filter(child=child, status=ChangeRequest.Status.PENDING).count()


# --- revision history -----------------------------------------------------------------------------

HISTORY_TYPES = {"+": "Created", "~": "Changed", "-": "Removed"}
SKIPPED_FIELDS = {"id"}


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Revision:
    when: dt.datetime
    who: User | None
    what: str
    action: str
    reason: str = ""
    changes: list[Change] = field(default_factory=list)


@dataclass(frozen=True)
class Source:
    """One history table, narrowed to the record in question, and how to name one of its rows."""

    key: str
    model: type[models.Model]
    history: QuerySet[Any]


def child_sources(*, actor: User, child: Child) -> list[Source]:
    sources = [
        Source("child", Child, Child.history.filter(id=child.pk)),  # type: ignore[attr-defined]
        Source("link", ChildAdult, ChildAdult.history.filter(child_id=child.pk)),  # type: ignore[attr-defined]
    ]
    if can(actor, NEEDS_VIEW, child):  # needs only for those who may see them (not the administrator)
        sources.append(Source("need", Need, Need.history.filter(child_id=child.pk)))  # type: ignore[attr-defined]
    return sources


def adult_sources(*, adult: Adult) -> list[Source]:
    return [Source("adult", Adult, Adult.history.filter(id=adult.pk))]  # type: ignore[attr-defined]


def revisions(sources: list[Source], page_number: Any, per_page: int = 25) -> Page[Any]:
    """One page of revisions, newest first, each with the fields it changed from what to what."""
    combined = None
    for source in sources:
        rows = (
            source.history.order_by()
            .annotate(source=Value(source.key, output_field=CharField()))
            .values_list("history_date", "history_id", "source")
        )
        combined = rows if combined is None else combined.union(rows, all=True)
    assert combined is not None
    page = Paginator(combined.order_by("-history_date", "-history_id"), per_page).get_page(page_number)
    wanted: dict[str, list[int]] = {}
    for _when, history_id, key in page.object_list:
        wanted.setdefault(key, []).append(history_id)
    loaded: dict[tuple[str, int], tuple[Any, Any]] = {}
    for source in sources:
        if source.key in wanted:
            loaded.update(_load(source, wanted[source.key]))
    names = _related_names([row for pair in loaded.values() for row in pair if row is not None])
    page.object_list = [
        _revision(key, *loaded[(key, history_id)], names) for _when, history_id, key in page.object_list
    ]
    return page


def _load(source: Source, history_ids: list[int]) -> dict[tuple[str, int], tuple[Any, Any]]:
    """The rows of a page and, for each, the row before it of the same record: two queries."""
    history_model = source.history.model
    previous = history_model.objects.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id")).order_by(
        "-history_id"
    )
    rows = list(
        history_model.objects.filter(history_id__in=history_ids)
        .select_related("history_user")
        .annotate(previous_id=Subquery(previous.values("history_id")[:1]))
    )
    before = history_model.objects.in_bulk([r.previous_id for r in rows if r.previous_id])
    return {(source.key, r.history_id): (r, before.get(r.previous_id)) for r in rows}


def _tracked(row: Any) -> list[models.Field[Any, Any]]:
    return [f for f in row.tracked_fields if f.name not in SKIPPED_FIELDS and f.editable]


def _related_names(rows: list[Any]) -> dict[tuple[type[models.Model], Any], str]:
    """Names of the rooms, people and records that foreign keys point to: one query per kind."""
    wanted: dict[type[models.Model], set[Any]] = {}
    for row in rows:
        for f in _tracked(row):
            if f.is_relation and f.related_model is not None:
                value = getattr(row, f.attname)
                if value is not None:
                    wanted.setdefault(f.related_model, set()).add(value)  # type: ignore[arg-type]
    names = {}
    for model, ids in wanted.items():
        for pk, obj in model._default_manager.in_bulk(list(ids)).items():
            names[(model, pk)] = str(obj)
    return names


def _show(f: models.Field[Any, Any], row: Any, names: dict[tuple[type[models.Model], Any], str]) -> str:
    value = getattr(row, f.attname)
    if f.is_relation and f.related_model is not None:
        return names.get((f.related_model, value), "Someone or something since removed") if value else "(none)"  # type: ignore[arg-type]
    if isinstance(f, models.FileField):
        return "A photo" if value else "(none)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if value in (None, ""):
        return "(none)"
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, dt.datetime):
        return formats.date_format(timezone.localtime(value), "j F Y, H:i")
    if isinstance(value, dt.date):
        return formats.date_format(value, "j F Y")
    return str(value)


def _name_of(key: str, row: Any, names: dict[tuple[type[models.Model], Any], str]) -> str:
    if key == "child":
        return "Child's record"
    if key == "adult":
        return "Record"
    if key == "link":
        return f"Family link: {names.get((Adult, row.adult_id), 'an adult')}"
    if key == "need":
        return f"Particular need: {row.summary}"
    return key


def _revision(key: str, row: Any, before: Any, names: dict[tuple[type[models.Model], Any], str]) -> Revision:
    revision = Revision(
        when=row.history_date,
        who=row.history_user,
        what=_name_of(key, row, names),
        action=HISTORY_TYPES.get(row.history_type, "Changed"),
        reason=row.history_change_reason or "",
    )
    for f in _tracked(row):
        label = str(f.verbose_name).capitalize()
        new = _show(f, row, names)
        if before is None:
            if row.history_type == "+" and new not in ("(none)", "No"):
                revision.changes.append(Change(label, "", new))
            continue
        if getattr(before, f.attname) != getattr(row, f.attname):
            revision.changes.append(Change(label, _show(f, before, names), new))
    return revision
