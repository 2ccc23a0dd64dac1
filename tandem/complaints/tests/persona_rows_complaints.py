"""Persona-matrix rows for concerns and complaints (R56–R60): the shared access model.

Never about oneself (the key person and the complaint about them; the manager and the complaint
about them); the complainant sees only their own; another parent of the child, a restricted parent,
SENCOs, administrators, practitioners and volunteers see nothing; a complaint passed to the
allegations procedure narrows to the manager (not the deputy), the DSL and the owners.
"""

from tandem.core.tests.personas import only

ORG = ("owner", "line_manager")

ROWS = [
    # --- open a complaint -------------------------------------------------------------------------
    ("complaints.complaint.view", "complaint_a", only("parent_a", "key_person_a", "manager", "deputy", *ORG)),
    ("complaints.complaint.view", "complaint_about_key_person", only("parent_a", "manager", "deputy", *ORG)),
    ("complaints.complaint.view", "complaint_about_manager", only("parent_b_no_pr", "deputy", *ORG)),
    ("complaints.complaint.view", "complaint_at_appeal", only("parent_a", "key_person_a", "manager", "deputy", *ORG)),
    ("complaints.complaint.view", "complaint_diverted", only("parent_a", "manager", "dsl", "owner")),
    ("complaints.complaint.view", "other_complaint", only("other_manager")),
    # --- the whole record: staff only --------------------------------------------------------------
    ("complaints.complaint.internal", "complaint_a", only("key_person_a", "manager", "deputy", *ORG)),
    ("complaints.complaint.internal", "complaint_about_key_person", only("manager", "deputy", *ORG)),
    ("complaints.complaint.internal", "complaint_about_manager", only("deputy", *ORG)),
    ("complaints.complaint.internal", "complaint_diverted", only("manager", "dsl", "owner")),
    ("complaints.complaint.internal", "other_complaint", only("other_manager")),
    # --- who holds the current stage ----------------------------------------------------------------
    ("complaints.complaint.act", "complaint_a", only("key_person_a", "manager", "deputy")),
    ("complaints.complaint.act", "complaint_about_key_person", only("manager", "deputy")),
    ("complaints.complaint.act", "complaint_about_manager", only("line_manager")),
    ("complaints.complaint.act", "complaint_at_appeal", only("owner")),
    ("complaints.complaint.act", "complaint_diverted", only()),
    ("complaints.complaint.act", "other_complaint", only("other_manager")),
    # --- the complainant's own answers ------------------------------------------------------------
    ("complaints.complaint.not_satisfied", "complaint_a", only("parent_a")),
    # with the line manager, who has responded: Stefan may say he is still not satisfied
    ("complaints.complaint.not_satisfied", "complaint_about_manager", only("parent_b_no_pr")),
    ("complaints.complaint.not_satisfied", "complaint_at_appeal", only()),  # the appeal is the last stage
    ("complaints.complaint.not_satisfied", "other_complaint", only()),
    ("complaints.complaint.withdraw", "complaint_at_appeal", only("parent_a")),
    ("complaints.complaint.withdraw", "complaint_diverted", only()),
    ("complaints.complaint.withdraw", "other_complaint", only()),
    # --- on a child -------------------------------------------------------------------------------
    ("complaints.complaint.raise", "child_a", only("parent_a")),
    ("complaints.complaint.raise", "child_b", only("parent_b_no_pr")),
    ("complaints.complaint.raise", "other_child", only()),
    ("complaints.complaint.record", "child_a", only("key_person_a", "manager", "deputy")),
    ("complaints.complaint.record", "child_b", only("manager", "deputy")),
    ("complaints.complaint.record", "other_child", only("other_manager")),
    ("complaints.complaint.child_panel", "child_a", only("manager", "deputy")),
    ("complaints.complaint.child_panel", "other_child", only("other_manager")),
    # --- on a setting -----------------------------------------------------------------------------
    ("complaints.complaint.list", "setting", only("manager", "deputy", *ORG)),
    ("complaints.complaint.list", "other_setting", only("other_manager")),
    ("complaints.complaint.list", None, only("manager", "deputy", *ORG, "other_manager")),
    ("complaints.complaint.record_setting", "setting", only("manager", "deputy")),
    ("complaints.complaint.record_setting", "other_setting", only("other_manager")),
    # --- a parent's own page ----------------------------------------------------------------------
    ("complaints.complaint.own", None, only("parent_a", "parent_b_no_pr")),
]
