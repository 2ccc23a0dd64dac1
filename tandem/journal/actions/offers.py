"""Who may offer help to the setting, and who sees and answers the offers (R21)."""

from __future__ import annotations

from tandem.core.access import Action, HasSettingRole
from tandem.core.roles import LEADERSHIP, RECORD_KEEPERS, SettingRole
from tandem.people.rules import IsParentInSetting

# --- on a Setting -----------------------------------------------------------------------------
OFFER_MAKE = Action(
    "journal.offers.make",
    rules=(IsParentInSetting(setting=""),),
    description="Offer the setting a skill, resources, an idea or time; see one's own offers and the replies.",
)
# Practitioners may read the offers (to plan with them) but the office answers them.
OFFER_LIST = Action(
    "journal.offers.list",
    rules=(HasSettingRole(*LEADERSHIP, *RECORD_KEEPERS, SettingRole.PRACTITIONER, setting=""),),
    description="See the offers of help that families have made to the setting.",
)
OFFER_RESPOND = Action(
    "journal.offers.respond",
    rules=(HasSettingRole(*RECORD_KEEPERS, setting=""),),
    description="Answer a family's offer of help: accept it, thank them when done, or say not this time.",
)
