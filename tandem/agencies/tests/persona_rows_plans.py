"""Persona-matrix rows for support plans (R22, R23). Staff of the child read (the key person, the room's
practitioners, the leaders) and the key person and leaders write; the family (parental
responsibility, no restriction) read once a plan is proposed, agree a proposed plan and comment; the
invited professional reads and comments on their one plan. Administrators, volunteers, owners, line
managers, the step-parent without parental responsibility and the restricted parent see nothing."""

from tandem.core.tests.personas import CHILDREN_LEADERS, only

LEADERS = CHILDREN_LEADERS
ROOM_A = ("key_person_a", "room_practitioner", *LEADERS)  # child A's staff who read
WRITE_A = ("key_person_a", *LEADERS)  # child A's staff who write

ROWS = [
    # --- on a Child: the panel on the record, starting a plan, the family's page -------------------
    ("agencies.plans.child", "child_a", only(*ROOM_A)),
    ("agencies.plans.child", "child_b", only("key_person_a", *LEADERS)),  # B's room is A's key person's
    ("agencies.plans.child", "other_child", only("other_manager")),
    ("agencies.plans.child", None, only(*ROOM_A, "other_manager")),
    ("agencies.plans.start", "child_a", only(*WRITE_A)),
    ("agencies.plans.start", "child_b", only(*LEADERS)),
    ("agencies.plans.start", "other_child", only("other_manager")),
    ("agencies.plans.start", None, only(*WRITE_A, "other_manager")),
    # the family's link and page: only a parent with parental responsibility, once a plan is proposed
    ("agencies.plans.family", "child_a", only("parent_a")),
    ("agencies.plans.family", "child_b", only()),  # the step-parent has no parental responsibility
    ("agencies.plans.family", "other_child", only()),
    ("agencies.plans.family", None, only("parent_a")),
    # --- on a Setting: plans due for review --------------------------------------------------------
    ("agencies.plans.due", "setting", only(*WRITE_A)),
    ("agencies.plans.due", "other_setting", only("other_manager")),
    ("agencies.plans.due", None, only(*WRITE_A, "other_manager")),
    # --- reading a plan ------------------------------------------------------------------------------
    ("agencies.plans.view", "plan_draft_a", only(*ROOM_A)),  # a draft: never the family
    ("agencies.plans.view", "plan_a", only(*ROOM_A, "parent_a", "professional")),
    ("agencies.plans.view", "plan_proposed_a", only(*ROOM_A, "parent_a")),
    ("agencies.plans.view", "plan_closed_a", only(*ROOM_A, "parent_a")),
    ("agencies.plans.view", "plan_b", only("key_person_a", *LEADERS)),
    ("agencies.plans.view", "other_plan", only("other_manager")),
    ("agencies.plans.view", None, only(*ROOM_A, "parent_a", "professional", "other_manager")),
    # --- writing it: open plans only ---------------------------------------------------------------------
    ("agencies.plans.edit", "plan_draft_a", only(*WRITE_A)),
    ("agencies.plans.edit", "plan_a", only(*WRITE_A)),
    ("agencies.plans.edit", "plan_closed_a", only()),
    ("agencies.plans.edit", "plan_b", only(*LEADERS)),
    ("agencies.plans.edit", "other_plan", only("other_manager")),
    ("agencies.plans.edit", None, only(*WRITE_A, "other_manager")),
    ("agencies.plans.contributors", "plan_a", only(*WRITE_A)),
    ("agencies.plans.contributors", "plan_closed_a", only()),
    ("agencies.plans.contributors", "plan_b", only(*LEADERS)),
    ("agencies.plans.contributors", "other_plan", only("other_manager")),
    ("agencies.plans.contributors", None, only(*WRITE_A, "other_manager")),
    # --- reviews: of a plan proposed to or agreed with the family ------------------------------------------
    ("agencies.plans.review", "plan_draft_a", only()),
    ("agencies.plans.review", "plan_a", only(*WRITE_A)),
    ("agencies.plans.review", "plan_proposed_a", only(*WRITE_A)),
    ("agencies.plans.review", "plan_closed_a", only()),
    ("agencies.plans.review", "plan_b", only(*LEADERS)),
    ("agencies.plans.review", "other_plan", only("other_manager")),
    ("agencies.plans.review", None, only(*WRITE_A, "other_manager")),
    # --- the family agree a proposed plan ------------------------------------------------------------------
    ("agencies.plans.agree", "plan_proposed_a", only("parent_a")),
    ("agencies.plans.agree", "plan_a", only()),  # already agreed
    ("agencies.plans.agree", "plan_draft_a", only()),
    ("agencies.plans.agree", "plan_b", only()),  # no one with parental responsibility signs in
    ("agencies.plans.agree", "other_plan", only()),
    ("agencies.plans.agree", None, only("parent_a")),
    # --- comments ----------------------------------------------------------------------------------------
    ("agencies.plans.comment", "plan_draft_a", only(*WRITE_A)),
    ("agencies.plans.comment", "plan_a", only(*WRITE_A, "parent_a", "professional")),
    ("agencies.plans.comment", "plan_proposed_a", only(*WRITE_A, "parent_a")),
    ("agencies.plans.comment", "plan_closed_a", only()),
    ("agencies.plans.comment", "plan_b", only(*LEADERS)),
    ("agencies.plans.comment", "other_plan", only("other_manager")),
    ("agencies.plans.comment", None, only(*WRITE_A, "parent_a", "professional", "other_manager")),
]
