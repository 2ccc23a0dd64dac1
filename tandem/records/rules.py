"""The access model of the records app (R54, R55, R65–R67), shared by its features.

* **Schools (R54)** are the setting's business: leaders and practitioners read the schools and their
  partnership activity and record activity; the manager, deputy and administrator keep the list.
* **Transition (R55)** is the key person's work with the setting's leaders (:func:`transition_staff`):
  they plan the move, write the report and arrange meetings with the receiving teacher. The family
  with parental responsibility, not kept from information (:func:`family`), reads the report,
  adds their own words and agrees it before anything is sent.
* **Transfer of records**: each kind goes separately, sent by those whose records they are:
  the learning record by the manager or deputy, SEN records by the SENCO or the manager, child
  protection records by the DSL or the manager (:data:`TRANSFER_ROLES`).
* **Access requests (R66)** are answered by the manager and deputy (:data:`REQUEST_ROLES`). Any
  linked adult may ask for their own data; a child's records need parental responsibility.
* **Retention (R67)**: the schedule and each destruction are the manager's decisions; the manager
  and deputy archive leavers; the provider's owners read the destruction log.
* **Who has seen my child's record (R65)**: the family with parental responsibility.
"""

from __future__ import annotations

from tandem.agencies.rules import child_staff_rules, family_rules
from tandem.core.access import HasOrganisationRole, HasSettingRole, Rule
from tandem.core.roles import LEADERSHIP, MANAGERS, OrganisationRole, SettingRole

SCHOOL_READERS = (*LEADERSHIP, SettingRole.PRACTITIONER, SettingRole.ADMINISTRATOR)
SCHOOL_KEEPERS = (SettingRole.MANAGER, SettingRole.DEPUTY, SettingRole.ADMINISTRATOR)
ACTIVITY_RECORDERS = (*LEADERSHIP, SettingRole.PRACTITIONER)
TRANSFER_ROLES = {
    "learning": (SettingRole.MANAGER, SettingRole.DEPUTY),
    "sen": (SettingRole.SENCO, SettingRole.MANAGER),
    "protection": (SettingRole.DSL, SettingRole.MANAGER),
}
ANY_TRANSFER_ROLE = tuple(sorted({role for roles in TRANSFER_ROLES.values() for role in roles}))
REQUEST_ROLES = MANAGERS
ARCHIVE_ROLES = MANAGERS
RETENTION_ROLES = (SettingRole.MANAGER,)


def setting_path(child: str) -> str:
    return f"{child}__setting" if child else "setting"


def transition_staff(child: str = "") -> tuple[Rule, ...]:
    """The child's key person and the setting's leaders (manager, deputy, SENCO, DSL)."""
    return child_staff_rules(child)


def family(child: str = "") -> tuple[Rule, ...]:
    """Adults with parental responsibility for the child, not kept from information."""
    return family_rules(child)


def owners(organisation: str = "setting__organisation") -> tuple[Rule, ...]:
    return (HasOrganisationRole(OrganisationRole.OWNER, organisation=organisation),)


def roles(*names: str, setting: str = "setting") -> HasSettingRole:
    return HasSettingRole(*names, setting=setting)
