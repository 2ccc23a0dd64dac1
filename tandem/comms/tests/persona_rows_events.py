"""Persona-matrix rows for events and diary dates (R30).

World: ``event_a`` is published for every family; ``event_room`` is published for room 1's families
(child A's); ``event_draft`` is not published; ``other_event`` is the other provider's."""

from tandem.core.tests.personas import SETTING_STAFF, only

EVENT_STAFF = ("manager", "deputy", "administrator")
FAMILIES = ("parent_a", "parent_b_no_pr")

ROWS = [
    ("comms.events.list", "setting", only(*FAMILIES, *SETTING_STAFF)),
    ("comms.events.list", "other_setting", only("other_manager")),
    ("comms.events.list", None, only(*FAMILIES, *SETTING_STAFF, "other_manager")),
    ("comms.events.manage", "setting", only(*EVENT_STAFF)),
    ("comms.events.manage", "other_setting", only("other_manager")),
    ("comms.events.manage", None, only(*EVENT_STAFF, "other_manager")),
    # a published event: its families (never a restricted parent) and everyone who works there
    ("comms.events.view", "event_a", only(*FAMILIES, *SETTING_STAFF)),
    ("comms.events.view", "event_room", only("parent_a", *SETTING_STAFF)),  # B's family is in room 2
    ("comms.events.view", "event_draft", only(*EVENT_STAFF)),
    ("comms.events.view", "other_event", only("other_manager")),
    ("comms.events.view", None, only(*FAMILIES, *SETTING_STAFF, "other_manager")),
    # replies: the families it is for
    ("comms.events.reply", "event_a", only(*FAMILIES)),
    ("comms.events.reply", "event_room", only("parent_a")),
    ("comms.events.reply", "event_draft", only()),
    ("comms.events.reply", "other_event", only()),
    ("comms.events.reply", None, only(*FAMILIES)),
    ("comms.events.edit", "event_a", only(*EVENT_STAFF)),
    ("comms.events.edit", "event_draft", only(*EVENT_STAFF)),
    ("comms.events.edit", "other_event", only("other_manager")),
    ("comms.events.edit", None, only(*EVENT_STAFF, "other_manager")),
    # one's own calendar address: anyone with events to see
    ("comms.events.calendar", None, only(*FAMILIES, *SETTING_STAFF, "other_manager")),
]
