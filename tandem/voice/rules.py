"""The access model of parents' voice, shared by its features (R36–R41).

* **Parents and carers** of a child in the setting (linked, and no restriction keeps them from
  information) take part: answer questionnaires sent to the setting or to their child's room, make
  suggestions, use the forum and vote, respond to consultations, read and comment on policies and
  acknowledge them. ``parent_rules(setting)``; for a room, ``IsParentInRoom``.
* **The manager and deputy** run it all: build and send questionnaires and read results, reply to
  suggestions, moderate the forum (with appointed parent representatives), publish minutes,
  proposals, consultations and decisions, and keep the policy library. ``leader_rules(setting)``.
* **Staff** (every active role, volunteers and students included) read the policies and acknowledge
  those they must follow. ``staff_rules(setting)``.
* **The provider's owners and line managers** see the summaries (questionnaire results, suggestions
  and what was done, consultation decisions): ``organisation_rules(setting)``.

A "family", for one answer or one vote per family, is the set of children a parent is linked to in
the setting: :func:`family_children`. A second parent of the same child is the same family.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tandem.core.access import HasOrganisationRole, HasSettingRole, Rule, path
from tandem.core.roles import MANAGERS, OrganisationRole, SettingRole
from tandem.people.rules import IsParentInSetting

if TYPE_CHECKING:
    from tandem.core.models import User

ALL_STAFF = tuple(SettingRole)


def parent_rules(setting: str = "setting") -> tuple[Rule, ...]:
    return (IsParentInSetting(setting=setting),)


def leader_rules(setting: str = "setting") -> tuple[Rule, ...]:
    return (HasSettingRole(*MANAGERS, setting=setting),)


def staff_rules(setting: str = "setting") -> tuple[Rule, ...]:
    return (HasSettingRole(*ALL_STAFF, setting=setting),)


def organisation_rules(setting: str = "setting") -> tuple[Rule, ...]:
    organisation = path(setting, "organisation") if setting else "organisation"
    return (HasOrganisationRole(OrganisationRole.OWNER, OrganisationRole.LINE_MANAGER, organisation=organisation),)


def family_children(user: User, setting_id: int, room_id: int | None = None) -> list[int]:
    """The ids of the children (of the setting, or of one room) the user is a parent or carer of,
    not kept from information about them. One query."""
    from tandem.people.models import ChildAdult

    links = ChildAdult.objects.filter(adult__user=user, no_information=False, child__setting_id=setting_id)
    if room_id is not None:
        links = links.filter(child__room_id=room_id)
    return sorted(set(links.values_list("child_id", flat=True)))
