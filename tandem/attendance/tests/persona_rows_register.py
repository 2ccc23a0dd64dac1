"""Persona-matrix rows for the register (R42)."""

from tandem.core.tests.personas import CHILDREN_LEADERS, only

# Everyone who answers for the children on site; never a volunteer or student.
TODAY_STAFF = (
    "key_person_a",
    "room_practitioner",
    "other_practitioner",
    "senco",
    "dsl",
    "manager",
    "deputy",
    "administrator",
)
# A's key person works in room 2 and is the key person of A in room 1: both rooms' registers.
ROOM_1_STAFF = ("key_person_a", "room_practitioner", *CHILDREN_LEADERS)
ROOM_2_STAFF = ("key_person_a", *CHILDREN_LEADERS)

ROWS = [
    ("attendance.register.today", "setting", only(*TODAY_STAFF)),
    ("attendance.register.today", "other_setting", only("other_manager")),
    ("attendance.register.today", None, only(*TODAY_STAFF, "other_manager")),
    ("attendance.register.door_code", "setting", only("manager", "deputy")),
    ("attendance.register.door_code", "other_setting", only("other_manager")),
    ("attendance.register.door_code", None, only("manager", "deputy", "other_manager")),
    # a room's register: its practitioners, key persons of its children, leadership; never the office
    ("attendance.register.room", "room_1", only(*ROOM_1_STAFF)),
    ("attendance.register.room", "room_2", only(*ROOM_2_STAFF)),
    ("attendance.register.room", "other_room", only("other_manager")),
    ("attendance.register.room", None, only(*ROOM_1_STAFF, "other_manager")),
    ("attendance.register.sign_in", "child_a", only(*ROOM_1_STAFF)),
    ("attendance.register.sign_in", "child_b", only(*ROOM_2_STAFF)),
    ("attendance.register.sign_in", "other_child", only("other_manager")),
    ("attendance.register.sign_in", None, only(*ROOM_1_STAFF, "other_manager")),
    # the family: never a restricted adult
    ("attendance.register.child_day", "child_a", only("parent_a")),
    ("attendance.register.child_day", "child_b", only("parent_b_no_pr")),
    ("attendance.register.child_day", "other_child", only()),
    ("attendance.register.child_day", None, only("parent_a", "parent_b_no_pr")),
    ("attendance.register.self_register", "child_a", only("parent_a")),
    ("attendance.register.self_register", "child_b", only("parent_b_no_pr")),
    ("attendance.register.self_register", "other_child", only()),
    ("attendance.register.self_register", None, only("parent_a", "parent_b_no_pr")),
    ("attendance.register.absence", "child_a", only("parent_a", *ROOM_1_STAFF)),
    ("attendance.register.absence", "child_b", only("parent_b_no_pr", *ROOM_2_STAFF)),
    ("attendance.register.absence", "other_child", only("other_manager")),
    ("attendance.register.absence", None, only("parent_a", "parent_b_no_pr", *ROOM_1_STAFF, "other_manager")),
]
