"""Persona-matrix rows for retention and archiving (R67): the manager keeps the schedule and decides
each destruction; the manager and the deputy archive leavers; the manager and the provider's owners
read the destruction log. Nobody else, and never a visiting professional."""

from tandem.core.tests.personas import only

MANAGERS = ("manager", "deputy")

ROWS = [
    # --- on a Setting ------------------------------------------------------------------------------
    ("records.retention.schedule", "setting", only("manager")),
    ("records.retention.schedule", "other_setting", only("other_manager")),
    ("records.retention.schedule", None, only("manager", "other_manager")),
    ("records.retention.archived", "setting", only(*MANAGERS)),
    ("records.retention.archived", "other_setting", only("other_manager")),
    ("records.retention.archived", None, only(*MANAGERS, "other_manager")),
    ("records.retention.log", "setting", only("manager", "owner")),
    ("records.retention.log", "other_setting", only("other_manager")),
    ("records.retention.log", None, only("manager", "owner", "other_manager")),
    # --- on a Child --------------------------------------------------------------------------------
    ("records.retention.archive", "child_a", only(*MANAGERS)),
    ("records.retention.archive", "child_b", only(*MANAGERS)),
    ("records.retention.archive", "other_child", only("other_manager")),
    ("records.retention.archive", None, only(*MANAGERS, "other_manager")),
    ("records.retention.unarchive", "child_a", only("manager")),
    ("records.retention.unarchive", "other_child", only("other_manager")),
    ("records.retention.unarchive", None, only("manager", "other_manager")),
    ("records.retention.destroy", "child_a", only("manager")),
    ("records.retention.destroy", "child_b", only("manager")),
    ("records.retention.destroy", "other_child", only("other_manager")),
    ("records.retention.destroy", None, only("manager", "other_manager")),
]
