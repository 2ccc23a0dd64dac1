"""Who may print or export a child's record, and who sees the log of every export and print (R51).
Built on the shared rules of ``tandem/agencies/rules.py`` and ``tandem.core.access``.

* **Printing or exporting a child's record** (profile and family contacts, needs, consents, All
  About Me), always with a stated purpose that is logged first: the setting's leaders (manager,
  deputy, SENCO, DSL). The PDF is downloaded only by whoever asked for it.
* **The exports and prints log** of a setting (every export of a child's record from any feature,
  with who, what, which child, when and why): the manager and the DSL.
"""

from __future__ import annotations

from tandem.core.access import Action, HasSettingRole
from tandem.core.roles import LEADERSHIP, SettingRole

LOG_ROLES = (SettingRole.MANAGER, SettingRole.DSL)

# --- on a Child -------------------------------------------------------------------------------------
EXPORT_CHILD = Action(
    "agencies.exports.child",
    rules=(HasSettingRole(*LEADERSHIP, setting="setting"),),
    description="Print or export a child's record (the sections chosen) with a stated purpose, logged before "
    "the PDF is made; download it (only whoever asked): the manager, deputy, SENCO and DSL.",
)

# --- on a Setting -----------------------------------------------------------------------------------
EXPORT_LOG = Action(
    "agencies.exports.log",
    rules=(HasSettingRole(*LOG_ROLES, setting=""),),
    description="The setting's log of exports and prints of children's records: who, what, which child, when "
    "and why: the manager and the DSL.",
)
