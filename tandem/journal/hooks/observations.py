"""The learning journal on every child's pages (parents see it on their home page)."""

from __future__ import annotations

from tandem.people.panels import Link, register_link

from ..actions.observations import JOURNAL_VIEW

register_link(Link("journal", "Learning journal", "journal:child_journal", JOURNAL_VIEW, order=5))
