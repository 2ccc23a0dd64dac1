"""Persona-matrix rows for collection (R43, R44)."""

from tandem.core.tests.personas import CHILDREN_LEADERS, RECORD_KEEPERS, only

DOOR = ("key_person_a", "room_practitioner", *CHILDREN_LEADERS)

ROWS = [
    # the list: the family with parental responsibility (never a restricted adult), staff at the door, the office
    ("attendance.collection.view", "child_a", only("parent_a", *DOOR, "administrator")),
    # B's parent has no parental responsibility; A's key person works in B's room
    ("attendance.collection.view", "child_b", only("key_person_a", *CHILDREN_LEADERS, "administrator")),
    ("attendance.collection.view", "other_child", only("other_manager")),
    ("attendance.collection.view", None, only("parent_a", *DOOR, "administrator", "other_manager")),
    # named collectors: the family with PR, or the office on their behalf
    ("attendance.collection.manage", "child_a", only("parent_a", *RECORD_KEEPERS)),
    ("attendance.collection.manage", "child_b", only(*RECORD_KEEPERS)),
    ("attendance.collection.manage", "other_child", only("other_manager")),
    ("attendance.collection.manage", None, only("parent_a", *RECORD_KEEPERS, "other_manager")),
    # one-off written permission and the password: the family's own, parental responsibility, unrestricted
    ("attendance.collection.one_off", "child_a", only("parent_a")),
    ("attendance.collection.one_off", "child_b", only()),
    ("attendance.collection.one_off", "other_child", only()),
    ("attendance.collection.one_off", None, only("parent_a")),
    ("attendance.collection.password", "child_a", only("parent_a")),
    ("attendance.collection.password", "child_b", only()),
    ("attendance.collection.password", "other_child", only()),
    ("attendance.collection.password", None, only("parent_a")),
    # the door: key person, practitioners of the room, leaders; not volunteers, not the administrator
    ("attendance.collection.release", "child_a", only(*DOOR)),
    ("attendance.collection.release", "child_b", only("key_person_a", *CHILDREN_LEADERS)),
    ("attendance.collection.release", "other_child", only("other_manager")),
    ("attendance.collection.release", None, only(*DOOR, "other_manager")),
]
