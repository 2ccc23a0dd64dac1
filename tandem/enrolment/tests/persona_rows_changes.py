"""Persona matrix rows for change requests (R2) and revision history."""

from tandem.core.tests.personas import RECORD_KEEPERS, only

HISTORY_READERS = ("manager", "deputy", "administrator", "dsl")

ROWS = [
    # a parent or carer tells the setting about a change: with or without parental responsibility,
    # never an adult barred from information about the child
    ("enrolment.changes.submit", "child_a", only("parent_a")),
    ("enrolment.changes.submit", "child_b", only("parent_b_no_pr")),
    ("enrolment.changes.submit", "other_child", only()),
    ("enrolment.changes.submit", None, only("parent_a", "parent_b_no_pr")),
    # the person in charge of records decides
    ("enrolment.changes.decide", "setting", only(*RECORD_KEEPERS)),
    ("enrolment.changes.decide", "other_setting", only("other_manager")),
    ("enrolment.changes.decide", None, only(*RECORD_KEEPERS, "other_manager")),
    # revision history: sensitive, for those who keep or must trace records
    ("enrolment.changes.child_history", "child_a", only(*HISTORY_READERS)),
    ("enrolment.changes.child_history", "child_b", only(*HISTORY_READERS)),
    ("enrolment.changes.child_history", "other_child", only("other_manager")),
    ("enrolment.changes.adult_history", "adult_a", only(*HISTORY_READERS)),
    ("enrolment.changes.adult_history", "other_adult", only("other_manager")),
]
