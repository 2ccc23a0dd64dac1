"""Persona-matrix rows for the agency track (R62, R53). Never about oneself (the manager and the
complaint about them); the agency track only; each stage acted on by its holder alone; parents,
SENCOs, administrators, practitioners and volunteers see nothing."""

from tandem.core.tests.personas import only

ORG = ("owner", "line_manager")

ROWS = [
    # --- record a written complaint from another service: the manager and deputy -----------------
    ("complaints.agency.record", "setting", only("manager", "deputy")),
    ("complaints.agency.record", "other_setting", only("other_manager")),
    ("complaints.agency.record", None, only("manager", "deputy", "other_manager")),
    # --- open one: the key person of the child it names, managers, the organisation ----------------
    ("complaints.agency.view", "agency_complaint", only("key_person_a", "manager", "deputy", *ORG)),
    ("complaints.agency.view", "agency_at_line_manager", only("deputy", *ORG)),
    ("complaints.agency.view", "agency_at_appeal", only("manager", "deputy", *ORG)),
    ("complaints.agency.view", "complaint_a", only()),  # the parent track is not this feature's
    ("complaints.agency.view", "other_agency_complaint", only("other_manager")),
    # --- act at its stage -----------------------------------------------------------------------
    ("complaints.agency.act", "agency_complaint", only("manager", "deputy")),
    ("complaints.agency.act", "agency_at_line_manager", only("line_manager")),
    ("complaints.agency.act", "agency_at_appeal", only("owner")),
    ("complaints.agency.act", "complaint_about_key_person", only()),
    ("complaints.agency.act", "other_agency_complaint", only("other_manager")),
]
