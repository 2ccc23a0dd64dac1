"""Who may record and work a complaint from another service (R62, R53). Built on the shared rules
of ``actions/complaints.py``.

* **Recording** a written complaint from another service (a health visitor, a social worker, a
  school): the setting manager and deputy, to whom such complaints are written.
* **Opening** an agency complaint: the staff who may open any complaint (the manager and deputy, the
  organisation's line managers and owners, the key person of a child it names), only on the agency
  track, never one about oneself, never once it has been passed to the allegations procedure.
* **Acting** at its current stage: the manager and deputy at the manager stage (acknowledge in
  writing, meet, close by agreement, record that the complainant wrote to the line manager); the
  named line manager (else any line manager) at the line-manager stage (acknowledge, report, close
  or record the appeal); the named appeal contact (else any owner) at the appeal.
"""

from __future__ import annotations

from dataclasses import replace

from tandem.core.access import Action, HasSettingRole
from tandem.core.roles import MANAGERS

from .complaints import ALLEGATION, APPEAL, LINE_MANAGER, MANAGER, OnComplaint, staff_rules, stage_rules

AGENCY = "agency"  # Complaint.Track.AGENCY
AGENCY_STAGES = (MANAGER, LINE_MANAGER, APPEAL)

# --- on a Setting -----------------------------------------------------------------------------------
AGENCY_RECORD = Action(
    "complaints.agency.record",
    rules=(HasSettingRole(*MANAGERS, setting=""),),
    description="Record a written complaint from another service about a member of staff or the "
    "setting's practice: the setting manager and deputy.",
)

# --- on a Complaint ---------------------------------------------------------------------------------
AGENCY_VIEW = Action(
    "complaints.agency.view",
    rules=tuple(
        replace(rule, track=AGENCY)
        for rule in staff_rules()
        if isinstance(rule, OnComplaint) and ALLEGATION not in rule.stages
    ),
    audit_read="complaints.agency.viewed",
    description="Open a complaint from another service, its letters and the acknowledgements sent: the "
    "manager and deputy, the organisation's line managers and owners, the key person of a child it "
    "names; never one about oneself, never once passed to the allegations procedure.",
)
AGENCY_ACT = Action(
    "complaints.agency.act",
    rules=tuple(
        replace(rule, track=AGENCY)
        for stage in AGENCY_STAGES
        for rule in stage_rules(stage)
        if isinstance(rule, OnComplaint)
    ),
    description="Act on a complaint from another service at its current stage: the manager or deputy, "
    "then the named line manager (else any line manager), then the named appeal contact (else any owner).",
)
