"""Persona matrix rows for consents (R9)."""

from tandem.core.tests.personas import CHILDREN_LEADERS, only

OVERVIEW = ("senco", "dsl", "manager", "deputy", "administrator")

ROWS = [
    # the "No photo consent" flag: staff who work with the child, never parents
    (
        "enrolment.consents.flag",
        "child_a",
        only("key_person_a", "room_practitioner", *CHILDREN_LEADERS, "administrator"),
    ),
    ("enrolment.consents.flag", "child_b", only("key_person_a", *CHILDREN_LEADERS, "administrator")),
    ("enrolment.consents.flag", "other_child", only("other_manager")),
    # Every parent or carer of the child not barred from information, and the staff who work with them.
    (
        "enrolment.consents.view",
        "child_a",
        only("parent_a", "key_person_a", "room_practitioner", *CHILDREN_LEADERS, "administrator"),
    ),
    # B is in room 2, where A's key person works; B's step-parent has no parental responsibility but sees.
    ("enrolment.consents.view", "child_b", only("parent_b_no_pr", "key_person_a", *CHILDREN_LEADERS, "administrator")),
    ("enrolment.consents.view", "other_child", only("other_manager")),
    (
        "enrolment.consents.view",
        None,
        only(
            "parent_a",
            "parent_b_no_pr",
            "key_person_a",
            "room_practitioner",
            *CHILDREN_LEADERS,
            "administrator",
            "other_manager",
        ),
    ),
    # Only an adult with parental responsibility decides; never staff, never a restricted parent.
    ("enrolment.consents.decide", "child_a", only("parent_a")),
    ("enrolment.consents.decide", "child_b", only()),
    ("enrolment.consents.decide", "other_child", only()),
    ("enrolment.consents.decide", None, only("parent_a")),
    # The setting-wide overview
    ("enrolment.consents.overview", "setting", only(*OVERVIEW)),
    ("enrolment.consents.overview", "other_setting", only("other_manager")),
    ("enrolment.consents.overview", None, only(*OVERVIEW, "other_manager")),
    # The catalogue of consent types and its wording
    ("enrolment.consent_types.manage", "setting", only("manager", "deputy")),
    ("enrolment.consent_types.manage", "other_setting", only("other_manager")),
]
