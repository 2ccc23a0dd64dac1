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

from typing import TYPE_CHECKING

from tandem.core.access import Action, HasSettingRole
from tandem.core.roles import LEADERSHIP, SettingRole
from tandem.people.rules import IsKeyPerson, IsKeyPersonInSetting, IsLinkedAdult, WorksInChildRoom

if TYPE_CHECKING:
    pass

SIGN_OFF_ROLES = (SettingRole.MANAGER, SettingRole.DEPUTY, SettingRole.SENCO)


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
