"""Persona-matrix rows for outings (R29).

World: ``outing_a`` is for room 1 (child A, announced); ``outing_b`` is a draft for child B alone
(room 2, where A's key person works); ``other_outing`` is the other provider's."""

from tandem.core.tests.personas import CHILDREN_LEADERS, only

PLANNERS_HERE = ("manager", "deputy", "room_practitioner", "key_person_a")  # a practitioner with a room

ROWS = [
    # the setting's list of outings: leaders and practitioners with a room (never a volunteer, the
    # administrator, or a practitioner without a room)
    ("comms.outings.list", "setting", only(*CHILDREN_LEADERS, "room_practitioner", "key_person_a")),
    ("comms.outings.list", "other_setting", only("other_manager")),
    ("comms.outings.list", None, only(*CHILDREN_LEADERS, "room_practitioner", "key_person_a", "other_manager")),
    # planning: the manager and deputy, and a practitioner for their own room
    ("comms.outings.plan", "setting", only(*PLANNERS_HERE)),
    ("comms.outings.plan", "other_setting", only("other_manager")),
    ("comms.outings.plan", None, only(*PLANNERS_HERE, "other_manager")),
    # who may go and the risk assessment: leaders and the practitioners of a room it involves
    ("comms.outings.see", "outing_a", only(*CHILDREN_LEADERS, "room_practitioner")),
    ("comms.outings.see", "outing_b", only(*CHILDREN_LEADERS, "key_person_a")),
    ("comms.outings.see", "other_outing", only("other_manager")),
    ("comms.outings.see", None, only(*CHILDREN_LEADERS, "room_practitioner", "key_person_a", "other_manager")),
    # change, announce, remind, cancel: managers, and a practitioner when it is only their room's
    ("comms.outings.manage", "outing_a", only("manager", "deputy", "room_practitioner")),
    ("comms.outings.manage", "outing_b", only("manager", "deputy", "key_person_a")),
    ("comms.outings.manage", "other_outing", only("other_manager")),
    ("comms.outings.manage", None, only(*PLANNERS_HERE, "other_manager")),
    # a child's outings: every parent or carer not barred from information, and staff who work with the child
    (
        "comms.outings.child",
        "child_a",
        only("parent_a", "key_person_a", "room_practitioner", *CHILDREN_LEADERS),
    ),
    ("comms.outings.child", "child_b", only("parent_b_no_pr", "key_person_a", *CHILDREN_LEADERS)),
    ("comms.outings.child", "other_child", only("other_manager")),
    (
        "comms.outings.child",
        None,
        only("parent_a", "parent_b_no_pr", "key_person_a", "room_practitioner", *CHILDREN_LEADERS, "other_manager"),
    ),
    # consent: only an adult with parental responsibility (never staff, never a restricted parent)
    ("comms.outings.consent", "child_a", only("parent_a")),
    ("comms.outings.consent", "child_b", only()),
    ("comms.outings.consent", "other_child", only()),
    ("comms.outings.consent", None, only("parent_a")),
]
