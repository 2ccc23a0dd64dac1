"""Reads for printing or exporting a child's record, and the log of every export (R51).

What goes into an export is read through the people and enrolment apps' own selectors, as the
person who asked may see it: the profile and family contacts, particular needs, consents, and the
All About Me booklet when there is one. Information received from other agencies (R49) is never
part of it: it is theirs to pass on, not ours.

There is no job row for an export: the log row (``core.ExportRecord``, append-only) is the
request, and its PDF lives in private storage under a name only the server can work out from the
row (:func:`pdf_name`). Its state is read from there: ready once the file exists, failed when the
task left a marker or never finished, expired (and deleted) a day later.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.files.storage import default_storage
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.crypto import salted_hmac

from tandem.core.access import can, require
from tandem.core.models import ExportRecord, Setting, User
from tandem.enrolment.actions.consents import CONSENTS_VIEW
from tandem.enrolment.selectors.aboutme import booklet_for
from tandem.enrolment.selectors.consents import consents_of_child
from tandem.people.actions import CHILD_VIEW, NEEDS_VIEW
from tandem.people.models import Child
from tandem.people.selectors import emergency_contacts, family_links, needs_of

from ..actions.exports import EXPORT_CHILD, EXPORT_LOG

CHILD_RECORD = "Child's record"
SECTIONS = {
    "profile": "Profile and family contacts",
    "needs": "Particular needs",
    "consents": "Consents",
    "aboutme": "All About Me",
}
KEPT = dt.timedelta(days=1)  # a PDF is downloadable for a day, then deleted
STALE_AFTER = dt.timedelta(minutes=15)  # an export not made by then was lost (the worker stopped)


def pdf_name(record: ExportRecord) -> str:
    """Where the export's PDF is kept: private, and named by a keyed hash of the row, never a name."""
    token = salted_hmac("tandem.agencies.exports.pdf", str(record.pk)).hexdigest()[:32]
    return f"agencies/exports/{record.setting_id}/{token}.pdf"


def failed_name(record: ExportRecord) -> str:
    return pdf_name(record).removesuffix(".pdf") + ".failed"


@dataclass(frozen=True)
class ExportState:
    record: ExportRecord
    state: str  # making, ready, failed or expired
    finished_at: dt.datetime | None = None

    @property
    def in_progress(self) -> bool:
        return self.state == "making"

    @property
    def is_ready(self) -> bool:
        return self.state == "ready"


def state_of(record: ExportRecord) -> ExportState:
    age = timezone.now() - record.at
    if age > KEPT:
        return ExportState(record, "expired")
    name = pdf_name(record)
    if default_storage.exists(name):
        return ExportState(record, "ready", default_storage.get_modified_time(name))
    if default_storage.exists(failed_name(record)) or age > STALE_AFTER:
        return ExportState(record, "failed")
    return ExportState(record, "making")


def _mine(actor: User, child: Child) -> QuerySet[ExportRecord]:
    return ExportRecord.objects.filter(
        actor=actor, child_id=child.pk, setting_id=child.setting_id, what__startswith=CHILD_RECORD
    ).order_by("-at", "-pk")


def current_export(*, actor: User, child: Child) -> ExportState | None:
    """This person's latest export of the child's record, with its state (others' are not theirs)."""
    require(actor, EXPORT_CHILD, child)
    record = _mine(actor, child).first()
    return state_of(record) if record is not None else None


def export_of(*, actor: User, child: Child, export_id: int) -> ExportRecord | None:
    """One of this person's own exports of the child's record, or None."""
    require(actor, EXPORT_CHILD, child)
    return _mine(actor, child).filter(pk=export_id).first()


def available_sections(actor: User, child: Child) -> list[tuple[str, str]]:
    """The parts of the record this person may export, in order; All About Me only when there is one."""
    found = []
    if can(actor, CHILD_VIEW, child):
        found.append("profile")
    if can(actor, NEEDS_VIEW, child):
        found.append("needs")
    if can(actor, CONSENTS_VIEW, child):
        found.append("consents")
    booklet = booklet_for(actor=actor, child=child)
    if booklet is not None and not booklet.is_empty:
        found.append("aboutme")
    return [(code, SECTIONS[code]) for code in found]


def record_context(actor: User, child: Child, sections: list[str], record: ExportRecord) -> dict[str, Any]:
    """What the PDF shows: the chosen sections, read as ``actor`` may see them now. Nothing received
    from another agency."""
    allowed = {code for code, _ in available_sections(actor, child)}
    chosen = [code for code in SECTIONS if code in sections and code in allowed]
    context: dict[str, Any] = {
        "child": child,
        "setting": child.setting,
        "record": record,
        "actor": actor,
        "sections": chosen,
        "labels": [SECTIONS[code] for code in chosen],
    }
    if "profile" in chosen:
        context["family"] = list(family_links(actor=actor, child=child))
        context["emergency"] = list(emergency_contacts(child=child))
    if "needs" in chosen:
        context["needs"] = list(needs_of(actor=actor, child=child))
    if "consents" in chosen:
        context["consents"] = consents_of_child(child)
    if "aboutme" in chosen:
        booklet = booklet_for(actor=actor, child=child)
        context["aboutme"] = booklet.sections() if booklet is not None else []
    return context


# --- the log -------------------------------------------------------------------------------------


def log(*, actor: User, setting: Setting, child_id: int | None = None) -> QuerySet[ExportRecord]:
    """Every export and print of the setting's children's records, newest first."""
    require(actor, EXPORT_LOG, setting)
    rows = ExportRecord.objects.filter(setting=setting).select_related("actor")
    if child_id is not None:
        rows = rows.filter(child_id=child_id)
    return rows.order_by("-at", "-pk")


def children_named(setting: Setting, ids: list[int]) -> dict[int, Child]:
    """The children of a page of the log, by id, in one query."""
    return {c.pk: c for c in Child.objects.filter(setting=setting, pk__in=sorted(set(ids)))}


def logged_children(setting: Setting) -> list[tuple[int, str]]:
    """The children whose records have been exported, for the filter. One query."""
    exported = ExportRecord.objects.filter(setting=setting, child_id__isnull=False).values("child_id")
    children = Child.objects.filter(setting=setting, pk__in=exported).order_by("last_name", "first_name", "pk")
    return [(c.pk, c.display_name) for c in children]
