"""Who may see, set and suggest a child's next steps (R16).

Reading is ``JOURNAL_VIEW`` and setting or changing them ``JOURNAL_CONTRIBUTE`` (both on the Child,
from ``actions.observations``); a family suggests one with ``NEXTSTEP_SUGGEST``."""

from __future__ import annotations

from tandem.core.access import Action
from tandem.people.rules import IsLinkedAdult

NEXTSTEP_SUGGEST = Action(
    "journal.nextsteps.suggest",
    rules=(IsLinkedAdult(),),
    description="A parent or carer suggests a next step for their own child; the key person takes it on.",
)
