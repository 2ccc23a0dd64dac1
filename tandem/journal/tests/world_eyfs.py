"""World objects for the journal: the EYFS data (tests build tables without running migrations)."""

from __future__ import annotations

from typing import Any

from tandem.journal.models import Area
from tandem.journal.services.eyfs import ensure_eyfs


def extend(w: Any) -> None:
    ensure_eyfs()
    w.areas = {a.code: a for a in Area.objects.prefetch_related("aspects")}
