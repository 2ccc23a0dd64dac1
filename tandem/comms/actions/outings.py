"""Who may plan outings, see who may go, and give or refuse consent (R29).

* **Planning** (create, edit, announce, remind, cancel): the manager and deputy for any room, and a
  practitioner for **their own room only** — an outing whose rooms and chosen children are all in
  the room they work in. A practitioner without a room, a volunteer or student, the administrator
  and the provider's owners never plan outings.
* **Who may go** (the staff page with each child's consent and the risk assessment): leaders
  (manager, deputy, SENCO, DSL) and the practitioners of a room the outing involves.
* **Families**: every parent or carer of an invited child not barred from information sees the
  announced outing on the child's "Outings" page; only an adult with parental responsibility gives
  or refuses consent. Staff never decide on a parent's behalf.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from tandem.core.access import NOTHING, Action, HasSettingRole, Rule, setting_roles
from tandem.core.roles import LEADERSHIP, MANAGERS, SettingRole
from tandem.people.rules import IsKeyPerson, IsLinkedAdult, WorksInChildRoom, WorksInRoom

if TYPE_CHECKING:
    from tandem.core.models import User


def practitioner_rooms(user: User) -> list[int]:
    """The rooms the person works in as a practitioner (from the roles loaded once a request)."""
    return sorted({r for _, role, r in setting_roles(user) if role == SettingRole.PRACTITIONER and r})


@dataclass(frozen=True)
class PractitionerWithRoom(Rule):
    """A practitioner whose usual room is in the setting (``setting`` is the path to it)."""

    setting: str = ""

    def setting_ids(self, user: User) -> list[int]:
        return sorted({s for s, role, r in setting_roles(user) if role == SettingRole.PRACTITIONER and r})

    def q(self, user: User) -> Q:
        ids = self.setting_ids(user)
        return Q(**{f"{self.setting}__id__in" if self.setting else "pk__in": ids}) if ids else NOTHING

    def holds(self, user: User) -> bool:
        return bool(self.setting_ids(user))


@dataclass(frozen=True)
class PlansForOwnRoom(Rule):
    """An outing that involves only the practitioner's own room: at least one of its rooms or chosen
    children is theirs, and none is anyone else's. (On an Outing.)"""

    def q(self, user: User) -> Q:
        from ..models.outings import Outing

        mine = practitioner_rooms(user)
        if not mine:
            return NOTHING
        rooms = Outing.rooms.through.objects
        children = Outing.children.through.objects
        touches = Q(pk__in=rooms.filter(room_id__in=mine).values("outing_id")) | Q(
            pk__in=children.filter(child__room_id__in=mine).values("outing_id")
        )
        others = Q(pk__in=rooms.exclude(room_id__in=mine).values("outing_id")) | Q(
            pk__in=children.exclude(child__room_id__in=mine).values("outing_id")
        )
        return touches & ~others

    def holds(self, user: User) -> bool:
        return bool(practitioner_rooms(user))


# --- on a Setting -----------------------------------------------------------------------------
OUTINGS_LIST = Action(
    "comms.outings.list",
    rules=(HasSettingRole(*LEADERSHIP, setting=""), PractitionerWithRoom()),
    description="Open the setting's list of outings (each then shown only to those who may see it).",
)
OUTING_PLAN = Action(
    "comms.outings.plan",
    rules=(HasSettingRole(*MANAGERS, setting=""), PractitionerWithRoom()),
    description="Plan a new outing: the manager and deputy for any room, a practitioner for their own room.",
)

# --- on an Outing -----------------------------------------------------------------------------
OUTING_SEE = Action(
    "comms.outings.see",
    rules=(HasSettingRole(*LEADERSHIP), WorksInRoom(room="rooms"), WorksInChildRoom(child="children")),
    description="See an outing's plan, risk assessment and who may go (each invited child's consent).",
)
OUTING_MANAGE = Action(
    "comms.outings.manage",
    rules=(HasSettingRole(*MANAGERS), PlansForOwnRoom()),
    description="Change, announce, send reminders for and cancel an outing.",
)

# --- on a Child -------------------------------------------------------------------------------
CHILD_OUTINGS = Action(
    "comms.outings.child",
    # An adult kept from contact with the child must not learn where the child will be outside the setting.
    rules=(IsLinkedAdult(contact=True), IsKeyPerson(), WorksInChildRoom(), HasSettingRole(*LEADERSHIP)),
    description="See the outings a child is invited to and the answer given for each.",
)
OUTING_CONSENT = Action(
    "comms.outings.consent",
    rules=(IsLinkedAdult(parental_responsibility=True, contact=True),),
    description="Give or refuse consent for a child to go on an outing: only an adult with parental responsibility "
    "whom no restriction keeps from contact with the child.",
)
