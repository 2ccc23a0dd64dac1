"""Next steps under each child, for the family and the staff who read the journal."""

from __future__ import annotations

from tandem.people.panels import Link, register_link

from ..actions.nextsteps import NEXTSTEP_SUGGEST
from ..actions.observations import JOURNAL_VIEW

assert NEXTSTEP_SUGGEST  # registered with the access layer on import
register_link(Link("nextsteps", "Next steps", "journal:nextsteps", JOURNAL_VIEW, order=67))
