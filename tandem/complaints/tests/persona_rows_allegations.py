"""Persona-matrix rows for allegations against staff (R61): the manager (not the deputy), the DSL
and the owners, never the person it is about; passing a complaint on is for its staff; anyone who
works in the setting but volunteers may record one (and not see it afterwards)."""

from tandem.core.tests.personas import only

REPORTERS = (
    "key_person_a",
    "room_practitioner",
    "other_practitioner",
    "senco",
    "dsl",
    "manager",
    "deputy",
    "administrator",
    "owner",
    "line_manager",
)

ROWS = [
    # --- an allegation --------------------------------------------------------------------------
    ("complaints.allegation.view", "allegation_a", only("manager", "dsl", "owner")),  # about Rowan
    ("complaints.allegation.view", "allegation_about_manager", only("dsl", "owner")),
    ("complaints.allegation.view", "other_allegation", only("other_manager")),
    # --- pass an open complaint to the allegations procedure --------------------------------------
    ("complaints.allegation.divert", "complaint_a", only("key_person_a", "manager", "deputy", "owner", "line_manager")),
    ("complaints.allegation.divert", "complaint_about_manager", only("deputy", "owner", "line_manager")),
    (
        "complaints.allegation.divert",
        "agency_complaint",
        only("key_person_a", "manager", "deputy", "owner", "line_manager"),
    ),
    ("complaints.allegation.divert", "complaint_diverted", only()),
    ("complaints.allegation.divert", "other_complaint", only("other_manager")),
    # --- a setting's list, and recording one directly --------------------------------------------
    ("complaints.allegation.list", "setting", only("manager", "dsl", "owner")),
    ("complaints.allegation.list", "other_setting", only("other_manager")),
    ("complaints.allegation.list", None, only("manager", "dsl", "owner", "other_manager")),
    ("complaints.allegation.record", "setting", only(*REPORTERS)),
    ("complaints.allegation.record", "other_setting", only("other_manager")),
    ("complaints.allegation.record", None, only(*REPORTERS, "other_manager")),
]
