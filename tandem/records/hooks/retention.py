"""Retention and archiving on the rest of Tandem (R67).

* A write guard: an archived child's record can be read but not changed. Any change (a request that
  is not GET or HEAD) to the child, or to a row about the child (``child_id``, or ``children`` for a
  group observation), through any view is refused with 409; retention decisions, access requests and
  sending records to the school still work (:data:`STILL_ALLOWED`).
* An "Archived" flag beside the child's name, a panel on the child's record for the manager and the
  deputy (archive a leaver, undo, review the records), and office tiles: the schedule, the archived
  children and the destruction log (also on the provider's page for the owners).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import QuerySet

from tandem.core import navigation
from tandem.core.access import can
from tandem.core.decorators import register_write_guard
from tandem.people.actions import CHILD_VIEW
from tandem.people.models import Child
from tandem.people.panels import Flag, Panel, register_flag, register_panel

from ..actions.retention import ARCHIVE, ARCHIVE_LIST, DESTROY, DESTRUCTION_LOG, SCHEDULE, UNARCHIVE

# The records app's own work goes on after a child is archived: retention decisions, access requests
# (R66: families may ask for the record at any time) and sending records to the school. Everything else,
# its transition report and meetings included, is read-only.
STILL_ALLOWED = ("records.retention.", "records.requests.", "records.transfer.")


def _child_ids(obj: models.Model) -> list[int]:
    """The children a row is about: itself, its ``child_id``, or its ``children`` (a group observation)."""
    if isinstance(obj, Child):
        return [obj.pk]
    child_id = getattr(obj, "child_id", None)
    if child_id:
        return [child_id]
    try:
        field = obj._meta.get_field("children")
    except FieldDoesNotExist:
        return []
    if not (field.many_to_many and field.related_model is Child):  # not a setting's or a room's children
        return []
    return list(getattr(obj, field.name).values_list("pk", flat=True))


def archived_guard(obj: models.Model) -> str | None:
    """Why a change to ``obj`` is refused: it is (or is about) an archived child's record."""
    ids = _child_ids(obj)
    if not ids:
        return None
    from ..models import Archive

    row = (
        Archive.objects.filter(child_id__in=ids)
        .values("child__first_name", "child__preferred_name", "child__last_name")
        .first()
    )
    if row is None:
        return None
    name = f"{row['child__preferred_name'] or row['child__first_name']} {row['child__last_name']}"
    return f"{name}'s record is archived: it can be read but not changed."


register_write_guard(archived_guard, exempt=lambda action: action.name.startswith(STILL_ALLOWED))


def _archived(children: QuerySet[Child]) -> QuerySet[Child]:
    return children.filter(archive__isnull=False)


def _panel_context(user: Any, child: Child) -> dict[str, Any]:
    from ..selectors.retention import panel

    context = panel(user, child)
    context["may_unarchive"] = can(user, UNARCHIVE, child)
    context["may_review"] = can(user, DESTROY, child)
    return context


register_flag(Flag("archived", "Archived", CHILD_VIEW, _archived))
register_panel(Panel("records_archive", "records/retention/_panel.html", ARCHIVE, _panel_context, order=96))
navigation.register_office(
    "Retention schedule",
    "How long each type of record is kept, from your policy, never less than the minimum",
    SCHEDULE,
    navigation.setting_page(SCHEDULE, "records:retention_schedule"),
    order=90,
)
navigation.register_office(
    "Archived children",
    "Children who have left: their records by type, kept until when, and what is due for review",
    ARCHIVE_LIST,
    navigation.setting_page(ARCHIVE_LIST, "records:retention_archived"),
    order=91,
)
navigation.register_office(
    "Destruction log",
    "What was destroyed, when, by whose decision and why",
    DESTRUCTION_LOG,
    navigation.setting_page(DESTRUCTION_LOG, "records:retention_log"),
    order=92,
)
navigation.register_organisation_link(
    "Destruction log", DESTRUCTION_LOG, "records:retention_log", per_setting=True, order=92
)
