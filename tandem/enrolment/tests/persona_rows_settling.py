"""Persona-matrix rows for settling in (R12): the family and the staff who work with the child see
it; the key person, manager and deputy make the plan; the team writes notes; parents reply."""

from tandem.core.tests.personas import CHILDREN_LEADERS, only

ROWS = [
    ("enrolment.settling.view", "child_a", only("parent_a", "key_person_a", "room_practitioner", *CHILDREN_LEADERS)),
    ("enrolment.settling.view", "child_b", only("parent_b_no_pr", "key_person_a", *CHILDREN_LEADERS)),
    ("enrolment.settling.view", "other_child", only("other_manager")),
    ("enrolment.settling.plan", "child_a", only("key_person_a", "manager", "deputy")),
    ("enrolment.settling.plan", "child_b", only("manager", "deputy")),
    ("enrolment.settling.plan", "other_child", only("other_manager")),
    ("enrolment.settling.log", "child_a", only("key_person_a", "room_practitioner", *CHILDREN_LEADERS)),
    ("enrolment.settling.log", "child_b", only("key_person_a", *CHILDREN_LEADERS)),
    ("enrolment.settling.log", "other_child", only("other_manager")),
    ("enrolment.settling.reply", "child_a", only("parent_a")),
    ("enrolment.settling.reply", "child_b", only("parent_b_no_pr")),
    ("enrolment.settling.reply", "other_child", only()),
    ("enrolment.settling.reply", None, only("parent_a", "parent_b_no_pr")),
]
