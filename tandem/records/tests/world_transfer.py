"""Records sent to the receiving school in the test world (R55): child A's learning, SEN and child
protection records, each sent by link to a named person at the school; the other provider's twin."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tandem.records.models import RecordTransfer


def _sent(w: Any, kind: str, contact: Any, by: Any, transition: Any, **extra: Any) -> RecordTransfer:
    now = timezone.now()
    return RecordTransfer.objects.create(
        setting=transition.setting,
        child=transition.child,
        transition=transition,
        kind=kind,
        contact=contact,
        recipient_name=contact.name,
        recipient_email=contact.email,
        status=RecordTransfer.Status.SENT,
        token_hash=f"{kind}-{transition.pk}".ljust(64, "0"),
        sent_at=now - dt.timedelta(days=1),
        expires_at=now + dt.timedelta(days=6),
        created_by=by,
        **extra,
    )


def extend(w: Any) -> None:
    kind = RecordTransfer.Kind
    w.transfer_learning = _sent(w, kind.LEARNING, w.school_teacher, w.manager, w.transition)
    w.transfer_sen = _sent(w, kind.SEN, w.school_teacher, w.senco, w.transition)
    w.transfer_protection = _sent(w, kind.PROTECTION, w.school_dsl, w.dsl, w.transition)
    w.other_transfer = _sent(w, kind.LEARNING, w.other_school_teacher, w.other_manager, w.other_transition)
