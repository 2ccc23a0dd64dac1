"""Persona matrix rows for the setting's information (R68) and briefing meetings (R6)."""

from tandem.core.tests.personas import SETTING_STAFF, only

ROWS = [
    # every parent of the setting (not one barred from information), all its staff, the provider
    (
        "enrolment.information.read",
        "setting",
        only("parent_a", "parent_b_no_pr", *SETTING_STAFF, "owner", "line_manager"),
    ),
    ("enrolment.information.read", "other_setting", only("other_manager")),
    (
        "enrolment.information.read",
        None,
        only("parent_a", "parent_b_no_pr", *SETTING_STAFF, "owner", "line_manager", "other_manager"),
    ),
    ("enrolment.information.manage", "setting", only("manager", "deputy")),
    ("enrolment.information.manage", "other_setting", only("other_manager")),
    # the briefing meeting: the child's parents see it; the key person and managers arrange it
    ("enrolment.information.briefing_view", "child_a", only("parent_a", "key_person_a", "manager", "deputy")),
    ("enrolment.information.briefing_view", "child_b", only("parent_b_no_pr", "manager", "deputy")),
    ("enrolment.information.briefing_view", "other_child", only("other_manager")),
    ("enrolment.information.briefing_manage", "child_a", only("key_person_a", "manager", "deputy")),
    ("enrolment.information.briefing_manage", "child_b", only("manager", "deputy")),
    ("enrolment.information.briefing_manage", "other_child", only("other_manager")),
]
