"""Persona-matrix rows for the notice board (R27)."""

from tandem.core.tests.personas import SETTING_STAFF, only

FAMILIES = ("parent_a", "parent_b_no_pr")  # the restricted parent is barred from information

ROWS = [
    ("comms.board.view", "setting", only(*FAMILIES, *SETTING_STAFF)),
    ("comms.board.view", "other_setting", only("other_manager")),
    ("comms.board.view", None, only(*FAMILIES, *SETTING_STAFF, "other_manager")),
    ("comms.board.manage", "setting", only("manager", "deputy")),
    ("comms.board.manage", "other_setting", only("other_manager")),
    ("comms.board.manage", None, only("manager", "deputy", "other_manager")),
    ("comms.board.document", "document", only(*FAMILIES, *SETTING_STAFF)),
    ("comms.board.document", "other_document", only("other_manager")),
]
