"""Who may make and download a child's learning journal book (R18).

The same people who may read the child's journal (``JOURNAL_VIEW``): the child's family (never an
adult a restriction keeps from information) and the staff who work with the child. The book is
always made as the family sees the journal, whoever asks for it.
"""

from __future__ import annotations

from tandem.core.access import Action
from tandem.people.rules import IsLinkedAdult

from .observations import JOURNAL_STAFF_RULES

# --- on a Child -------------------------------------------------------------------------------
BOOK_MAKE = Action(
    "journal.book.make",
    rules=(IsLinkedAdult(), *JOURNAL_STAFF_RULES),
    description="Make a child's learning journal as a PDF book (as the family sees it) and download it.",
)
