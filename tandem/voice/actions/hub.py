"""The parents' "Have your say" page (R36–R41): every parent or carer of a child in the setting whom
no restriction keeps from information. Each section on it is filtered by its own feature's action."""

from __future__ import annotations

from tandem.core.access import Action

from ..rules import parent_rules

# --- on a Setting -----------------------------------------------------------------------------
HUB_VIEW = Action(
    "voice.hub.view",
    rules=parent_rules(""),
    description='Open "Have your say": what the setting is asking families now, and ways to take part.',
)
