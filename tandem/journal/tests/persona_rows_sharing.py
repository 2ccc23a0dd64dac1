"""Persona-matrix rows for sending to another setting (R25)."""

from tandem.core.tests.personas import CHILDREN_LEADERS, only

ROWS = [
    # sending, the full log and revoking: the key person and leaders
    ("journal.sharing.manage", "child_a", only("key_person_a", *CHILDREN_LEADERS)),
    ("journal.sharing.manage", "child_b", only(*CHILDREN_LEADERS)),
    ("journal.sharing.manage", "other_child", only("other_manager")),
    ("journal.sharing.manage", None, only("key_person_a", *CHILDREN_LEADERS, "other_manager")),
    # seeing what was sent and to whom: also families with parental responsibility
    ("journal.sharing.view", "child_a", only("parent_a", "key_person_a", *CHILDREN_LEADERS)),
    ("journal.sharing.view", "child_b", only(*CHILDREN_LEADERS)),
    ("journal.sharing.view", "other_child", only("other_manager")),
    ("journal.sharing.view", None, only("parent_a", "key_person_a", *CHILDREN_LEADERS, "other_manager")),
]
