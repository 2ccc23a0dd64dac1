"""Persona-matrix rows for observations and the learning journal (R14)."""

from tandem.core.tests.personas import CHILDREN_LEADERS, only

JOURNAL_STAFF_A = ("key_person_a", "room_practitioner", *CHILDREN_LEADERS)
JOURNAL_STAFF_B = ("key_person_a", *CHILDREN_LEADERS)  # B is in room 2, where A's key person works

ROWS = [
    # reading a child's journal: linked adults not restricted from information, and the child's staff
    ("journal.journal.view", "child_a", only("parent_a", *JOURNAL_STAFF_A)),
    ("journal.journal.view", "child_b", only("parent_b_no_pr", *JOURNAL_STAFF_B)),
    ("journal.journal.view", "other_child", only("other_manager")),
    (
        "journal.journal.view",
        None,
        only("parent_a", "parent_b_no_pr", *JOURNAL_STAFF_A, "other_manager"),
    ),
    # putting a child in an observation, seeing drafts: staff of the child only, never a family
    ("journal.journal.contribute", "child_a", only(*JOURNAL_STAFF_A)),
    ("journal.journal.contribute", "child_b", only(*JOURNAL_STAFF_B)),
    ("journal.journal.contribute", "other_child", only("other_manager")),
    ("journal.journal.contribute", None, only(*JOURNAL_STAFF_A, "other_manager")),
    # commenting: as reading
    ("journal.journal.comment", "child_a", only("parent_a", *JOURNAL_STAFF_A)),
    ("journal.journal.comment", "child_b", only("parent_b_no_pr", *JOURNAL_STAFF_B)),
    ("journal.journal.comment", "other_child", only("other_manager")),
    (
        "journal.journal.comment",
        None,
        only("parent_a", "parent_b_no_pr", *JOURNAL_STAFF_A, "other_manager"),
    ),
    # changing, sharing an observation: staff of a child in it, or the setting's leadership
    ("journal.observation.edit", "observation_a", only(*JOURNAL_STAFF_A)),
    ("journal.observation.edit", "other_observation", only("other_manager")),
    ("journal.observation.edit", None, only(*JOURNAL_STAFF_A, "other_manager")),
    # recording: practitioners (in a room or not) and leadership of the setting
    (
        "journal.observation.create",
        "setting",
        only("key_person_a", "room_practitioner", "other_practitioner", *CHILDREN_LEADERS),
    ),
    ("journal.observation.create", "other_setting", only("other_manager")),
    (
        "journal.observation.create",
        None,
        only("key_person_a", "room_practitioner", "other_practitioner", *CHILDREN_LEADERS, "other_manager"),
    ),
]
