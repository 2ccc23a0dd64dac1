"""Who may run the register and the Today page, and what families may do (R42).

Staff: the Today page (head counts for the whole setting) is for everyone who works in the setting
and answers for the children on site: practitioners, leadership and the office (administrators run
the fire register at reception); never volunteers or students. A room's register (signing children
in) is for the room's staff: its practitioners, the key persons of its children (for the whole
room, so one tablet serves the room) and the setting's leadership.

Families: a parent or carer linked to the child and not barred by a restriction from information
may see the child's day and report an absence; self-registering ("we have arrived") also needs no
``no_contact`` restriction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from tandem.core.access import NOTHING, Action, HasSettingRole, Rule, path
from tandem.core.roles import LEADERSHIP, MANAGERS, SettingRole
from tandem.people.rules import IsKeyPersonInRoom, IsLinkedAdult, WorksInChildRoom, WorksInRoom

if TYPE_CHECKING:
    from tandem.core.models import User

TODAY_ROLES = (
    SettingRole.MANAGER,
    SettingRole.DEPUTY,
    SettingRole.PRACTITIONER,
    SettingRole.SENCO,
    SettingRole.DSL,
    SettingRole.ADMINISTRATOR,
)


@dataclass(frozen=True)
class RunsRoom(Rule):
    """A practitioner of the room, or the key person of a child in it. ``room`` is the path from the
    model to the room ("" for a Room, "room" for a Child)."""

    room: str = ""

    def room_ids(self, user: User) -> list[int]:
        return sorted(set(WorksInRoom().room_ids(user)) | set(IsKeyPersonInRoom().room_ids(user)))

    def q(self, user: User) -> Q:
        ids = self.room_ids(user)
        return Q(**{path(self.room, "id__in") if self.room else "pk__in": ids}) if ids else NOTHING

    def holds(self, user: User) -> bool:
        return bool(self.room_ids(user))


# --- on a Setting -----------------------------------------------------------------------------
TODAY = Action(
    "attendance.register.today",
    rules=(HasSettingRole(*TODAY_ROLES, setting=""),),
    description="See the setting's Today page: head counts, arrivals waiting, expected, absent; today's door code.",
)
DOOR_CODE_CHANGE = Action(
    "attendance.register.door_code",
    rules=(HasSettingRole(*MANAGERS, setting=""),),
    description="Change today's door code for parents' self-registration.",
)

# --- on a Room --------------------------------------------------------------------------------
REGISTER = Action(
    "attendance.register.room",
    rules=(HasSettingRole(*LEADERSHIP, setting="setting"), RunsRoom()),
    description="Open a room's register on the tablet: who is expected, here, gone home or absent.",
)

# --- on a Child -------------------------------------------------------------------------------
SIGN_IN = Action(
    "attendance.register.sign_in",
    rules=(HasSettingRole(*LEADERSHIP, setting="setting"), WorksInChildRoom(), RunsRoom(room="room")),
    description="Sign a child in, confirm a parent's self-registration, record an absence for the family.",
)
CHILD_DAY = Action(
    "attendance.register.child_day",
    rules=(IsLinkedAdult(),),
    description="See one's child's day: arrived, confirmed by staff, gone home; report an absence.",
)
SELF_REGISTER = Action(
    "attendance.register.self_register",
    rules=(IsLinkedAdult(contact=True),),
    description="Say 'We have arrived' with today's door code (staff then confirm).",
)
ABSENCE = Action(
    "attendance.register.absence",
    rules=(IsLinkedAdult(), HasSettingRole(*LEADERSHIP, setting="setting"), WorksInChildRoom(), RunsRoom(room="room")),
    description="Report that a child will be absent (a family ahead of time, or staff), or cancel it.",
)
