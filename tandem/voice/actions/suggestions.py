"""Who may make, read and answer suggestions (R37).

* Parents and carers of the setting make suggestions, named or anonymous, and read their own named
  ones with the setting's reply. An anonymous suggestion records no author, so no one (its maker
  included) can later tie it to them.
* Everyone of the setting (families and staff) and the provider's owners and line managers read
  "You said, we did": the replies made public and what changed, without names.
* The manager and deputy read every suggestion and answer it; owners and line managers read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from tandem.core.access import NOTHING, Action, Rule, memo

from ..rules import leader_rules, organisation_rules, parent_rules, staff_rules

if TYPE_CHECKING:
    from tandem.core.models import User


@dataclass(frozen=True)
class IsNamedAuthor(Rule):
    """The parent who made a named suggestion, while still a parent in its setting."""

    def q(self, user: User) -> Q:
        inner = parent_rules("setting")[0].q(user)
        if inner is NOTHING:
            return NOTHING
        return Q(author=user) & inner

    def holds(self, user: User) -> bool:
        def load() -> bool:
            from ..models import Suggestion

            return Suggestion.objects.filter(self.q(user)).exists()

        if not parent_rules("")[0].holds(user):
            return False
        return bool(memo(user, "voice_named_suggestions", load))


# --- on a Setting -----------------------------------------------------------------------------
SUGGESTION_MAKE = Action(
    "voice.suggestions.make",
    rules=parent_rules(""),
    description="Make a suggestion to the setting, positive or negative, named or anonymous.",
)
SUGGESTION_PUBLIC = Action(
    "voice.suggestions.public",
    rules=(*parent_rules(""), *staff_rules(""), *organisation_rules("")),
    description='Read "You said, we did": the replies made public and what changed, without names.',
)
SUGGESTION_LIST = Action(
    "voice.suggestions.list",
    rules=(*leader_rules(""), *organisation_rules("")),
    description="Read every suggestion the setting has received.",
)

# --- on a Suggestion --------------------------------------------------------------------------
SUGGESTION_OWN = Action(
    "voice.suggestions.own",
    rules=(IsNamedAuthor(),),
    description="Read one's own named suggestion and the setting's reply.",
)
SUGGESTION_VIEW = Action(
    "voice.suggestions.view",
    rules=(*leader_rules("setting"), *organisation_rules("setting")),
    description="Read a suggestion the setting received.",
)
SUGGESTION_ANSWER = Action(
    "voice.suggestions.answer",
    rules=leader_rules("setting"),
    description="Reply to a suggestion (publicly or to its named maker) and say what changed as a result.",
)
