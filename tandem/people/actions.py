"""What can be done with children and families, and who may do it."""

from tandem.core.access import Action, HasOrganisationRole, HasSettingRole
from tandem.core.roles import LEADERSHIP, MANAGERS, RECORD_KEEPERS, OrganisationRole, SettingRole

from .rules import IsKeyPerson, IsLinkedAdult, IsParentInSetting, WorksInChildRoom

ALL_SETTING_ROLES = tuple(SettingRole.values)

# --- on a Child -------------------------------------------------------------------------------
CHILD_VIEW = Action(
    "people.child.view",
    rules=(
        IsLinkedAdult(),
        IsKeyPerson(),
        WorksInChildRoom(),
        HasSettingRole(*LEADERSHIP, SettingRole.ADMINISTRATOR),
    ),
    description="See a child's profile: name, age, room, key person.",
    audit_read="people.child.viewed",
)
CHILD_LIST = Action(
    "people.child.list",
    rules=(HasSettingRole(*LEADERSHIP, SettingRole.ADMINISTRATOR),),
    description="Search and list every child in a setting.",
)
CHILD_MANAGE = Action(
    "people.child.manage",
    rules=(HasSettingRole(*RECORD_KEEPERS),),
    description="Change a child's record: names, dates, room, key person.",
)
FAMILY_VIEW = Action(
    "people.family.view",
    rules=(IsKeyPerson(), HasSettingRole(*LEADERSHIP, SettingRole.ADMINISTRATOR)),
    description="See the adults linked to a child, their contact details and restrictions.",
    audit_read="people.family.viewed",
)
FAMILY_MANAGE = Action(
    "people.family.manage",
    rules=(HasSettingRole(*RECORD_KEEPERS),),
    description="Link an adult to a child, change the link, record restrictions.",
)
NEEDS_VIEW = Action(
    "people.needs.view",
    rules=(
        IsLinkedAdult(parental_responsibility=True),
        IsKeyPerson(),
        WorksInChildRoom(),
        HasSettingRole(*LEADERSHIP),
    ),
    description="See a child's particular needs: allergies, medical, dietary, SEN (R3).",
    audit_read="people.needs.viewed",
)
EMERGENCY_CONTACTS_VIEW = Action(
    "people.emergency_contacts.view",
    rules=(
        IsLinkedAdult(parental_responsibility=True),
        IsKeyPerson(),
        WorksInChildRoom(),
        HasSettingRole(*LEADERSHIP, SettingRole.ADMINISTRATOR),
    ),
    description="See who the setting calls in an emergency, in order (names and relationships).",
)
NEEDS_MANAGE = Action(
    "people.needs.manage",
    rules=(IsKeyPerson(), HasSettingRole(*MANAGERS, SettingRole.SENCO)),
    description="Record or change a child's particular needs (only those who may also see them).",
)
CHILD_AUDIT = Action(
    "people.child.audit",
    rules=(HasSettingRole(SettingRole.MANAGER, SettingRole.DSL),),
    description="See who has looked at or changed a child's record, and when.",
    audit_read="people.child.audit_viewed",
)

# --- on a Setting -----------------------------------------------------------------------------
CHILD_CREATE = Action(
    "people.child.create",
    rules=(HasSettingRole(*RECORD_KEEPERS, setting=""),),
    description="Add a child to a setting.",
)
SETTING_CONTACTS = Action(
    "people.setting.contacts",
    rules=(
        IsParentInSetting(),
        HasSettingRole(*ALL_SETTING_ROLES, setting=""),
        HasOrganisationRole(*OrganisationRole.values, organisation="organisation"),
    ),
    description="See a setting's staffing structure and who to contact.",
)

# --- on an Adult ------------------------------------------------------------------------------
ADULT_LIST = Action(
    "people.adult.list",
    rules=(HasSettingRole(*RECORD_KEEPERS, SettingRole.DSL, SettingRole.SENCO),),
    description="Search and list the parents and carers known to a setting.",
)
ADULT_MANAGE = Action(
    "people.adult.manage",
    rules=(HasSettingRole(*RECORD_KEEPERS),),
    description="Change an adult's details and invite them to sign in.",
)

# --- on a User (a member of staff) ------------------------------------------------------------
STAFF_PHOTO = Action(
    "people.staff.photo",
    rules=(
        IsParentInSetting(setting="setting_memberships__setting"),
        HasSettingRole(*ALL_SETTING_ROLES, setting="setting_memberships__setting"),
        HasOrganisationRole(*OrganisationRole.values, organisation="setting_memberships__setting__organisation"),
    ),
    description="See the photo of a member of staff of a setting one belongs to.",
)
