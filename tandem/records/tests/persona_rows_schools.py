"""Persona-matrix rows for the setting's schools (R54).

Schools are the setting's business, not children's records: the leaders, practitioners and the
administrator read them; the manager, deputy and administrator keep the list; the leaders and
practitioners record partnership activity. Volunteers, families, owners and professionals: nothing.
An agency that is not a school is never reached through these actions."""

from tandem.core.tests.personas import CHILDREN_LEADERS, only

PRACTITIONERS = ("key_person_a", "room_practitioner", "other_practitioner")
READERS = (*CHILDREN_LEADERS, *PRACTITIONERS, "administrator")
KEEPERS = ("manager", "deputy", "administrator")
RECORDERS = (*CHILDREN_LEADERS, *PRACTITIONERS)

ROWS = [
    # --- on a Setting --------------------------------------------------------------------------------
    ("records.schools.view", "setting", only(*READERS)),
    ("records.schools.view", "other_setting", only("other_manager")),
    ("records.schools.view", None, only(*READERS, "other_manager")),
    ("records.schools.add", "setting", only(*KEEPERS)),
    ("records.schools.add", "other_setting", only("other_manager")),
    ("records.schools.add", None, only(*KEEPERS, "other_manager")),
    # --- on a school (an Agency of the category "Schools") --------------------------------------------
    ("records.schools.school", "school", only(*READERS)),
    ("records.schools.school", "other_school", only("other_manager")),
    ("records.schools.school", "agency", only()),  # not a school
    ("records.schools.school", None, only(*READERS, "other_manager")),
    ("records.schools.contacts", "school", only(*KEEPERS)),
    ("records.schools.contacts", "other_school", only("other_manager")),
    ("records.schools.contacts", "agency", only()),
    ("records.schools.record", "school", only(*RECORDERS)),
    ("records.schools.record", "other_school", only("other_manager")),
    ("records.schools.record", "agency", only()),
    ("records.schools.record", None, only(*RECORDERS, "other_manager")),
    # --- on a partnership activity --------------------------------------------------------------------
    ("records.schools.activity", "school_activity", only(*RECORDERS)),
    ("records.schools.activity", "other_school_activity", only("other_manager")),
    ("records.schools.activity", None, only(*RECORDERS, "other_manager")),
]
