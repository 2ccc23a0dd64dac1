"""Making the Ofsted complaints record and a complaint's full documentation as PDFs (R63, R60), in
the task queue. Tasks take ids only.

Each task claims its export (so it is never made twice), checks again that the person who asked
may still see what they asked for, renders it from our own text with a URL fetcher that refuses
every URL (nothing is fetched from anywhere, not even our own disk), and keeps the PDF in private
storage under a random name. Older PDFs of the same export by the same person are deleted (their
rows stay: they are the log of what was exported, by whom and why).
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from tandem.comms.selectors.board import OFSTED
from tandem.core.access import can
from tandem.core.files import render_pdf
from tandem.core.models import User

from .actions.record import DOCUMENTATION, RECORD_VIEW
from .models import RecordExport
from .models.record import export_path
from .selectors import record as selectors

logger = logging.getLogger("tandem.complaints")

FAILED_MESSAGE = "Something went wrong while making the PDF. Nothing was lost: please try again."
REFUSED_MESSAGE = "You may no longer see this, so the PDF was not made."


def record_html(export: RecordExport, actor: User) -> tuple[str, int]:
    """The record's HTML as ``actor`` may see it, and how many complaints it lists."""
    assert export.date_from is not None and export.date_to is not None
    setting = export.setting
    complaints = selectors.record_complaints(
        actor=actor, setting=setting, date_from=export.date_from, date_to=export.date_to
    )
    rows = list(selectors.iter_lines(complaints, setting))
    context = {"setting": setting, "export": export, "lines": rows, "headers": selectors.HEADERS, "actor": actor}
    return render_to_string("complaints/record/pdf_record.html", context), len(rows)


def documentation_html(export: RecordExport, actor: User) -> tuple[str, int]:
    """The complaint's whole record as ``actor`` may see it, and how many steps it holds."""
    assert export.complaint is not None
    context = selectors.documentation(actor=actor, complaint=export.complaint)
    context.update({"export": export, "ofsted": OFSTED, "actor": actor})
    return render_to_string("complaints/record/pdf_documentation.html", context), len(context["steps"])


def delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def _claim(export_id: int) -> RecordExport | None:
    claimed = RecordExport.objects.filter(pk=export_id, state=RecordExport.State.QUEUED).update(
        state=RecordExport.State.MAKING
    )
    if not claimed:
        return None
    return RecordExport.objects.select_related("setting", "complaint", "requested_by").get(pk=export_id)


def _fail(export_id: int, message: str) -> bool:
    RecordExport.objects.filter(pk=export_id).update(
        state=RecordExport.State.FAILED, failure=message, finished_at=timezone.now()
    )
    return False


def _make(export_id: int) -> bool:
    export = _claim(export_id)
    if export is None:
        return False
    actor = export.requested_by
    if export.kind == RecordExport.Kind.DOCUMENTATION:
        allowed = actor is not None and export.complaint is not None and can(actor, DOCUMENTATION, export.complaint)
        build = documentation_html
    else:
        allowed = actor is not None and can(actor, RECORD_VIEW, export.setting)
        build = record_html
    if not allowed or actor is None:
        return _fail(export_id, REFUSED_MESSAGE)
    try:
        html, rows = build(export, actor)
        pdf = render_pdf(html)
    except Exception:
        logger.exception("complaints pdf could not be made export=%s", export_id)
        return _fail(export_id, FAILED_MESSAGE)
    name = default_storage.save(export_path(export, "export.pdf"), ContentFile(pdf))
    with transaction.atomic():
        kept = RecordExport.objects.filter(pk=export_id, state=RecordExport.State.MAKING).update(
            state=RecordExport.State.READY, pdf=name, rows=rows, finished_at=timezone.now()
        )
        if not kept:  # the record was deleted while it was being made
            transaction.on_commit(lambda: default_storage.delete(name))
            return False
        same: dict[str, Any] = {"complaint_id": export.complaint_id, "requested_by_id": export.requested_by_id}
        older = RecordExport.objects.filter(
            setting_id=export.setting_id, kind=export.kind, requested_at__lte=export.requested_at, **same
        ).exclude(pk=export_id)
        old_files = list(older.exclude(pdf="").values_list("pdf", flat=True))
        older.exclude(pdf="").update(pdf="")
        transaction.on_commit(lambda: delete_files(old_files))
    logger.info("complaints pdf made export=%s kind=%s rows=%s", export_id, export.kind, rows)
    return True


@task()
def make_record_pdf(export_id: int) -> bool:
    """Make the Ofsted complaints record of a period as a PDF."""
    return _make(export_id)


@task()
def make_documentation_pdf(export_id: int) -> bool:
    """Make a complaint's full documentation as a PDF."""
    return _make(export_id)
