"""Persona-matrix rows for parents' offers of help (R21)."""

from tandem.core.tests.personas import CHILDREN_LEADERS, RECORD_KEEPERS, only

READERS = ("key_person_a", "room_practitioner", "other_practitioner", *CHILDREN_LEADERS, "administrator")

ROWS = [
    # any parent or carer in the setting who is not barred from information
    ("journal.offers.make", "setting", only("parent_a", "parent_b_no_pr")),
    ("journal.offers.make", "other_setting", only()),
    ("journal.offers.make", None, only("parent_a", "parent_b_no_pr")),
    # practitioners read the offers (to plan with them); the office answers them
    ("journal.offers.list", "setting", only(*READERS)),
    ("journal.offers.list", "other_setting", only("other_manager")),
    ("journal.offers.list", None, only(*READERS, "other_manager")),
    ("journal.offers.respond", "setting", only(*RECORD_KEEPERS)),
    ("journal.offers.respond", "other_setting", only("other_manager")),
    ("journal.offers.respond", None, only(*RECORD_KEEPERS, "other_manager")),
]
