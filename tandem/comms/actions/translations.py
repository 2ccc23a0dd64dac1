"""Who may translate parent-facing items (R31).

Opening an item's translations page needs a staff role that could manage some parent-facing item
(``TRANSLATIONS``: not a volunteer or student, not a parent); what the person may do to *this* item
is then the item's own manage action, registered with ``register_translatable`` (the news post's,
the outing's, the event's, the meeting's): without it the item answers 404.
"""

from __future__ import annotations

from tandem.core.access import Action, HasSettingRole
from tandem.core.roles import SettingRole

TRANSLATORS = tuple(role for role in SettingRole.values if role != SettingRole.VOLUNTEER)

TRANSLATIONS = Action(
    "comms.translations.manage",
    rules=(HasSettingRole(*TRANSLATORS),),
    description="Open the translations of a parent-facing item one may manage: write, correct or remove a "
    "translation, ask for machine translations.",
)
