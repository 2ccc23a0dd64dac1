"""Who may use the setting's directory of agencies (R46) and record signposting (R47).

* **The directory** holds services, not children: everyone who works in the setting (every active
  role, volunteers and students included) may browse it and see the named contacts at each agency.
  The leaders (manager, deputy, SENCO, DSL) and the administrator keep it: add, change and stop
  using agencies and their contacts.
* **Parents and carers** of a child in the setting (not barred from information) see the support
  directory: the active agencies the setting lists for families, their public details only, never
  the named contacts.
* **Signposting** a family is about a child: the staff who work with the child (key person, the
  practitioners of the child's room, the leaders) record it and follow it up; the leaders see the
  setting's whole list. Administrators, volunteers and the provider's owners see none of it.
* **The family** (parental responsibility, not kept from information) sees the signposting staff
  marked as shared with them, under "Support we suggested".
"""

from __future__ import annotations

from tandem.core.access import Action, HasSettingRole
from tandem.core.roles import LEADERSHIP, SettingRole
from tandem.people.rules import IsParentInSetting

from ..rules import child_room_rules, family_rules

STAFF_ROLES = tuple(SettingRole.values)
KEEPERS = (*LEADERSHIP, SettingRole.ADMINISTRATOR)

# --- on a Setting -----------------------------------------------------------------------------
DIRECTORY_VIEW = Action(
    "agencies.directory.view",
    rules=(HasSettingRole(*STAFF_ROLES, setting=""),),
    description="Browse the setting's directory of local and national agencies: everyone who works there.",
)
DIRECTORY_MANAGE = Action(
    "agencies.directory.manage",
    rules=(HasSettingRole(*KEEPERS, setting=""),),
    description="Add an agency to the setting's directory: the manager, deputy, SENCO, DSL and administrator.",
)
SUPPORT_DIRECTORY = Action(
    "agencies.directory.support",
    rules=(IsParentInSetting(setting=""),),
    description="Parents and carers of a child in the setting read its support directory: the agencies "
    "listed for families, their public details only.",
)
SIGNPOSTING_LIST = Action(
    "agencies.directory.signposting_list",
    rules=(HasSettingRole(*LEADERSHIP, setting=""),),
    description="See every signposting of the setting and the follow-ups due: the manager, deputy, SENCO and DSL.",
)

# --- on an Agency -----------------------------------------------------------------------------
AGENCY_VIEW = Action(
    "agencies.directory.agency",
    rules=(HasSettingRole(*STAFF_ROLES),),
    description="Open an agency of the directory with its named contacts: everyone who works in the setting.",
)
AGENCY_MANAGE = Action(
    "agencies.directory.agency_manage",
    rules=(HasSettingRole(*KEEPERS),),
    description="Change an agency, stop or start listing it, add and change its contacts: the manager, "
    "deputy, SENCO, DSL and administrator.",
)

# --- on a Child -------------------------------------------------------------------------------
SIGNPOST = Action(
    "agencies.directory.signpost",
    rules=child_room_rules(),
    description="See a child's signposting and record that the family was signposted to an agency: the key "
    "person, the practitioners of the child's room and the setting's leaders.",
)
SUGGESTED = Action(
    "agencies.directory.suggested",
    rules=family_rules(),
    description="The family (parental responsibility, not kept from information) sees the support staff "
    "suggested and shared with them.",
)

# --- on a Signposting -------------------------------------------------------------------------
SIGNPOSTING_UPDATE = Action(
    "agencies.directory.signposting",
    rules=child_room_rules("child"),
    description="Open a signposting and record how it turned out: the staff who may signpost the child.",
)
