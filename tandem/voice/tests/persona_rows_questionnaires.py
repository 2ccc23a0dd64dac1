"""Persona-matrix rows for questionnaires (R36) and the parents' "Have your say" page.

World: ``questionnaire_draft`` (not sent), ``questionnaire_open`` (sent to every family),
``questionnaire_room`` (sent to room 2: child B's family, not child A's), ``other_questionnaire``
(the other provider's). The restricted parent is never a parent here; the step-parent without
parental responsibility is."""

from tandem.core.tests.personas import only

LEADERS = ("manager", "deputy")
ORG = ("owner", "line_manager")
FAMILIES = ("parent_a", "parent_b_no_pr")

ROWS = [
    # --- the hub: parents and carers of the setting ------------------------------------------------
    ("voice.hub.view", "setting", only(*FAMILIES)),
    ("voice.hub.view", "other_setting", only()),
    ("voice.hub.view", None, only(*FAMILIES)),
    # --- on a setting: the list (leaders, and the provider read-only), a new one (leaders) -------------
    ("voice.questionnaires.list", "setting", only(*LEADERS, *ORG)),
    ("voice.questionnaires.list", "other_setting", only("other_manager")),
    ("voice.questionnaires.list", None, only(*LEADERS, *ORG, "other_manager")),
    ("voice.questionnaires.create", "setting", only(*LEADERS)),
    ("voice.questionnaires.create", "other_setting", only("other_manager")),
    ("voice.questionnaires.create", None, only(*LEADERS, "other_manager")),
    # --- build, preview, send, close: the manager and deputy -------------------------------------------
    ("voice.questionnaires.edit", "questionnaire_draft", only(*LEADERS)),
    ("voice.questionnaires.edit", "questionnaire_open", only(*LEADERS)),
    ("voice.questionnaires.edit", "other_questionnaire", only("other_manager")),
    ("voice.questionnaires.edit", None, only(*LEADERS, "other_manager")),
    # --- results: leaders, and the provider's owners and line managers -----------------------------------
    ("voice.questionnaires.results", "questionnaire_draft", only(*LEADERS, *ORG)),
    ("voice.questionnaires.results", "questionnaire_open", only(*LEADERS, *ORG)),
    ("voice.questionnaires.results", "questionnaire_room", only(*LEADERS, *ORG)),
    ("voice.questionnaires.results", "other_questionnaire", only("other_manager")),
    ("voice.questionnaires.results", None, only(*LEADERS, *ORG, "other_manager")),
    # --- answer: the families in scope of a sent questionnaire; never a draft ------------------------------
    ("voice.questionnaires.answer", "questionnaire_draft", only()),
    ("voice.questionnaires.answer", "questionnaire_open", only(*FAMILIES)),
    ("voice.questionnaires.answer", "questionnaire_room", only("parent_b_no_pr")),
    ("voice.questionnaires.answer", "other_questionnaire", only()),
    ("voice.questionnaires.answer", None, only(*FAMILIES)),
]
