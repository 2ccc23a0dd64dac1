"""Who may see, reply to and run events and diary dates (R30), and have a calendar address.

* A **published** event is for the families it is addressed to: every parent or carer (not barred
  from information) of a child in the setting when it is for the whole setting, of a child in one
  of its rooms when it is for chosen rooms. Everyone who works in the setting sees every published
  event (a diary date such as a closure day matters to volunteers too).
* Families reply (going, maybe, not going, with numbers); staff do not reply on their behalf.
* The manager, deputy and administrator write, publish, change and cancel events, and see the
  replies with their notes (access needs, an interpreter). They also see drafts.
* Anyone with events to see (a parent or carer, or anyone who works in a setting) may have a
  secret calendar address: the feed itself is public by its token (see ``views.events.feed``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from tandem.core.access import NOTHING, Action, HasSettingRole, Rule
from tandem.core.roles import MANAGERS, SettingRole
from tandem.people.rules import IsParentInRoom, IsParentInSetting

if TYPE_CHECKING:
    from tandem.core.models import User

STAFF_ROLES = tuple(SettingRole.values)
EVENT_STAFF = (*MANAGERS, SettingRole.ADMINISTRATOR)


@dataclass(frozen=True)
class InAudience(Rule):
    """A parent or carer to whom the published event is addressed. (On an Event.)"""

    def q(self, user: User) -> Q:
        from ..models.events import Event

        settings = IsParentInSetting().setting_ids(user)
        if not settings:
            return NOTHING
        audience = Q(audience=Event.Audience.SETTING)
        rooms = IsParentInRoom().room_ids(user)
        if rooms:
            chosen = Event.rooms.through.objects.filter(room_id__in=rooms).values("event_id")
            audience |= Q(audience=Event.Audience.ROOMS, pk__in=chosen)
        return Q(published_at__isnull=False, setting_id__in=settings) & audience

    def holds(self, user: User) -> bool:
        return IsParentInSetting().holds(user)


@dataclass(frozen=True)
class StaffOfSetting(Rule):
    """Anyone who works in the event's setting, for a published event. (On an Event.)"""

    def q(self, user: User) -> Q:
        ids = HasSettingRole(*STAFF_ROLES).setting_ids(user)
        return Q(published_at__isnull=False, setting_id__in=ids) if ids else NOTHING

    def holds(self, user: User) -> bool:
        return HasSettingRole(*STAFF_ROLES).holds(user)


# --- on a Setting -----------------------------------------------------------------------------
EVENTS_LIST = Action(
    "comms.events.list",
    rules=(IsParentInSetting(setting=""), HasSettingRole(*STAFF_ROLES, setting="")),
    description="See the setting's coming events and diary dates.",
)
EVENTS_MANAGE = Action(
    "comms.events.manage",
    rules=(HasSettingRole(*EVENT_STAFF, setting=""),),
    description="Add events and diary dates to the setting's calendar.",
)

# --- on an Event ------------------------------------------------------------------------------
EVENT_VIEW = Action(
    "comms.events.view",
    rules=(InAudience(), StaffOfSetting(), HasSettingRole(*EVENT_STAFF)),
    description="Read an event and add it to one's calendar.",
)
EVENT_REPLY = Action(
    "comms.events.reply",
    rules=(InAudience(),),
    description="Reply to an event: going, maybe or not going, with numbers and a note.",
)
EVENT_EDIT = Action(
    "comms.events.edit",
    rules=(HasSettingRole(*EVENT_STAFF),),
    description="Change, publish or cancel an event and see its replies.",
)

# --- about the person themselves --------------------------------------------------------------
CALENDAR = Action(
    "comms.events.calendar",
    rules=(IsParentInSetting(), HasSettingRole(*STAFF_ROLES, setting="")),
    description="Make (or replace) one's own secret calendar address for phones and calendar apps.",
)
