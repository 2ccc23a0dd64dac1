"""Printing or exporting a child's record (R51): the purpose is logged first (``record_export``, in
the same transaction), then the PDF is made in the task queue (``tasks_exports``) and downloaded
only by whoever asked for it. Every download is audited.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction

from tandem.core import audit
from tandem.core.access import require
from tandem.core.exports import record_export
from tandem.core.models import ExportRecord, User
from tandem.people.models import Child

from ..actions.exports import EXPORT_CHILD
from ..selectors import exports as selectors

STILL_MAKING = "Your last export of this record is still being made. Wait for it, then download it."
NO_SECTIONS = "Choose at least one part of the record."


def request_export(*, actor: User, child: Child, sections: list[str], purpose: str | None) -> ExportRecord:
    """Log the export with its purpose, then make the PDF after commit. The person's earlier export
    of the child's record is deleted (its log row stays)."""
    from ..tasks_exports import make_child_export

    require(actor, EXPORT_CHILD, child)
    available = dict(selectors.available_sections(actor, child))
    unknown = [code for code in sections if code not in available]
    if unknown:
        raise ValidationError({"sections": "You cannot export that part of the record."})
    chosen = [code for code in selectors.SECTIONS if code in sections]
    if not chosen:
        raise ValidationError({"sections": NO_SECTIONS})
    previous = selectors.current_export(actor=actor, child=child)
    if previous is not None and previous.in_progress:
        raise ValidationError(STILL_MAKING)
    what = f"{selectors.CHILD_RECORD}: " + ", ".join(available[code] for code in chosen).lower()
    with transaction.atomic():
        row = record_export(actor=actor, setting_id=child.setting_id, what=what, purpose=purpose, child_id=child.pk)
        transaction.on_commit(lambda: make_child_export.enqueue(row.pk, chosen))
        if previous is not None:
            transaction.on_commit(lambda: delete_files(previous.record))
    return row


def delete_files(record: ExportRecord) -> None:
    for name in (selectors.pdf_name(record), selectors.failed_name(record)):
        default_storage.delete(name)


def record_download(*, actor: User, child: Child, record: ExportRecord) -> None:
    require(actor, EXPORT_CHILD, child)
    audit.record("agencies.exports.downloaded", actor, child_ids=[child.pk], obj=record, setting_id=child.setting_id)
