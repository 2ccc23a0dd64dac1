"""Who may see, answer and run consultations on changes (R39).

* The manager and deputy write a consultation, publish it, close it and publish the decision with
  its reasons; they read every response, with names.
* Families of the setting (not an adult a restriction keeps from information) read published
  consultations, give their view while one is open, and read the decision.
* Staff read published consultations (they will live with the change too); the provider's owners
  and line managers read them and their responses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from tandem.core.access import NOTHING, Action, Rule

from ..rules import leader_rules, organisation_rules, parent_rules, staff_rules

if TYPE_CHECKING:
    from tandem.core.models import User


@dataclass(frozen=True)
class InStatus(Rule):
    """``rule``, only for consultations in one of ``statuses``."""

    rule: Rule
    statuses: tuple[str, ...]

    def q(self, user: User) -> Q:
        inner = self.rule.q(user)
        return NOTHING if inner is NOTHING else inner & Q(status__in=self.statuses)

    def holds(self, user: User) -> bool:
        return self.rule.holds(user)


PUBLISHED = ("open", "closed", "decided")

# --- on a Setting -----------------------------------------------------------------------------
CONSULTATION_LIST = Action(
    "voice.consultations.list",
    rules=(*parent_rules(""), *staff_rules(""), *organisation_rules("")),
    description="Read the setting's consultations on changes and their decisions.",
)
CONSULTATION_WRITE = Action(
    "voice.consultations.write",
    rules=leader_rules(""),
    description="Write a consultation on a change to how the service is delivered.",
)

# --- on a Consultation ------------------------------------------------------------------------
CONSULTATION_VIEW = Action(
    "voice.consultations.view",
    rules=(
        *leader_rules("setting"),
        *(InStatus(rule, PUBLISHED) for rule in (*parent_rules("setting"), *staff_rules("setting"))),
        *(InStatus(rule, PUBLISHED) for rule in organisation_rules("setting")),
    ),
    description="Read a consultation (published ones; the manager and deputy also drafts).",
)
CONSULTATION_RESPOND = Action(
    "voice.consultations.respond",
    rules=tuple(InStatus(rule, ("open",)) for rule in parent_rules("setting")),
    description="Give one's view on an open consultation.",
)
CONSULTATION_RESPONSES = Action(
    "voice.consultations.responses",
    rules=(*leader_rules("setting"), *organisation_rules("setting")),
    description="Read every response to a consultation, with names.",
)
CONSULTATION_MANAGE = Action(
    "voice.consultations.manage",
    rules=leader_rules("setting"),
    description="Edit, publish and close a consultation, and publish its decision with the reasons.",
)
