"""Relationship rules about children and families, for the access layer in ``tandem.core``.

Each rule takes ``child``: the path from the action's model to the child ("" when the model is
the child itself, "child" for a need, and so on); the room rules at the end take ``room``, the
path to a room, in the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from tandem.core.access import NOTHING, Rule, memo, path, setting_roles
from tandem.core.roles import SettingRole

if TYPE_CHECKING:
    from tandem.core.models import User


def _links(user: User) -> list[tuple[int, int, bool, bool, bool, bool]]:
    """(child id, setting id, parental responsibility, may be given information, no contact,
    no collection) for each of the user's links to a child. One query a request."""
    from .models import ChildAdult

    return memo(
        user,
        "child_links",
        lambda: [
            (child_id, setting_id, pr, not no_info, no_contact, no_collection)
            for child_id, setting_id, pr, no_info, no_contact, no_collection in ChildAdult.objects.filter(
                adult__user=user
            ).values_list(
                "child_id",
                "child__setting_id",
                "parental_responsibility",
                "no_information",
                "no_contact",
                "no_collection",
            )
        ],
    )


def is_linked_adult(user: User) -> bool:
    """Linked to some child as a parent or carer, restricted or not (no query beyond the links)."""
    return bool(_links(user))


def _child_key(child: str) -> str:
    return path(child, "id__in") if child else "pk__in"


@dataclass(frozen=True)
class IsLinkedAdult(Rule):
    """A parent or carer of the child whom no restriction keeps from information about them.

    With ``parental_responsibility=True``, only adults who hold parental responsibility; with
    ``contact=True``, only adults no restriction keeps from the child (no-contact); with
    ``collection=True``, only adults who may also collect (neither no-contact nor no-collection).
    """

    child: str = ""
    parental_responsibility: bool = False
    contact: bool = False
    collection: bool = False

    def child_ids(self, user: User) -> list[int]:
        return sorted(
            {
                c
                for c, _, pr, informed, no_contact, no_collection in _links(user)
                if informed
                and (pr or not self.parental_responsibility)
                and not ((self.contact or self.collection) and no_contact)
                and not (self.collection and no_collection)
            }
        )

    def q(self, user: User) -> Q:
        ids = self.child_ids(user)
        return Q(**{_child_key(self.child): ids}) if ids else NOTHING

    def holds(self, user: User) -> bool:
        return bool(self.child_ids(user))


@dataclass(frozen=True)
class IsParentInSetting(Rule):
    """A parent or carer (not barred from information) of some child in the setting."""

    setting: str = ""

    def setting_ids(self, user: User) -> list[int]:
        return sorted({s for _, s, _, informed, _, _ in _links(user) if informed})

    def q(self, user: User) -> Q:
        ids = self.setting_ids(user)
        return Q(**{path(self.setting, "id__in") if self.setting else "pk__in": ids}) if ids else NOTHING

    def holds(self, user: User) -> bool:
        return bool(self.setting_ids(user))


def _is_key_person_somewhere(user: User) -> bool:
    """Key person or back-up of some child in a setting where the user still works."""
    from .models import Child

    def load() -> bool:
        active_settings = {s for s, _, _ in setting_roles(user)}
        mine = Child.objects.filter(Q(key_person=user) | Q(backup_key_person=user), setting_id__in=active_settings)
        return bool(active_settings) and mine.exists()

    return memo(user, "is_key_person", load)


@dataclass(frozen=True)
class IsKeyPerson(Rule):
    """The child's key person or back-up key person, while they still work in the child's setting."""

    child: str = ""

    def q(self, user: User) -> Q:
        active_settings = sorted({s for s, _, _ in setting_roles(user)})
        if not active_settings:
            return NOTHING
        key = Q(**{path(self.child, "key_person"): user}) | Q(**{path(self.child, "backup_key_person"): user})
        return key & Q(**{path(self.child, "setting_id__in"): active_settings})

    def holds(self, user: User) -> bool:
        return _is_key_person_somewhere(user)


@dataclass(frozen=True)
class WorksInChildRoom(Rule):
    """A practitioner whose usual room is the child's room."""

    child: str = ""

    def room_ids(self, user: User) -> list[int]:
        return sorted({r for _, role, r in setting_roles(user) if role == SettingRole.PRACTITIONER and r})

    def q(self, user: User) -> Q:
        ids = self.room_ids(user)
        return Q(**{path(self.child, "room_id__in"): ids}) if ids else NOTHING

    def holds(self, user: User) -> bool:
        return bool(self.room_ids(user))


# --- rules about a room ----------------------------------------------------------------------


def _room_key(room: str) -> str:
    return path(room, "id__in") if room else "pk__in"


@dataclass(frozen=True)
class IsParentInRoom(Rule):
    """A parent or carer (not barred from information) of a child in the room. ``room`` is the path
    from the action's model to the room ("" for a Room). Loaded once per request."""

    room: str = ""

    def room_ids(self, user: User) -> list[int]:
        def load() -> list[int]:
            from .models import ChildAdult

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
            from .models import Child

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


@dataclass(frozen=True)
class IsKeyPersonInSetting(Rule):
    """The key person (or back-up) of some child of the setting reached by ``setting`` ("" for a
    Setting), while they work there. One query a request, shared by every action that asks."""

    setting: str = ""

    def setting_ids(self, user: User) -> list[int]:
        def load() -> list[int]:
            from .models import Child

            active = sorted({s for s, _, _ in setting_roles(user)})
            if not active:
                return []
            mine = Child.objects.filter(Q(key_person=user) | Q(backup_key_person=user), setting_id__in=active)
            return sorted(set(mine.values_list("setting_id", flat=True)))

        return list(memo(user, "key_person_setting_ids", load))

    def q(self, user: User) -> Q:
        ids = self.setting_ids(user)
        return Q(**{path(self.setting, "id__in") if self.setting else "pk__in": ids}) if ids else NOTHING

    def holds(self, user: User) -> bool:
        return bool(self.setting_ids(user))
