"""Who may see, write, sign off, share and download the progress check at two (R17).

* The key person (or a leader: manager, deputy, SENCO, DSL) writes the check.
* Sign-off is by a manager, deputy or SENCO of the setting who is **not the check's author**
  (a second pair of eyes: the services enforce the "not the author" part).
* Families with parental responsibility (never a restricted adult) see a check once it is shared
  with them, download its PDF and acknowledge it; while the setting has asked them, they add their
  own contribution to the draft without seeing the rest of it.
* The due list is for leaders (every child) and key persons (their own key children).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from tandem.core.access import NOTHING, Action, HasSettingRole, Rule, memo, path, setting_roles
from tandem.core.roles import LEADERSHIP, SettingRole
from tandem.people.rules import IsKeyPerson, IsLinkedAdult, WorksInChildRoom

if TYPE_CHECKING:
    from tandem.core.models import User

SIGN_OFF_ROLES = (SettingRole.MANAGER, SettingRole.DEPUTY, SettingRole.SENCO)


@dataclass(frozen=True)
class IsKeyPersonInSetting(Rule):
    """Key person (or back-up) of some child in the setting reached by ``setting``, while working there."""

    setting: str = ""

    def setting_ids(self, user: User) -> list[int]:
        def load() -> list[int]:
            from tandem.people.models import Child

            active = sorted({s for s, _, _ in setting_roles(user)})
            if not active:
                return []
            mine = Child.objects.filter(Q(key_person=user) | Q(backup_key_person=user), setting_id__in=active)
            return sorted(set(mine.values_list("setting_id", flat=True)))

        return memo(user, "key_person_settings", load)

    def q(self, user: User) -> Q:
        ids = self.setting_ids(user)
        return Q(**{path(self.setting, "id__in") if self.setting else "pk__in": ids}) if ids else NOTHING

    def holds(self, user: User) -> bool:
        return bool(self.setting_ids(user))


# --- on a Child -------------------------------------------------------------------------------
CHECK_VIEW = Action(
    "journal.twocheck.view",
    rules=(
        IsLinkedAdult(parental_responsibility=True),
        IsKeyPerson(),
        WorksInChildRoom(),
        HasSettingRole(*LEADERSHIP),
    ),
    description="See a child's progress checks at two (a family with parental responsibility: once shared).",
)
CHECK_WRITE = Action(
    "journal.twocheck.write",
    rules=(IsKeyPerson(), HasSettingRole(*LEADERSHIP)),
    description="Write a child's progress check at two, ask the family for their part, share it when signed off.",
)
CHECK_SIGN_OFF = Action(
    "journal.twocheck.sign_off",
    rules=(HasSettingRole(*SIGN_OFF_ROLES),),
    description="Sign off a progress check at two written by someone else (manager, deputy or SENCO).",
)
CHECK_DOWNLOAD = Action(
    "journal.twocheck.download",
    rules=(
        IsLinkedAdult(parental_responsibility=True),
        IsKeyPerson(),
        WorksInChildRoom(),
        HasSettingRole(*LEADERSHIP),
    ),
    description="Download the PDF of a signed-off progress check (a family: once shared with them).",
)
CHECK_FAMILY = Action(
    "journal.twocheck.family",
    rules=(IsLinkedAdult(parental_responsibility=True),),
    description="Add the family's contribution when asked, and acknowledge a shared check (parental responsibility).",
)

# --- on a Setting -----------------------------------------------------------------------------
CHECK_DUE_LIST = Action(
    "journal.twocheck.due",
    rules=(HasSettingRole(*LEADERSHIP, setting=""), IsKeyPersonInSetting()),
    description="See the children due or overdue a progress check at two (key persons: their own children).",
)
