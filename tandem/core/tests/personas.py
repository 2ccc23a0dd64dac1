"""Groups of personas for persona-matrix rows (see test_persona_matrix.py and persona_rows_*.py)."""

from __future__ import annotations

from tandem.conftest import PERSONAS

CHILDREN_LEADERS = ("senco", "dsl", "manager", "deputy")
RECORD_KEEPERS = ("manager", "deputy", "administrator")
SETTING_STAFF = (
    "key_person_a",
    "room_practitioner",
    "other_practitioner",
    "senco",
    "dsl",
    "manager",
    "deputy",
    "administrator",
    "volunteer",
)
SIGNED_IN = tuple(p for p in PERSONAS if p != "anonymous")


def only(*allowed: str) -> dict[str, bool]:
    """A full row: the personas named are allowed, every other persona is refused."""
    unknown = set(allowed) - set(PERSONAS)
    assert not unknown, f"unknown personas {unknown}"
    return {persona: persona in allowed for persona in PERSONAS}
