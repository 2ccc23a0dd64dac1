"""Persona-matrix rows for the complaints procedure and the deadlines page (R59, R60, R64).

The procedure text is for the setting's parents (not the restricted one), everyone who works
there and the provider's owners and line managers; who holds each stage is set by the owners and
read by the managers; the deadlines page is for those who hold the stages from the manager up."""

from tandem.core.tests.personas import SETTING_STAFF, only

ORG = ("owner", "line_manager")
READERS = ("parent_a", "parent_b_no_pr", *SETTING_STAFF, *ORG)

ROWS = [
    ("complaints.procedure.view", "setting", only(*READERS)),
    ("complaints.procedure.view", "other_setting", only("other_manager")),
    ("complaints.procedure.view", None, only(*READERS, "other_manager")),
    ("complaints.deadlines.view", "setting", only("manager", "deputy", *ORG)),
    ("complaints.deadlines.view", "other_setting", only("other_manager")),
    ("complaints.deadlines.view", None, only("manager", "deputy", *ORG, "other_manager")),
    ("complaints.procedure.settings_view", "organisation", only("owner", "manager", "deputy")),
    ("complaints.procedure.settings_view", "other_organisation", only("other_manager")),
    ("complaints.procedure.settings_view", None, only("owner", "manager", "deputy", "other_manager")),
    ("complaints.procedure.configure", "organisation", only("owner")),
    ("complaints.procedure.configure", "other_organisation", only()),
    ("complaints.procedure.configure", None, only("owner")),
]
