"""Persona-matrix rows for the room boards (R19, R20)."""

from tandem.core.tests.personas import CHILDREN_LEADERS, only

ROWS = [
    # reading: families with a child in the room (never a restricted adult), and the room's staff:
    # its practitioners, key persons of its children (A's key person works in room 2), leadership
    ("journal.boards.view", "room_1", only("parent_a", "key_person_a", "room_practitioner", *CHILDREN_LEADERS)),
    ("journal.boards.view", "room_2", only("parent_b_no_pr", "key_person_a", *CHILDREN_LEADERS)),
    ("journal.boards.view", "other_room", only("other_manager")),
    (
        "journal.boards.view",
        None,
        only("parent_a", "parent_b_no_pr", "key_person_a", "room_practitioner", *CHILDREN_LEADERS, "other_manager"),
    ),
    # writing: the room's staff only; never a volunteer (even in the room), never the office alone
    ("journal.boards.write", "room_1", only("key_person_a", "room_practitioner", *CHILDREN_LEADERS)),
    ("journal.boards.write", "room_2", only("key_person_a", *CHILDREN_LEADERS)),
    ("journal.boards.write", "other_room", only("other_manager")),
    ("journal.boards.write", None, only("key_person_a", "room_practitioner", *CHILDREN_LEADERS, "other_manager")),
    # the family's link from their child to the room's board
    ("journal.boards.child", "child_a", only("parent_a")),
    ("journal.boards.child", "child_b", only("parent_b_no_pr")),
    ("journal.boards.child", "other_child", only()),
    ("journal.boards.child", None, only("parent_a", "parent_b_no_pr")),
]
