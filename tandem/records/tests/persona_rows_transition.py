"""Persona-matrix rows for a child's move to school (R55).

The key person and the setting's leaders plan it, write the report and meet the school; the family
with parental responsibility, not restricted, reads, adds to and agrees the report. Other
practitioners, the administrator, volunteers, owners and professionals: nothing. Child A has a
transition; child B has none (so no "Starting school" link under B)."""

from tandem.core.tests.personas import CHILDREN_LEADERS, only

STAFF_A = ("key_person_a", *CHILDREN_LEADERS)

ROWS = [
    # --- on a Setting --------------------------------------------------------------------------------
    ("records.transition.list", "setting", only(*STAFF_A)),
    ("records.transition.list", "other_setting", only("other_manager")),
    ("records.transition.list", None, only(*STAFF_A, "other_manager")),
    # --- on a Child -----------------------------------------------------------------------------------
    ("records.transition.start", "child_a", only(*STAFF_A)),
    ("records.transition.start", "child_b", only(*CHILDREN_LEADERS)),
    ("records.transition.start", "other_child", only("other_manager")),
    ("records.transition.start", None, only(*STAFF_A, "other_manager")),
    ("records.transition.child", "child_a", only(*STAFF_A)),
    ("records.transition.child", "child_b", only()),  # no transition
    ("records.transition.child", "other_child", only("other_manager")),
    ("records.transition.family", "child_a", only("parent_a")),
    ("records.transition.family", "child_b", only()),
    ("records.transition.family", "other_child", only()),
    ("records.transition.family", None, only("parent_a")),
    # --- on a Transition ------------------------------------------------------------------------------
    ("records.transition.view", "transition", only(*STAFF_A)),
    ("records.transition.view", "other_transition", only("other_manager")),
    ("records.transition.plan", "transition", only(*STAFF_A)),
    ("records.transition.plan", "other_transition", only("other_manager")),
    ("records.transition.agree", "transition", only("parent_a")),
    ("records.transition.agree", "other_transition", only()),
]
