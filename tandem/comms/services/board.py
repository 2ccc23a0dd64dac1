"""Every write about the notice board's documents (R27): keyword-only, one transaction, audited.

A document must be a PDF, checked from its own bytes (``%PDF-``), of at most 10 MB. It is stored
under a random name and served only by a permission-checked view.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tandem.core import audit, files
from tandem.core.access import require
from tandem.core.models import Setting, User

from ..actions.board import BOARD_MANAGE
from ..models.board import SettingDocument


def check_pdf(upload: Any) -> None:
    """Refuse anything but a PDF of at most 10 MB, judged by its bytes, not its name."""
    if upload is None:
        raise ValidationError({"file": "Choose a PDF file."})
    files.check_pdf(upload, field="file", what="The file")


def upload_document(
    *, actor: User, setting: Setting, kind: str, title: str, summary: str, dated: dt.date, upload: Any
) -> SettingDocument:
    require(actor, BOARD_MANAGE, setting)
    title, summary = (title or "").strip(), (summary or "").strip()
    errors = {}
    if kind not in SettingDocument.Kind.values:
        errors["kind"] = "Choose what kind of document it is."
    if not title:
        errors["title"] = "Write a title."
    if dated is None:
        errors["dated"] = "Enter the date of the inspection or of the last review."
    elif dated > timezone.localdate():
        errors["dated"] = "The date cannot be in the future."
    if errors:
        raise ValidationError(errors)
    check_pdf(upload)
    with transaction.atomic():
        document = SettingDocument(
            setting=setting,
            kind=kind,
            title=title[:200],
            summary=summary[:300],
            dated=dated,
            size=upload.size,
            uploaded_by=actor,
        )
        document.file.save(f"{secrets.token_hex(16)}.pdf", upload, save=False)
        document.save()
        audit.record("comms.board.document_uploaded", actor, obj=document, setting_id=setting.pk)
    return document


def withdraw_document(*, actor: User, document: SettingDocument) -> SettingDocument:
    """Take a document off the board (it is kept, for the record)."""
    require(actor, BOARD_MANAGE, document.setting)
    with transaction.atomic():
        locked = SettingDocument.objects.select_for_update().get(pk=document.pk)
        if locked.withdrawn_at is None:
            locked.withdrawn_at = timezone.now()
            locked.save(update_fields=["withdrawn_at"])
            audit.record("comms.board.document_withdrawn", actor, obj=locked, setting_id=locked.setting_id)
    return locked
