"""Persona-matrix rows for All About Me (R11): read by the family, the key person, the room and
leadership; written by any linked adult who is not restricted (parental responsibility is not
needed: see tandem/enrolment/actions/aboutme.py), the key person, the manager and the deputy."""

from tandem.core.tests.personas import CHILDREN_LEADERS, only

ROWS = [
    (
        "enrolment.aboutme.view",
        "child_a",
        only("parent_a", "key_person_a", "room_practitioner", *CHILDREN_LEADERS),
    ),
    # B is in room 2, where A's key person works: the room rule. B's step-parent has no PR but reads it.
    ("enrolment.aboutme.view", "child_b", only("parent_b_no_pr", "key_person_a", *CHILDREN_LEADERS)),
    ("enrolment.aboutme.view", "other_child", only("other_manager")),
    (
        "enrolment.aboutme.view",
        None,
        only("parent_a", "parent_b_no_pr", "key_person_a", "room_practitioner", *CHILDREN_LEADERS, "other_manager"),
    ),
    ("enrolment.aboutme.edit", "child_a", only("parent_a", "key_person_a", "manager", "deputy")),
    # the step-parent without parental responsibility may write it; the room practitioner may not
    ("enrolment.aboutme.edit", "child_b", only("parent_b_no_pr", "manager", "deputy")),
    ("enrolment.aboutme.edit", "other_child", only("other_manager")),
]
