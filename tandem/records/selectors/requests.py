"""Reads for access on request (R66): one's own requests, the setting's open requests by deadline, the
export files (private storage, named by a keyed hash of the export row), and the review of flagged items.
Filtered by the access layer in the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Case, DateField, F, QuerySet, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.crypto import salted_hmac

from tandem.core.access import can, permitted, require
from tandem.core.models import Setting, User
from tandem.people.models import Child

from .. import holdings
from ..actions.requests import REQUEST_ASK, REQUEST_CHILD, REQUEST_DOWNLOAD, REQUEST_LIST, REQUEST_VIEW
from ..models import AccessExport, AccessRequest, ReviewItem

Status = AccessRequest.Status
OPEN = (Status.RECEIVED, Status.PREPARING, Status.REVIEW)


def zip_name(export: AccessExport) -> str:
    """Where the export's ZIP is kept: private, named by a keyed hash of the row, never a name."""
    token = salted_hmac("tandem.records.requests.zip", str(export.pk)).hexdigest()[:32]
    return f"records/requests/{export.request_id}/{token}.zip"


def days_left(deadline: dt.date, today: dt.date | None = None) -> int:
    return (deadline - (today or timezone.localdate())).days


def with_deadline(queryset: QuerySet[AccessRequest]) -> QuerySet[AccessRequest]:
    return queryset.annotate(
        deadline_on=Case(
            When(extended_to__isnull=False, then=F("extended_to")), default=F("due_on"), output_field=DateField()
        )
    )


# --- the requester -----------------------------------------------------------------------------------


def my_requests(*, actor: User) -> QuerySet[AccessRequest]:
    """The person's own requests (a child's only while they may still be told about the child), newest first."""
    require(actor, REQUEST_ASK)
    rows = permitted(actor, REQUEST_VIEW, AccessRequest.objects.filter(adult__user=actor))
    return rows.select_related("child").order_by("-received_on", "-pk")


def children_to_ask_about(*, actor: User) -> QuerySet[Child]:
    """The children whose records this person may ask for (parental responsibility, not restricted)."""
    return permitted(actor, REQUEST_CHILD, Child.objects.all()).order_by("first_name", "last_name")


# --- the manager's list --------------------------------------------------------------------------------


def open_requests(*, actor: User, setting: Setting) -> QuerySet[AccessRequest]:
    """The setting's open requests, soonest deadline first."""
    require(actor, REQUEST_LIST, setting)
    rows = permitted(actor, REQUEST_VIEW, AccessRequest.objects.filter(setting=setting, status__in=OPEN))
    rows = with_deadline(rows).select_related("adult", "child")
    return rows.order_by(Coalesce("extended_to", "due_on"), "pk")


def answered_requests(*, actor: User, setting: Setting) -> QuerySet[AccessRequest]:
    require(actor, REQUEST_LIST, setting)
    rows = AccessRequest.objects.filter(setting=setting, status__in=(Status.RELEASED, Status.CLOSED))
    return permitted(actor, REQUEST_VIEW, rows).select_related("adult", "child").order_by("-received_on", "-pk")


def open_count(setting: Setting) -> int:
    return AccessRequest.objects.filter(setting=setting, status__in=OPEN).count()


# --- one request ------------------------------------------------------------------------------------


def latest_draft(request: AccessRequest) -> AccessExport | None:
    return request.exports.filter(final=False).order_by("-created_at", "-pk").first()


def final_export(request: AccessRequest) -> AccessExport | None:
    return request.exports.filter(final=True, status=AccessExport.Status.READY).order_by("-created_at", "-pk").first()


def exports_of(request: AccessRequest) -> list[AccessExport]:
    return list(request.exports.select_related("made_by").order_by("-created_at", "-pk"))


def downloadable(*, actor: User, request: AccessRequest, export_id: int) -> AccessExport | None:
    """A ready export the person may download: the requester only the released copy; staff any."""
    require(actor, REQUEST_DOWNLOAD, request)
    rows = request.exports.filter(pk=export_id, status=AccessExport.Status.READY)
    if not can(actor, REQUEST_LIST, request.setting):
        rows = rows.filter(final=True)
    return rows.first()


@dataclass(frozen=True)
class Flagged:
    item: ReviewItem
    content: dict[str, Any] | None  # None: the row is no longer held


def review_items(export: AccessExport) -> list[Flagged]:
    """Each flagged item of the draft with its content as the export shows it (one query per kind)."""
    items = list(export.review_items.select_related("decided_by").order_by("reason", "pk"))
    by_source: dict[str, list[ReviewItem]] = {}
    for item in items:
        by_source.setdefault(item.source, []).append(item)
    contents: dict[tuple[str, int], dict[str, Any]] = {}
    for source, group in by_source.items():
        model = apps.get_model(source)
        objs = list(model._base_manager.filter(pk__in=[i.object_id for i in group]).order_by("pk"))
        for obj, data in zip(objs, holdings.serialise(model, objs), strict=True):
            contents[(source, obj.pk)] = data
    return [Flagged(item, contents.get((item.source, item.object_id))) for item in items]


def pending_count(export: AccessExport | None) -> int:
    if export is None:
        return 0
    return export.review_items.filter(decision=ReviewItem.Decision.PENDING).count()
