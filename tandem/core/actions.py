"""Actions of the core: the person's own home and the provider's overview."""

from .access import Action, HasOrganisationRole, HasSettingRole, SignedIn
from .roles import LEADERSHIP, OrganisationRole, SettingRole

HOME = Action("core.home.view", rules=(SignedIn(),), description="See one's own home page.")
ACCOUNT = Action("core.account.manage", rules=(SignedIn(),), description="Manage one's own sign-in, password and MFA.")
ORGANISATION_VIEW = Action(
    "core.organisation.view",
    rules=(HasOrganisationRole(OrganisationRole.OWNER, OrganisationRole.LINE_MANAGER, organisation=""),),
    description="See the provider's settings, rooms and numbers (no child's record).",
)
STAFF_PROFILE = Action(
    "core.staff_profile.manage",
    rules=(HasSettingRole(*SettingRole.values),),
    description="A member of staff changes their own profile photo, shown to families.",
)
OFFICE = Action(
    "core.office.view",
    rules=(HasSettingRole(*LEADERSHIP, SettingRole.ADMINISTRATOR),),
    description="Open the office page: the setting's queues, overviews and imports.",
)
