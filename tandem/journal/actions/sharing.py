"""Who may send a child's summary or progress check to another setting, and see the log (R25)."""

from __future__ import annotations

from tandem.core.access import Action, HasSettingRole
from tandem.core.roles import LEADERSHIP
from tandem.people.rules import IsKeyPerson, IsLinkedAdult

# --- on a Child -------------------------------------------------------------------------------
SHARE_MANAGE = Action(
    "journal.sharing.manage",
    rules=(IsKeyPerson(), HasSettingRole(*LEADERSHIP)),
    description="Send a shared summary or signed-off progress check to another setting; see the log; revoke a link.",
)
SHARE_VIEW = Action(
    "journal.sharing.view",
    rules=(IsLinkedAdult(parental_responsibility=True), IsKeyPerson(), HasSettingRole(*LEADERSHIP)),
    description="See what has been sent to other settings about a child, and to whom.",
)
