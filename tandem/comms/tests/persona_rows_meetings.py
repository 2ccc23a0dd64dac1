"""Persona-matrix rows for meetings and home visits (R33–R35)."""

from tandem.core.tests.personas import CHILDREN_LEADERS, only

ARRANGERS_A = ("key_person_a", *CHILDREN_LEADERS)

ROWS = [
    # a child's meetings: the family (no parental responsibility needed, never the restricted parent),
    # the key person and leaders; not room practitioners, administrators or volunteers
    ("comms.meetings.view", "child_a", only("parent_a", *ARRANGERS_A)),
    ("comms.meetings.view", "child_b", only("parent_b_no_pr", *CHILDREN_LEADERS)),
    ("comms.meetings.view", "other_child", only("other_manager")),
    ("comms.meetings.view", None, only("parent_a", "parent_b_no_pr", *ARRANGERS_A, "other_manager")),
    ("comms.meetings.arrange", "child_a", only(*ARRANGERS_A)),
    ("comms.meetings.arrange", "child_b", only(*CHILDREN_LEADERS)),
    ("comms.meetings.arrange", "other_child", only("other_manager")),
    ("comms.meetings.arrange", None, only(*ARRANGERS_A, "other_manager")),
    ("comms.meetings.request", "child_a", only("parent_a")),
    ("comms.meetings.request", "child_b", only("parent_b_no_pr")),
    ("comms.meetings.request", "other_child", only()),
    ("comms.meetings.request", None, only("parent_a", "parent_b_no_pr")),
    # one meeting: B names the room practitioner as attending, who may read it but not manage it
    ("comms.meeting.view", "meeting_a", only("parent_a", *ARRANGERS_A)),
    ("comms.meeting.view", "meeting_b", only("parent_b_no_pr", "room_practitioner", *CHILDREN_LEADERS)),
    ("comms.meeting.view", "other_meeting", only("other_manager")),
    ("comms.meeting.manage", "meeting_a", only(*ARRANGERS_A)),
    ("comms.meeting.manage", "meeting_b", only(*CHILDREN_LEADERS)),
    ("comms.meeting.manage", "other_meeting", only("other_manager")),
    ("comms.meeting.take_part", "meeting_a", only("parent_a")),
    ("comms.meeting.take_part", "meeting_b", only("parent_b_no_pr")),
    ("comms.meeting.take_part", "other_meeting", only()),
    # the setting's overview: leaders; parents' evenings: manager and deputy set them up
    ("comms.meetings.overview", "setting", only(*CHILDREN_LEADERS)),
    ("comms.meetings.overview", "other_setting", only("other_manager")),
    ("comms.meetings.overview", None, only(*CHILDREN_LEADERS, "other_manager")),
    ("comms.meetings.round_create", "setting", only("manager", "deputy")),
    ("comms.meetings.round_create", "other_setting", only("other_manager")),
    ("comms.meetings.round_create", None, only("manager", "deputy", "other_manager")),
    # a parents' evening's timetable: leaders, the room's practitioners and its children's key persons
    ("comms.meeting_round.view", "meeting_round", only("key_person_a", "room_practitioner", *CHILDREN_LEADERS)),
    ("comms.meeting_round.view", "other_meeting_round", only("other_manager")),
]
