"""Who may choose how the setting runs its journal (framework, progress-check ages)."""

from __future__ import annotations

from tandem.core.access import Action, HasSettingRole
from tandem.core.roles import MANAGERS

JOURNAL_SETTINGS_MANAGE = Action(
    "journal.settings.manage",
    rules=(HasSettingRole(*MANAGERS, setting=""),),
    description="Choose the setting's framework (Development Matters or Birth to 5 Matters) and check ages.",
)
