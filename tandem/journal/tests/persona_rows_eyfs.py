"""Persona-matrix rows for the journal settings."""

from tandem.core.tests.personas import only

ROWS = [
    ("journal.settings.manage", "setting", only("manager", "deputy")),
    ("journal.settings.manage", "other_setting", only("other_manager")),
    ("journal.settings.manage", None, only("manager", "deputy", "other_manager")),
]
