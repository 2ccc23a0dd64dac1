"""Persona-matrix rows for suggestions (R37). Families of the setting make them (not an adult a
restriction keeps from information); only the named author reads their own; the manager and deputy
read and answer them; owners and line managers read them; "You said, we did" is for everyone of the
setting."""

from tandem.core.tests.personas import SETTING_STAFF, only

PARENTS = ("parent_a", "parent_b_no_pr")
ORG = ("owner", "line_manager")

ROWS = [
    ("voice.suggestions.make", "setting", only(*PARENTS)),
    ("voice.suggestions.make", "other_setting", only()),
    ("voice.suggestions.make", None, only(*PARENTS)),
    ("voice.suggestions.public", "setting", only(*PARENTS, *SETTING_STAFF, *ORG)),
    ("voice.suggestions.public", "other_setting", only("other_manager")),
    ("voice.suggestions.public", None, only(*PARENTS, *SETTING_STAFF, *ORG, "other_manager")),
    ("voice.suggestions.list", "setting", only("manager", "deputy", *ORG)),
    ("voice.suggestions.list", "other_setting", only("other_manager")),
    ("voice.suggestions.list", None, only("manager", "deputy", *ORG, "other_manager")),
    ("voice.suggestions.own", "suggestion_named", only("parent_a")),
    ("voice.suggestions.own", "suggestion_anonymous", only()),
    ("voice.suggestions.own", "other_suggestion", only()),
    ("voice.suggestions.own", None, only("parent_a")),
    ("voice.suggestions.view", "suggestion_named", only("manager", "deputy", *ORG)),
    ("voice.suggestions.view", "suggestion_anonymous", only("manager", "deputy", *ORG)),
    ("voice.suggestions.view", "other_suggestion", only("other_manager")),
    ("voice.suggestions.view", None, only("manager", "deputy", *ORG, "other_manager")),
    ("voice.suggestions.answer", "suggestion_named", only("manager", "deputy")),
    ("voice.suggestions.answer", "other_suggestion", only("other_manager")),
    ("voice.suggestions.answer", None, only("manager", "deputy", "other_manager")),
]
