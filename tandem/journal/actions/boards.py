"""Who may read and write a room's daily activity board and planning board (R19, R20).

Boards are about a room, not a child: they are written by the staff who work in the room (the
practitioners whose room it is, the key persons of its children, the setting's leadership) and
read by the families with a child in the room. Photos on a board are shown to families only while
every child pictured has consent to photographs on display (``selectors.media.family_visible``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from tandem.core.access import NOTHING, Action, HasSettingRole, Rule, memo, path, setting_roles
from tandem.core.roles import LEADERSHIP, SettingRole
from tandem.people.rules import IsLinkedAdult

if TYPE_CHECKING:
    from tandem.core.models import User


def _room_key(room: str) -> str:
    return path(room, "id__in") if room else "pk__in"


@dataclass(frozen=True)
class IsParentInRoom(Rule):
    """A parent or carer (not barred from information) of a child in the room. Loaded once per request."""

    room: str = ""

    def room_ids(self, user: User) -> list[int]:
        def load() -> list[int]:
            from tandem.people.models import ChildAdult

            rows = ChildAdult.objects.filter(adult__user=user, no_information=False, child__room__isnull=False)
            return sorted(set(rows.values_list("child__room_id", flat=True)))

        return memo(user, "parent_room_ids", load)

    def q(self, user: User) -> Q:
        ids = self.room_ids(user)
        return Q(**{_room_key(self.room): ids}) if ids else NOTHING

    def holds(self, user: User) -> bool:
        return bool(self.room_ids(user))


@dataclass(frozen=True)
class WorksInRoom(Rule):
    """A practitioner whose usual room it is."""

    room: str = ""

    def room_ids(self, user: User) -> list[int]:
        return sorted({r for _, role, r in setting_roles(user) if role == SettingRole.PRACTITIONER and r})

    def q(self, user: User) -> Q:
        ids = self.room_ids(user)
        return Q(**{_room_key(self.room): ids}) if ids else NOTHING

    def holds(self, user: User) -> bool:
        return bool(self.room_ids(user))


@dataclass(frozen=True)
class IsKeyPersonInRoom(Rule):
    """The key person (or back-up) of a child in the room, while they work in the child's setting."""

    room: str = ""

    def room_ids(self, user: User) -> list[int]:
        def load() -> list[int]:
            from tandem.people.models import Child

            active = sorted({s for s, _, _ in setting_roles(user)})
            if not active:
                return []
            mine = Child.objects.filter(
                Q(key_person=user) | Q(backup_key_person=user), setting_id__in=active, room__isnull=False
            )
            return sorted(set(mine.values_list("room_id", flat=True)))

        return memo(user, "key_person_room_ids", load)

    def q(self, user: User) -> Q:
        ids = self.room_ids(user)
        return Q(**{_room_key(self.room): ids}) if ids else NOTHING

    def holds(self, user: User) -> bool:
        return bool(self.room_ids(user))


BOARD_STAFF_RULES = (HasSettingRole(*LEADERSHIP, setting="setting"), WorksInRoom(), IsKeyPersonInRoom())

# --- on a Room --------------------------------------------------------------------------------
BOARD_VIEW = Action(
    "journal.boards.view",
    rules=(IsParentInRoom(), *BOARD_STAFF_RULES),
    description="Read a room's daily activity board and planning board (a family: their child's room).",
)
BOARD_WRITE = Action(
    "journal.boards.write",
    rules=BOARD_STAFF_RULES,
    description="Write a room's daily board (with photos) and its planning board, and publish them to families.",
)

# --- on a Child -------------------------------------------------------------------------------
BOARD_OF_CHILD = Action(
    "journal.boards.child",
    rules=(IsLinkedAdult(),),
    description="Open the board of one's child's room from the child (the family's home page link).",
)
