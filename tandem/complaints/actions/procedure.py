"""Who may read and configure the complaints procedure, and see a setting's deadlines (R59, R60, R64).

* **The procedure text** ("How to raise a concern or complaint") of a setting is for its parents
  and carers (not barred from information about their child there), everyone who works there, and
  the organisation's owners and line managers (who hold stages in it and configure it).
* **Who holds each stage** above the setting manager (the line manager, the appeal) is set per
  organisation by its owners; the setting managers and deputies may read it.
* **The deadlines page** of a setting: the manager and deputy, the organisation's line managers and
  owners. Each sees only the limits of complaints they may open (``COMPLAINT_VIEW``).
"""

from __future__ import annotations

from tandem.core.access import Action, HasOrganisationRole, HasSettingRole
from tandem.core.roles import MANAGERS, OrganisationRole, SettingRole
from tandem.people.rules import IsParentInSetting

ORGANISATION_ROLES = (OrganisationRole.OWNER, OrganisationRole.LINE_MANAGER)

# --- on a Setting -----------------------------------------------------------------------------
PROCEDURE_VIEW = Action(
    "complaints.procedure.view",
    rules=(
        IsParentInSetting(setting=""),
        HasSettingRole(*SettingRole.values, setting=""),
        HasOrganisationRole(*ORGANISATION_ROLES, organisation="organisation"),
    ),
    description="Read how to raise a concern or complaint at the setting: each stage, who holds it, "
    "the time limits and Ofsted's details (parents of the setting, its staff, the provider's leaders).",
)
DEADLINES_VIEW = Action(
    "complaints.deadlines.view",
    rules=(
        HasSettingRole(*MANAGERS, setting=""),
        HasOrganisationRole(*ORGANISATION_ROLES, organisation="organisation"),
    ),
    description="See the open time limits of the setting's complaints, due and overdue (only those of "
    "complaints one may open).",
)

# --- on an Organisation -------------------------------------------------------------------------
PROCEDURE_SETTINGS_VIEW = Action(
    "complaints.procedure.settings_view",
    rules=(
        HasOrganisationRole(OrganisationRole.OWNER, organisation=""),
        HasSettingRole(*MANAGERS, setting="settings"),
    ),
    description="See who holds the line-manager and appeal stages of the complaints procedure (owners; "
    "the managers and deputies of its settings).",
)
PROCEDURE_SETTINGS_MANAGE = Action(
    "complaints.procedure.configure",
    rules=(HasOrganisationRole(OrganisationRole.OWNER, organisation=""),),
    description="Name the line-manager and appeal stages of the complaints procedure and choose who holds them.",
)
