"""Keeping details current (R2) and the record's revision history: who may do what."""

from tandem.core.access import Action, HasSettingRole
from tandem.core.roles import RECORD_KEEPERS, SettingRole
from tandem.people.rules import IsLinkedAdult

# Those who keep records and those who must be able to trace a change to a record.
HISTORY_READERS = (SettingRole.MANAGER, SettingRole.DEPUTY, SettingRole.ADMINISTRATOR, SettingRole.DSL)

# --- on a Child ---------------------------------------------------------------------------------
CHANGE_SUBMIT = Action(
    "enrolment.changes.submit",
    rules=(IsLinkedAdult(),),
    description="A parent or carer tells the setting about a change to their details or the child's circumstances.",
)
CHILD_HISTORY = Action(
    "enrolment.changes.child_history",
    rules=(HasSettingRole(*HISTORY_READERS),),
    description="See every revision of a child's record and family links: who, when, what changed.",
    audit_read="enrolment.child_history.viewed",
)

# --- on a Setting -------------------------------------------------------------------------------
CHANGE_DECIDE = Action(
    "enrolment.changes.decide",
    rules=(HasSettingRole(*RECORD_KEEPERS, setting=""),),
    description="See the setting's change requests and apply or decline them.",
)

# --- on an Adult --------------------------------------------------------------------------------
ADULT_HISTORY = Action(
    "enrolment.changes.adult_history",
    rules=(HasSettingRole(*HISTORY_READERS),),
    description="See every revision of a parent's or carer's record: who, when, what changed.",
)
