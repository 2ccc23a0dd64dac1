"""The parents' "Have your say" hub: each voice feature registers a section listing what is open
for this parent (a questionnaire to answer, a consultation, a vote, a policy to acknowledge…).

A section is a template rendered with ``items`` (what ``items(user)`` returns: a short list, already
filtered by the access layer, one or two queries) and is shown only when the list is not empty.
Features register in their hooks: ``register_section(Section("questionnaires", "Questionnaires",
"voice/questionnaires/_hub.html", open_questionnaires_for, order=10))``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    template: str
    items: Callable[[Any], list[Any]]
    order: int = 50


SECTIONS: dict[str, Section] = {}


def register_section(section: Section) -> None:
    SECTIONS[section.key] = section


def sections_for(user: Any) -> list[tuple[Section, list[Any]]]:
    """The sections with something open for ``user``, in order."""
    found = []
    for section in sorted(SECTIONS.values(), key=lambda s: (s.order, s.key)):
        items = section.items(user)
        if items:
            found.append((section, items))
    return found
