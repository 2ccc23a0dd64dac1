"""Persona-matrix rows for late and non-collection (R45)."""

from tandem.core.tests.personas import CHILDREN_LEADERS, only

HANDLERS_A = ("key_person_a", "room_practitioner", *CHILDREN_LEADERS)

ROWS = [
    # staff only: the key person, practitioners of the child's room, leaders (never a volunteer or a parent)
    ("attendance.late.handle", "child_a", only(*HANDLERS_A)),
    ("attendance.late.handle", "child_b", only("key_person_a", *CHILDREN_LEADERS)),  # B is in A's key person's room
    ("attendance.late.handle", "other_child", only("other_manager")),
    ("attendance.late.handle", None, only(*HANDLERS_A, "other_manager")),
    # every case of the setting, and the day's settings: manager and deputy
    ("attendance.late.cases", "setting", only("manager", "deputy")),
    ("attendance.late.cases", "other_setting", only("other_manager")),
    ("attendance.late.cases", None, only("manager", "deputy", "other_manager")),
    ("attendance.late.day_settings", "setting", only("manager", "deputy")),
    ("attendance.late.day_settings", "other_setting", only("other_manager")),
    ("attendance.late.day_settings", None, only("manager", "deputy", "other_manager")),
]
