"""Persona-matrix rows for multi-agency work (R52): the key person and the setting's leaders; a
safeguarding referral, meeting or action only the DSL, the manager and the key person; the family
(a parent with parental responsibility, not restricted) only through their own page; nobody else:
not room practitioners, the administrator, volunteers, owners, line managers or visiting
professionals."""

from tandem.core.tests.personas import CHILDREN_LEADERS, only

STAFF_A = ("key_person_a", *CHILDREN_LEADERS)
PROTECTION = ("key_person_a", "dsl", "manager")

ROWS = [
    # --- on a Child ---------------------------------------------------------------------------------
    ("agencies.multiagency.view", "child_a", only(*STAFF_A)),
    ("agencies.multiagency.view", "child_b", only(*CHILDREN_LEADERS)),
    ("agencies.multiagency.view", "other_child", only("other_manager")),
    ("agencies.multiagency.view", None, only(*STAFF_A, "other_manager")),
    ("agencies.multiagency.record", "child_a", only(*STAFF_A)),
    ("agencies.multiagency.record", "other_child", only("other_manager")),
    ("agencies.multiagency.record", None, only(*STAFF_A, "other_manager")),
    # the family's page: parental responsibility, not restricted, and something shared with them
    ("agencies.multiagency.family", "child_a", only("parent_a")),
    ("agencies.multiagency.family", "child_b", only()),  # no parental responsibility, nothing shared
    ("agencies.multiagency.family", "other_child", only()),
    ("agencies.multiagency.family", None, only("parent_a")),
    # --- on a Referral ------------------------------------------------------------------------------
    ("agencies.multiagency.referral", "referral_a", only(*STAFF_A)),
    ("agencies.multiagency.referral", "safeguarding_referral_a", only(*PROTECTION)),
    ("agencies.multiagency.referral", "other_referral", only("other_manager")),
    ("agencies.multiagency.referral", "other_safeguarding_referral", only("other_manager")),
    ("agencies.multiagency.referral", None, only(*STAFF_A, "other_manager")),
    # --- on an AgencyMeeting ------------------------------------------------------------------------
    ("agencies.multiagency.meeting", "tac_meeting_a", only(*STAFF_A)),
    ("agencies.multiagency.meeting", "cp_conference_a", only(*PROTECTION)),
    ("agencies.multiagency.meeting", "other_tac_meeting", only("other_manager")),
    ("agencies.multiagency.meeting", "other_cp_conference", only("other_manager")),
    ("agencies.multiagency.meeting", None, only(*STAFF_A, "other_manager")),
    # --- on an AgencyAction -------------------------------------------------------------------------
    ("agencies.multiagency.action_done", "tac_action_a", only(*STAFF_A)),
    ("agencies.multiagency.action_done", "tac_private_action_a", only(*STAFF_A)),
    ("agencies.multiagency.action_done", "cp_action_a", only(*PROTECTION)),
    ("agencies.multiagency.action_done", "other_tac_action", only("other_manager")),
    ("agencies.multiagency.action_done", "other_cp_action", only("other_manager")),
    ("agencies.multiagency.action_done", None, only(*STAFF_A, "other_manager")),
    # --- on a Setting -------------------------------------------------------------------------------
    ("agencies.multiagency.overview", "setting", only(*CHILDREN_LEADERS)),
    ("agencies.multiagency.overview", "other_setting", only("other_manager")),
    ("agencies.multiagency.overview", None, only(*CHILDREN_LEADERS, "other_manager")),
]
