"""Who may arrange, see and take part in meetings and home visits (R33–R35).

* **Staff who arrange** a child's meetings: the child's key person and back-up key person (while
  they work in the setting) and the setting's leaders (manager, deputy, SENCO, DSL). Not other
  practitioners, not administrators, not volunteers.
* **Staff attending** a meeting (named on it, for example the second member of staff on a home
  visit) may read that meeting while they work in its setting, so they know when and where.
* **The family**: adults linked to the child whom no restriction keeps from information about the
  child or from contact with them (``IsLinkedAdult(contact=True)``). Parental responsibility is
  not needed to meet the key person; a restricted parent never sees the child's meetings.
* **Parents' evenings** are set up by the manager or deputy; the timetable is seen by leaders and
  the staff of the room (its practitioners and the key persons of its children).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from tandem.core.access import NOTHING, Action, HasSettingRole, Rule, memo, path, setting_roles
from tandem.core.roles import LEADERSHIP, MANAGERS, SettingRole
from tandem.people.rules import IsKeyPerson, IsKeyPersonInRoom, IsLinkedAdult, WorksInRoom

if TYPE_CHECKING:
    from tandem.core.models import User

# Roles of staff who may be named as attending a meeting.
ATTENDING_ROLES = (SettingRole.PRACTITIONER, *LEADERSHIP)


@dataclass(frozen=True)
class IsAttendingStaff(Rule):
    """Named as attending the meeting, while holding a practitioner or leader role in its setting.
    ``meeting`` is the path from the action's model to the meeting ("" for a Meeting)."""

    meeting: str = ""

    def _settings(self, user: User) -> list[int]:
        return sorted({s for s, role, _ in setting_roles(user) if role in ATTENDING_ROLES})

    def _meeting_ids(self, user: User) -> list[int]:
        def load() -> list[int]:
            from ..models.meetings import Meeting

            settings = self._settings(user)
            if not settings:
                return []
            through = Meeting.staff.through.objects.filter(user_id=user.pk, meeting__setting_id__in=settings)
            return sorted(set(through.values_list("meeting_id", flat=True)))

        return memo(user, "meetings_attending", load)

    def q(self, user: User) -> Q:
        ids = self._meeting_ids(user)
        return Q(**{path(self.meeting, "id__in") if self.meeting else "pk__in": ids}) if ids else NOTHING

    def holds(self, user: User) -> bool:
        return bool(self._meeting_ids(user))


# --- on a Child -------------------------------------------------------------------------------
ARRANGE_RULES = (IsKeyPerson(), HasSettingRole(*LEADERSHIP, setting="setting"))
FAMILY_RULE = IsLinkedAdult(contact=True)

MEETINGS_VIEW = Action(
    "comms.meetings.view",
    rules=(FAMILY_RULE, *ARRANGE_RULES),
    description="See a child's meetings and home visits (a family: only their own child, never a restricted adult).",
)
MEETINGS_ARRANGE = Action(
    "comms.meetings.arrange",
    rules=ARRANGE_RULES,
    description="Arrange a meeting or home visit for a child: the key person, back-up key person and leaders.",
)
MEETINGS_REQUEST = Action(
    "comms.meetings.request",
    rules=(FAMILY_RULE,),
    description="Ask the setting for a meeting or a home visit about one's own child.",
)

# --- on a Meeting ------------------------------------------------------------------------------
MANAGE_RULES = (IsKeyPerson(child="child"), HasSettingRole(*LEADERSHIP, setting="setting"))
FAMILY_OF_MEETING = IsLinkedAdult(child="child", contact=True)

MEETING_VIEW = Action(
    "comms.meeting.view",
    rules=(FAMILY_OF_MEETING, *MANAGE_RULES, IsAttendingStaff()),
    description="Read a meeting: its times, venue, interpreter and (once shared) the notes.",
)
MEETING_MANAGE = Action(
    "comms.meeting.manage",
    rules=MANAGE_RULES,
    description="Fix, change or cancel a meeting, arrange or decline a family's request, write and share the notes.",
)
MEETING_TAKE_PART = Action(
    "comms.meeting.take_part",
    rules=(FAMILY_OF_MEETING,),
    description="Say which times suit, book a time, ask for another time, reply to the notes (the child's family).",
)

# --- on a Setting ------------------------------------------------------------------------------
MEETINGS_OVERVIEW = Action(
    "comms.meetings.overview",
    rules=(HasSettingRole(*LEADERSHIP, setting=""),),
    description="See every meeting and home visit of the setting: requests, times being found, upcoming, notes due.",
)
ROUND_CREATE = Action(
    "comms.meetings.round_create",
    rules=(HasSettingRole(*MANAGERS, setting=""),),
    description="Set up a parents' evening for a room: its slots and one meeting for each child (manager, deputy).",
)

# --- on a MeetingRound -------------------------------------------------------------------------
ROUND_VIEW = Action(
    "comms.meeting_round.view",
    rules=(HasSettingRole(*LEADERSHIP), WorksInRoom(room="room"), IsKeyPersonInRoom(room="room")),
    description="See a parents' evening's timetable: leaders and the staff of its room.",
)
