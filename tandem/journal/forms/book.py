"""Forms of the learning journal book (R18) and of staff's exports of the journal (R51): a member of
staff who takes a child's journal out of Tandem says why, and the purpose is logged."""

from __future__ import annotations

from tandem.core.forms import PurposeForm


class BookPurposeForm(PurposeForm):
    QUESTION = "Why do you need it?"
    MISSING = "Say why you need it."
    PURPOSES = [
        ("transition", "For the child's move to school or another setting"),
        ("meeting", "For a meeting with the family"),
        ("professional", "For a professional working with the child, with the family's consent"),
        ("file", "To print for the child's file in the setting"),
    ]
