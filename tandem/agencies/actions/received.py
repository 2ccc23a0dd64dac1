"""Who may record, read and pass on information received from another agency (R49). Built on the
shared rules of ``tandem/agencies/rules.py``.

* **Recording** what another agency sent or told the setting about a child, and the list of it: the
  child's key person and the setting's leaders (:func:`child_staff_rules`).
* **Reading** an item (its page and its document): as recording, except that an item marked
  safeguarding is read only by the DSL, the manager and the key person (:func:`protection_rules`).
* **The agency's consent to pass it on** (recording and withdrawing it): the key person and the
  leaders for an ordinary item; the DSL and the manager for safeguarding material.
* Families, administrators, volunteers, owners and visiting professionals never see it: it is the
  other agency's information, kept in confidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from tandem.core.access import Action, HasSettingRole, Rule, path

from ..rules import PROTECTION_ROLES, child_staff_rules, protection_rules

if TYPE_CHECKING:
    from tandem.core.models import User


@dataclass(frozen=True)
class NotSafeguarding(Rule):
    """``rule`` (about the item's child), for items not marked safeguarding (``item``: the path to
    the ReceivedItem, "" for one)."""

    rule: Rule
    item: str = ""

    def q(self, user: User) -> Q:
        return self.rule.q(user) & Q(**{path(self.item, "safeguarding"): False})

    def holds(self, user: User) -> bool:
        return self.rule.holds(user)


# --- on a Child -------------------------------------------------------------------------------------
RECEIVED_RECORD = Action(
    "agencies.received.record",
    rules=child_staff_rules(),
    description="Record information received from another agency about a child (a document or a note of what "
    "they said) and see the list of it: the key person and the setting's leaders. Safeguarding items in the "
    "list: the DSL, the manager and the key person only.",
)

# --- on a ReceivedItem ------------------------------------------------------------------------------
RECEIVED_VIEW = Action(
    "agencies.received.view",
    rules=(*(NotSafeguarding(rule) for rule in child_staff_rules("child")), *protection_rules("child")),
    description="Read an item received from another agency and download its document (every read is "
    "audited): the key person and the setting's leaders; safeguarding items the DSL, the manager and the "
    "key person only.",
)
RECEIVED_CONSENT = Action(
    "agencies.received.consent",
    rules=(
        *(NotSafeguarding(rule) for rule in child_staff_rules("child")),
        HasSettingRole(*PROTECTION_ROLES, setting="child__setting"),
    ),
    description="Record or withdraw the originating agency's consent to pass an item on: the key person and "
    "the leaders; for safeguarding items the DSL and the manager.",
)
