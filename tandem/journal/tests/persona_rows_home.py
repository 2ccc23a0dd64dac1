"""Persona-matrix rows for learning at home (R15): a linked parent or carer (never one kept from
information) adds for their own child; practitioners and the setting's leaders see the queue."""

from tandem.core.tests.personas import CHILDREN_LEADERS, only

PRACTITIONERS = ("key_person_a", "room_practitioner", "other_practitioner")

ROWS = [
    ("journal.home.add", "child_a", only("parent_a")),
    ("journal.home.add", "child_b", only("parent_b_no_pr")),
    ("journal.home.add", "other_child", only()),
    ("journal.home.add", None, only("parent_a", "parent_b_no_pr")),
    ("journal.home.queue", "setting", only(*PRACTITIONERS, *CHILDREN_LEADERS)),
    ("journal.home.queue", "other_setting", only("other_manager")),
    ("journal.home.queue", None, only(*PRACTITIONERS, *CHILDREN_LEADERS, "other_manager")),
]
