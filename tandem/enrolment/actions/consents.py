"""Consents (R9): who may see a child's consents, who may decide them, who sees the whole setting."""

from tandem.core.access import Action, HasSettingRole
from tandem.core.roles import LEADERSHIP, MANAGERS, SettingRole
from tandem.people.rules import IsKeyPerson, IsLinkedAdult, WorksInChildRoom

# --- on a Child -------------------------------------------------------------------------------
# Every parent or carer of the child sees what has been agreed (a foster carer or step-parent needs
# to know about outings and medicine too), but only those with parental responsibility decide.
CONSENTS_VIEW = Action(
    "enrolment.consents.view",
    rules=(
        IsLinkedAdult(),
        IsKeyPerson(),
        WorksInChildRoom(),
        HasSettingRole(*LEADERSHIP, SettingRole.ADMINISTRATOR),
    ),
    description="See the state and history of a child's consents (photographs, outings, medicine…).",
)
# Staff who work with the child see a warning beside its name where a consent they act on is missing.
CONSENTS_FLAG = Action(
    "enrolment.consents.flag",
    rules=(IsKeyPerson(), WorksInChildRoom(), HasSettingRole(*LEADERSHIP, SettingRole.ADMINISTRATOR)),
    description="See 'No photo consent' beside a child's name wherever staff see the child.",
)
CONSENTS_DECIDE = Action(
    "enrolment.consents.decide",
    rules=(IsLinkedAdult(parental_responsibility=True),),
    description="Give, refuse or withdraw consent for a child: only an adult with parental responsibility. "
    "Staff never decide on a parent's behalf.",
)

# --- on a Setting -----------------------------------------------------------------------------
CONSENTS_OVERVIEW = Action(
    "enrolment.consents.overview",
    rules=(HasSettingRole(*MANAGERS, SettingRole.ADMINISTRATOR, SettingRole.SENCO, SettingRole.DSL, setting=""),),
    description="See every child's consents in a setting at a glance, and who has no photo consent.",
)
CONSENT_TYPES_MANAGE = Action(
    "enrolment.consent_types.manage",
    rules=(HasSettingRole(*MANAGERS, setting=""),),
    description="Set up the consents a setting asks for and change their wording (a new version).",
)
