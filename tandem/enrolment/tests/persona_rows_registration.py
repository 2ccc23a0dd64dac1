"""Persona-matrix rows for registration (R7) and session changes (R13)."""

from tandem.core.tests.personas import RECORD_KEEPERS, only

ROWS = [
    # the form holds health contacts and needs: parents with parental responsibility and record keepers
    ("enrolment.registration.view", "child_a", only("parent_a", *RECORD_KEEPERS)),
    ("enrolment.registration.view", "child_b", only(*RECORD_KEEPERS)),
    ("enrolment.registration.view", "other_child", only("other_manager")),
    ("enrolment.registration.fill", "child_a", only("parent_a", *RECORD_KEEPERS)),
    ("enrolment.registration.fill", "child_b", only(*RECORD_KEEPERS)),
    ("enrolment.registration.fill", "other_child", only("other_manager")),
    ("enrolment.registration.review", "child_a", only(*RECORD_KEEPERS)),
    ("enrolment.registration.review", "other_child", only("other_manager")),
    ("enrolment.registration.list", "setting", only(*RECORD_KEEPERS)),
    ("enrolment.registration.list", "other_setting", only("other_manager")),
    ("enrolment.registration.list", None, only(*RECORD_KEEPERS, "other_manager")),
    # sessions
    ("enrolment.sessions.view", "child_a", only("parent_a", *RECORD_KEEPERS)),
    ("enrolment.sessions.view", "child_b", only(*RECORD_KEEPERS)),
    ("enrolment.sessions.view", "other_child", only("other_manager")),
    ("enrolment.sessions.request", "child_a", only("parent_a", *RECORD_KEEPERS)),
    ("enrolment.sessions.request", "child_b", only(*RECORD_KEEPERS)),
    ("enrolment.sessions.request", "other_child", only("other_manager")),
    ("enrolment.sessions.decide", "child_a", only("manager", "deputy")),
    ("enrolment.sessions.decide", "other_child", only("other_manager")),
]
