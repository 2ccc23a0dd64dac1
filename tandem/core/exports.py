"""Exports and prints of a child's record state a purpose and are logged (R51).

Every feature that lets staff take a child's record out of Tandem (a PDF, a print, a share pack)
calls :func:`record_export` first, in the same transaction as the export's own row, with the purpose
its maker typed. The log is append-only (``ExportRecord``) and is also an audit event about the child.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from . import audit
from .models import ExportRecord

PURPOSE_REQUIRED = "Say why you are exporting or printing it."
PURPOSE_TOO_LONG = "Keep the purpose to 300 characters."


def clean_purpose(purpose: str | None, *, field: str = "purpose") -> str:
    """The purpose as one line of text, or a ValidationError on ``field``."""
    text = " ".join((purpose or "").split())
    if not text:
        raise ValidationError({field: PURPOSE_REQUIRED})
    if len(text) > 300:
        raise ValidationError({field: PURPOSE_TOO_LONG})
    return text


def record_export(
    *, actor: Any, setting_id: int, what: str, purpose: str | None, child_id: int | None = None
) -> ExportRecord:
    """Log an export or print with its purpose; refuses (ValidationError on ``purpose``) without one."""
    text = clean_purpose(purpose)
    row = ExportRecord.objects.create(
        setting_id=setting_id,
        actor=actor if getattr(actor, "pk", None) else None,
        child_id=child_id,
        what=what[:120],
        purpose=text,
    )
    audit.record("core.export.made", actor, child_ids=[child_id] if child_id else [], obj=row, setting_id=setting_id)
    return row
