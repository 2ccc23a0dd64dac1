"""Persona-matrix rows for next steps (R16): a linked parent or carer suggests one for their own child."""

from tandem.core.tests.personas import only

ROWS = [
    ("journal.nextsteps.suggest", "child_a", only("parent_a")),
    ("journal.nextsteps.suggest", "child_b", only("parent_b_no_pr")),
    ("journal.nextsteps.suggest", "other_child", only()),
    ("journal.nextsteps.suggest", None, only("parent_a", "parent_b_no_pr")),
]
