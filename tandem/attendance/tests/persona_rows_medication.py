"""Persona-matrix rows for medication (R9)."""

from tandem.core.tests.personas import CHILDREN_LEADERS, only

GIVERS_A = ("key_person_a", "room_practitioner", *CHILDREN_LEADERS)

ROWS = [
    # seeing: linked parents not barred from information (with or without PR), the staff who give medicine
    ("attendance.medication.view", "child_a", only("parent_a", *GIVERS_A)),
    ("attendance.medication.view", "child_b", only("parent_b_no_pr", "key_person_a", *CHILDREN_LEADERS)),
    ("attendance.medication.view", "other_child", only("other_manager")),
    ("attendance.medication.view", None, only("parent_a", "parent_b_no_pr", *GIVERS_A, "other_manager")),
    # authorising, stopping, acknowledging: parental responsibility, never restricted
    ("attendance.medication.authorise", "child_a", only("parent_a")),
    ("attendance.medication.authorise", "child_b", only()),
    ("attendance.medication.authorise", "other_child", only()),
    ("attendance.medication.authorise", None, only("parent_a")),
    # giving: the key person, practitioners of the child's room, leaders (never a volunteer)
    ("attendance.medication.give", "child_a", only(*GIVERS_A)),
    ("attendance.medication.give", "child_b", only("key_person_a", *CHILDREN_LEADERS)),
    ("attendance.medication.give", "other_child", only("other_manager")),
    ("attendance.medication.give", None, only(*GIVERS_A, "other_manager")),
    # today's medicines of the setting: practitioners and leaders
    ("attendance.medication.today", "setting", only(*GIVERS_A, "other_practitioner")),
    ("attendance.medication.today", "other_setting", only("other_manager")),
    ("attendance.medication.today", None, only(*GIVERS_A, "other_practitioner", "other_manager")),
]
