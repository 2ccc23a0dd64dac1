"""The setting's information (R68) and the briefing meeting before admission (R6)."""

from tandem.core.access import Action, HasOrganisationRole, HasSettingRole
from tandem.core.roles import MANAGERS, OrganisationRole, SettingRole
from tandem.people.rules import IsKeyPerson, IsLinkedAdult, IsParentInSetting

# --- on a Setting -------------------------------------------------------------------------------
INFORMATION_READ = Action(
    "enrolment.information.read",
    rules=(
        IsParentInSetting(),
        HasSettingRole(*SettingRole.values, setting=""),
        HasOrganisationRole(*OrganisationRole.values, organisation="organisation"),
    ),
    description="Read the setting's information: safeguarding, fees, late collection, SEN, complaints…",
)
INFORMATION_MANAGE = Action(
    "enrolment.information.manage",
    rules=(HasSettingRole(*MANAGERS, setting=""),),
    description="Write and change the setting's information pages.",
)

# --- on a Child ---------------------------------------------------------------------------------
BRIEFING_VIEW = Action(
    "enrolment.information.briefing_view",
    rules=(IsLinkedAdult(), IsKeyPerson(), HasSettingRole(*MANAGERS)),
    description="See when a child's briefing meeting is and what was talked about.",
)
BRIEFING_MANAGE = Action(
    "enrolment.information.briefing_manage",
    rules=(IsKeyPerson(), HasSettingRole(*MANAGERS)),
    description="Arrange a child's briefing meeting and record what was discussed.",
)
