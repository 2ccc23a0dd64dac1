"""Persona matrix rows for the privacy notice (R10). The world (world_privacy.py) has a notice in
each setting; B's step-parent has read the one of A and B's setting, A's parent has not."""

from tandem.core.tests.personas import SETTING_STAFF, only

ROWS = [
    ("enrolment.privacy.read", "setting", only("parent_a", "parent_b_no_pr", *SETTING_STAFF, "owner", "line_manager")),
    ("enrolment.privacy.read", "other_setting", only("other_manager")),
    ("enrolment.privacy.acknowledge", "setting", only("parent_a", "parent_b_no_pr")),
    ("enrolment.privacy.acknowledge", "other_setting", only()),
    ("enrolment.privacy.publish", "setting", only("manager")),
    ("enrolment.privacy.publish", "other_setting", only("other_manager")),
    ("enrolment.privacy.track", "setting", only("manager", "deputy", "administrator")),
    ("enrolment.privacy.track", "other_setting", only("other_manager")),
    ("enrolment.privacy.for_child", "child_a", only("parent_a")),
    ("enrolment.privacy.for_child", "child_b", only("parent_b_no_pr")),
    ("enrolment.privacy.for_child", "other_child", only()),
    # The prompt under a child: only while the current version is unread (B's step-parent has read it).
    ("enrolment.privacy.unread", "child_a", only("parent_a")),
    ("enrolment.privacy.unread", "child_b", only()),
    ("enrolment.privacy.unread", "other_child", only()),
    ("enrolment.privacy.unread", None, only("parent_a")),
]
