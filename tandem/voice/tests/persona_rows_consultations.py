"""Persona-matrix rows for consultations (R39). The manager and deputy write and run them and read
every response; families of the setting (not the restricted adult) read published ones and answer
open ones; staff and the provider's owners and line managers read published ones; owners and line
managers also read the responses; nobody outside the setting sees anything."""

from tandem.core.tests.personas import SETTING_STAFF, only

PARENTS = ("parent_a", "parent_b_no_pr")
ORG = ("owner", "line_manager")
READERS = (*PARENTS, *SETTING_STAFF, *ORG)

ROWS = [
    ("voice.consultations.list", "setting", only(*READERS)),
    ("voice.consultations.list", "other_setting", only("other_manager")),
    ("voice.consultations.list", None, only(*READERS, "other_manager")),
    ("voice.consultations.write", "setting", only("manager", "deputy")),
    ("voice.consultations.write", "other_setting", only("other_manager")),
    ("voice.consultations.write", None, only("manager", "deputy", "other_manager")),
    ("voice.consultations.view", "consultation_draft", only("manager", "deputy")),
    ("voice.consultations.view", "consultation_open", only(*READERS)),
    ("voice.consultations.view", "consultation_decided", only(*READERS)),
    ("voice.consultations.view", "other_consultation", only("other_manager")),
    ("voice.consultations.view", None, only(*READERS, "other_manager")),
    ("voice.consultations.respond", "consultation_open", only(*PARENTS)),
    ("voice.consultations.respond", "consultation_draft", only()),
    ("voice.consultations.respond", "consultation_decided", only()),
    ("voice.consultations.respond", "other_consultation", only()),
    ("voice.consultations.respond", None, only(*PARENTS)),
    ("voice.consultations.responses", "consultation_open", only("manager", "deputy", *ORG)),
    ("voice.consultations.responses", "other_consultation", only("other_manager")),
    ("voice.consultations.responses", None, only("manager", "deputy", *ORG, "other_manager")),
    ("voice.consultations.manage", "consultation_draft", only("manager", "deputy")),
    ("voice.consultations.manage", "other_consultation", only("other_manager")),
    ("voice.consultations.manage", None, only("manager", "deputy", "other_manager")),
]
