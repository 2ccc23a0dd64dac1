"""Persona-matrix rows for the Ofsted complaints record, documentation, reviews of practice and
retention (R63, R60). The record is for the manager and deputy, the line managers and owners;
never a line about oneself; the key person, parents, SENCO, DSL, administrator, practitioners and
volunteers see nothing of it."""

from tandem.core.tests.personas import only

ORG = ("owner", "line_manager")
RECORD = ("manager", "deputy", *ORG)

ROWS = [
    # --- the record of a setting ------------------------------------------------------------------
    ("complaints.record.view", "setting", only(*RECORD)),
    ("complaints.record.view", "other_setting", only("other_manager")),
    ("complaints.record.view", None, only(*RECORD, "other_manager")),
    ("complaints.record.delete_expired", "setting", only("owner")),
    ("complaints.record.delete_expired", "other_setting", only()),
    ("complaints.record.delete_expired", None, only("owner")),
    # --- a complaint's line: never about oneself; an allegation only as "referred" ------------------
    ("complaints.record.line", "complaint_a", only(*RECORD)),
    ("complaints.record.line", "complaint_about_key_person", only(*RECORD)),
    ("complaints.record.line", "complaint_about_manager", only("deputy", *ORG)),
    ("complaints.record.line", "complaint_diverted", only(*RECORD)),
    ("complaints.record.line", "other_complaint", only("other_manager")),
    ("complaints.record.line", None, only(*RECORD, "other_manager")),
    ("complaints.record.classify", "complaint_a", only(*RECORD)),
    ("complaints.record.classify", "complaint_about_manager", only("deputy", *ORG)),
    ("complaints.record.classify", "complaint_diverted", only()),
    ("complaints.record.classify", "other_complaint", only("other_manager")),
    # --- the full documentation (R60): an allegation only for the manager and owners ----------------
    ("complaints.record.documentation", "complaint_a", only(*RECORD)),
    ("complaints.record.documentation", "complaint_about_key_person", only(*RECORD)),
    ("complaints.record.documentation", "complaint_about_manager", only("deputy", *ORG)),
    ("complaints.record.documentation", "complaint_diverted", only("manager", "owner")),
    ("complaints.record.documentation", "other_complaint", only("other_manager")),
    # --- reviews of practice: the owners ------------------------------------------------------------
    ("complaints.review.manage", "practice_review", only("owner")),
    ("complaints.review.manage", "other_practice_review", only()),
    ("complaints.review.manage", None, only("owner")),
]
