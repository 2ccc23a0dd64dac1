"""Persona-matrix rows for the directory (R46) and signposting (R47).

The directory holds services, not children: every role in the setting browses it (volunteers
included); the leaders and the administrator keep it. Parents of the setting (not barred from
information) read the support directory. Signposting is for the staff who work with the child;
the family with parental responsibility sees what was shared with them; the setting's whole list
is for its leaders."""

from tandem.core.tests.personas import CHILDREN_LEADERS, SETTING_STAFF, only

KEEPERS = (*CHILDREN_LEADERS, "administrator")
FAMILIES = ("parent_a", "parent_b_no_pr")  # the restricted parent is barred from information
WITH_CHILD_A = ("key_person_a", "room_practitioner", *CHILDREN_LEADERS)

ROWS = [
    # --- the staff directory ----------------------------------------------------------------------
    ("agencies.directory.view", "setting", only(*SETTING_STAFF)),
    ("agencies.directory.view", "other_setting", only("other_manager")),
    ("agencies.directory.view", None, only(*SETTING_STAFF, "other_manager")),
    ("agencies.directory.manage", "setting", only(*KEEPERS)),
    ("agencies.directory.manage", "other_setting", only("other_manager")),
    ("agencies.directory.manage", None, only(*KEEPERS, "other_manager")),
    ("agencies.directory.agency", "agency", only(*SETTING_STAFF)),
    ("agencies.directory.agency", "family_hub", only(*SETTING_STAFF)),
    ("agencies.directory.agency", "other_agency", only("other_manager")),
    ("agencies.directory.agency_manage", "agency", only(*KEEPERS)),
    ("agencies.directory.agency_manage", "other_agency", only("other_manager")),
    # --- the parents' support directory: never the other provider's -------------------------------
    ("agencies.directory.support", "setting", only(*FAMILIES)),
    ("agencies.directory.support", "other_setting", only()),
    ("agencies.directory.support", None, only(*FAMILIES)),
    # --- the setting's signposting list: its leaders ------------------------------------------------
    ("agencies.directory.signposting_list", "setting", only(*CHILDREN_LEADERS)),
    ("agencies.directory.signposting_list", "other_setting", only("other_manager")),
    ("agencies.directory.signposting_list", None, only(*CHILDREN_LEADERS, "other_manager")),
    # --- signpost a child's family: the staff who work with the child --------------------------------
    ("agencies.directory.signpost", "child_a", only(*WITH_CHILD_A)),
    # B is in room 2, where A's key person works: the room rule
    ("agencies.directory.signpost", "child_b", only("key_person_a", *CHILDREN_LEADERS)),
    ("agencies.directory.signpost", "other_child", only("other_manager")),
    ("agencies.directory.signposting", "signposting", only(*WITH_CHILD_A)),
    ("agencies.directory.signposting", "other_signposting", only("other_manager")),
    # --- what the family sees: parental responsibility, not barred from information ------------------
    ("agencies.directory.suggested", "child_a", only("parent_a")),
    ("agencies.directory.suggested", "child_b", only()),  # B's step-parent has no parental responsibility
    ("agencies.directory.suggested", "other_child", only()),
]
