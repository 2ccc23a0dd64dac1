"""The learning journal book among each child's links (the family's home page, the child's record)."""

from __future__ import annotations

from tandem.people.panels import Link, register_link

from ..actions.book import BOOK_MAKE

register_link(Link("journal_book", "Learning journal book (PDF)", "journal:book", BOOK_MAKE, 72))
