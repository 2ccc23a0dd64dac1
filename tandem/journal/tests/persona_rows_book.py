"""Persona-matrix rows for the learning journal book (R18): the same people as read the journal."""

from tandem.core.tests.personas import CHILDREN_LEADERS, only

ROWS = [
    # the family (never a restricted adult) and the staff who work with the child
    ("journal.book.make", "child_a", only("parent_a", "key_person_a", "room_practitioner", *CHILDREN_LEADERS)),
    # B is in room 2, where A's key person works: the room rule
    ("journal.book.make", "child_b", only("parent_b_no_pr", "key_person_a", *CHILDREN_LEADERS)),
    ("journal.book.make", "other_child", only("other_manager")),
    (
        "journal.book.make",
        None,
        only("parent_a", "parent_b_no_pr", "key_person_a", "room_practitioner", *CHILDREN_LEADERS, "other_manager"),
    ),
]
