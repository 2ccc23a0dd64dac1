"""Making the PDF of a child's record (R51) in the task queue. Tasks take ids (and the section
codes chosen), never personal data.

The task checks again that the person who asked may still export the child's record, reads each
section as they may see it now, renders our own HTML with nothing fetched (``core.files.render_pdf``)
and keeps the PDF in private storage under the name only the server can work out from the log row.
A failure leaves a marker, so the page can say so at once.
"""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django_tasks import task

from tandem.core.access import can
from tandem.core.files import render_pdf
from tandem.core.models import ExportRecord
from tandem.people.models import Child

from .actions.exports import EXPORT_CHILD
from .selectors import exports as selectors

logger = logging.getLogger("tandem.agencies")


def _fail(record: ExportRecord) -> bool:
    default_storage.save(selectors.failed_name(record), ContentFile(b""))
    return False


@task()
def make_child_export(export_id: int, sections: list[str]) -> bool:
    record = ExportRecord.objects.select_related("actor").filter(pk=export_id).first()
    if record is None or record.actor is None or record.child_id is None:
        return False
    name = selectors.pdf_name(record)
    if default_storage.exists(name):
        return True
    child = (
        Child.objects.select_related("setting", "room", "key_person", "backup_key_person")
        .filter(pk=record.child_id, setting_id=record.setting_id)
        .first()
    )
    if child is None or not can(record.actor, EXPORT_CHILD, child):
        return _fail(record)
    try:
        context = selectors.record_context(record.actor, child, [str(code) for code in sections], record)
        pdf = render_pdf(render_to_string("agencies/exports/pdf.html", context))
        default_storage.save(name, ContentFile(pdf))
    except Exception:
        logger.exception("the export %s could not be made", export_id)
        return _fail(record)
    return True
