"""Who may see the notice board (R27) and who keeps its documents.

* The board of a setting is for its parents and carers (not barred from information about their
  child there) and for everyone who works there.
* The manager and deputy upload and withdraw its documents: the Ofsted report, the complaints
  procedure, policies.
"""

from __future__ import annotations

from tandem.core.access import Action, HasSettingRole
from tandem.core.roles import MANAGERS, SettingRole
from tandem.people.rules import IsParentInSetting

STAFF_ROLES = tuple(SettingRole.values)

# --- on a Setting -----------------------------------------------------------------------------
BOARD_VIEW = Action(
    "comms.board.view",
    rules=(IsParentInSetting(setting=""), HasSettingRole(*STAFF_ROLES, setting="")),
    description="Read the setting's notice board: who's who, the Ofsted report, diary dates, "
    "how to complain, policies, pinned notices.",
)
BOARD_MANAGE = Action(
    "comms.board.manage",
    rules=(HasSettingRole(*MANAGERS, setting=""),),
    description="Upload and withdraw the notice board's documents.",
)

# --- on a SettingDocument -----------------------------------------------------------------------
BOARD_DOCUMENT = Action(
    "comms.board.document",
    rules=(IsParentInSetting(setting="setting"), HasSettingRole(*STAFF_ROLES)),
    description="Open a document of the setting's notice board.",
)
