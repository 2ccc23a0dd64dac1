"""The audit trail: one append-only row per event, with ids and the event's name only.

``record`` is called from every service write and from every read of a sensitive record.
The row is written after the surrounding transaction commits, so a rolled-back change leaves
no trace of having happened, and a read outside a transaction is written at once.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from .models import AuditEvent, AuditSubject

logger = logging.getLogger("tandem.audit")
EVENT_NAME = re.compile(r"^[a-z][a-z_]*(\.[a-z][a-z_]*)+$")


def record(
    event: str,
    actor: Any,
    *,
    child_ids: Iterable[int] = (),
    person_ids: Iterable[int] = (),
    obj: models.Model | None = None,
    setting_id: int | None = None,
) -> None:
    """Record that ``actor`` did ``event`` (a dotted name such as ``people.child.viewed``)."""
    if not EVENT_NAME.match(event):
        raise ValueError("Audit event names are dotted lower-case words, never free text")
    at = timezone.now()
    actor_id = getattr(actor, "pk", None)
    subjects = [(AuditSubject.Kind.CHILD, int(i)) for i in child_ids] + [
        (AuditSubject.Kind.PERSON, int(i)) for i in person_ids
    ]
    object_type = obj._meta.label_lower if obj is not None else ""
    object_id = obj.pk if obj is not None else None

    def write() -> None:
        with transaction.atomic():
            row = AuditEvent.objects.create(
                at=at,
                event=event,
                actor_id=actor_id,
                setting_id=setting_id,
                object_type=object_type,
                object_id=object_id,
            )
            AuditSubject.objects.bulk_create(
                [AuditSubject(event=row, kind=kind, subject_id=sid) for kind, sid in subjects]
            )
        logger.info("audit %s actor=%s object=%s:%s", event, actor_id, object_type, object_id)

    transaction.on_commit(write, robust=True)
