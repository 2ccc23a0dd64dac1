"""Making the complete export for an access request (R66) in the task queue. Tasks take ids only.

A draft walks everything held (``holdings``), writes a :class:`ReviewItem` for each flagged row and
keeps a ZIP (``record.json`` and ``record.pdf``, photos' display copies) in private storage under a
name only the server can work out (``selectors.requests.zip_name``); the request goes to review. The
final copy leaves out every withheld item (and any flagged item not reviewed: one recorded after the
review is withheld until it is), removes the other children's names from items released so, and
then the request is released and the requester told.
"""

from __future__ import annotations

import io
import json
import logging
import zipfile
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from tandem.core.files import render_pdf

from . import holdings
from .models import AccessExport, AccessRequest, ReviewItem
from .selectors import requests as selectors
from .services import requests as services

logger = logging.getLogger("tandem.records")
NOT_REVIEWED = "Not reviewed before release; it will be reviewed and sent if it can be."
Decision = ReviewItem.Decision


def _sections(request: AccessRequest) -> list[holdings.Section]:
    if request.subject == AccessRequest.Subject.CHILD:
        assert request.child is not None
        return holdings.walk_child(request.child)
    return holdings.walk_adult(request.adult)


def _subject(request: AccessRequest) -> dict[str, Any]:
    if request.child is not None and request.subject == AccessRequest.Subject.CHILD:
        child = request.child
        return {"kind": "child", "name": child.display_name, "date_of_birth": child.date_of_birth.isoformat()}
    return {"kind": "adult", "name": str(request.adult)}


def _withheld_title(item: ReviewItem, section_titles: dict[str, str]) -> str:
    """What the requester is told was withheld: the kind of record, never safeguarding detail."""
    if item.reason == ReviewItem.Reason.SAFEGUARDING:
        return "An item of the record"
    return section_titles.get(item.source, "An item of the record")


def build(
    export: AccessExport, decided: dict[tuple[str, int], ReviewItem]
) -> tuple[dict[str, Any], list[tuple[str, str]], list[holdings.Section]]:
    """The record (as in record.json) and the photos to add; for a final copy, without withheld items."""
    request = export.request
    sections = _sections(request)
    titles = {s.label: s.title for s in sections}
    out_sections: list[dict[str, Any]] = []
    withheld: list[dict[str, str]] = []
    files: list[tuple[str, str]] = []
    for section in sections:
        items = []
        for row in section.rows:
            data = row.data
            if row.flag:
                item = decided.get((row.label, row.pk))
                if export.final:
                    if item is None or item.decision != Decision.RELEASE:
                        reason = item.decision_reason if item is not None else NOT_REVIEWED
                        title = (
                            _withheld_title(item, titles)
                            if item is not None
                            else "An item of the record"
                            if row.flag == holdings.SAFEGUARDING
                            else section.title
                        )
                        withheld.append({"title": title, "reason": reason})
                        continue
                    if row.flag == holdings.OTHER_PEOPLE:
                        data = holdings.redact(data, holdings.names_of(row.other_children))
            items.append(data)
            files.extend(row.files)
        if items:
            out_sections.append({"model": section.label, "title": section.title, "items": items})
    record = {
        "generated_at": timezone.now().isoformat(),
        "setting": request.setting.name,
        "subject": _subject(request),
        "request": {"received_on": request.received_on.isoformat(), "final": export.final},
        "sections": out_sections,
        "withheld": withheld,
    }
    return record, files, sections


def readable(value: Any) -> str:
    """A value as the PDF shows it."""
    if value is None or value == "" or value == []:
        return "—"
    if value is True or value is False:
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(readable(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _zip(export: AccessExport, record: dict[str, Any], files: list[tuple[str, str]]) -> bytes:
    sections = [
        {"title": s["title"], "items": [[(k.replace("_", " "), readable(v)) for k, v in i.items()] for i in s["items"]]}
        for s in record["sections"]
    ]
    context = {"record": record, "export": export, "sections": sections}
    html = render_to_string("records/requests/pdf.html", context)
    pdf = render_pdf(html)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("record.json", json.dumps(record, indent=2, ensure_ascii=False, default=str))
        archive.writestr("record.pdf", pdf)
        for name, arcname in files:
            try:
                with default_storage.open(name, "rb") as handle:
                    archive.writestr(arcname, handle.read())
            except OSError:
                logger.warning("a photo of export %s could not be read", export.pk)
    return buffer.getvalue()


def _write_review_items(export: AccessExport, sections: list[holdings.Section]) -> None:
    """A review item for each flagged row; a decision already made on the last draft is kept."""
    previous = (
        ReviewItem.objects.filter(export__request=export.request, export__final=False)
        .exclude(export=export)
        .order_by("export__created_at", "export__pk")
    )
    earlier = {(i.source, i.object_id): i for i in previous}
    rows = []
    for section in sections:
        for row in section.rows:
            if not row.flag:
                continue
            before = earlier.get((row.label, row.pk))
            rows.append(
                ReviewItem(
                    export=export,
                    source=row.label,
                    object_id=row.pk,
                    title=f"{section.title}: {row.title}"[:300],
                    reason=row.flag,
                    decision=before.decision if before else Decision.PENDING,
                    decision_reason=before.decision_reason if before else "",
                    decided_by_id=before.decided_by_id if before else None,
                    decided_at=before.decided_at if before else None,
                )
            )
    ReviewItem.objects.bulk_create(rows)


def _fail(export: AccessExport) -> bool:
    with transaction.atomic():
        AccessExport.objects.filter(pk=export.pk).update(status=AccessExport.Status.FAILED, finished_at=timezone.now())
        if not export.final:
            AccessRequest.objects.filter(pk=export.request_id, status=AccessRequest.Status.PREPARING).update(
                status=AccessRequest.Status.RECEIVED
            )
    return False


@task()
def make_access_export(export_id: int) -> bool:
    export = (
        AccessExport.objects.select_related("request__setting", "request__adult", "request__child", "made_by")
        .filter(pk=export_id)
        .first()
    )
    if export is None or export.status != AccessExport.Status.MAKING:
        return False
    request = export.request
    try:
        decided: dict[tuple[str, int], ReviewItem] = {}
        if export.final:
            draft = selectors.latest_draft(request)
            if draft is not None:
                decided = {(i.source, i.object_id): i for i in draft.review_items.all()}
        record, files, sections = build(export, decided)
        content = _zip(export, record, files)
        default_storage.delete(selectors.zip_name(export))
        default_storage.save(selectors.zip_name(export), ContentFile(content))
    except Exception:
        logger.exception("the access export %s could not be made", export_id)
        return _fail(export)
    with transaction.atomic():
        if not export.final:
            _write_review_items(export, sections)
        export.status = AccessExport.Status.READY
        export.item_count = sum(len(s["items"]) for s in record["sections"])
        export.finished_at = timezone.now()
        export.save(update_fields=["status", "item_count", "finished_at"])
        if export.final:
            AccessRequest.objects.filter(pk=request.pk).update(
                status=AccessRequest.Status.RELEASED, released_at=timezone.now(), released_by=export.made_by
            )
            transaction.on_commit(
                lambda: services.tell_requester(
                    request,
                    "Your records are ready to download",
                    "Open your request to download the complete export (a PDF and a machine-readable file).",
                )
            )
        else:
            AccessRequest.objects.filter(pk=request.pk, status=AccessRequest.Status.PREPARING).update(
                status=AccessRequest.Status.REVIEW
            )
    return True
