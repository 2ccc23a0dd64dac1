"""Who may do what with a child's move to school (R55). Built on ``tandem/records/rules.py``.

* **Staff**: the child's key person and the setting's leaders (manager, deputy, SENCO, DSL)
  (:func:`~tandem.records.rules.transition_staff`) see the leavers, start a transition, choose the
  school and the receiving teacher, write the transition report, send it to the family, answer the
  family's requests for a change and arrange meetings with the receiving teacher. Other
  practitioners, the administrator and volunteers: nothing.
* **The family** (parental responsibility, not kept from information: :func:`~tandem.records.rules.family`)
  reads the report once it is sent to them, adds their own words, asks for a change and agrees it;
  they see the meetings shared with them. The "Starting school" link under a child shows only once
  the child has a transition.
* The provider's owners and visiting professionals: nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from tandem.core.access import Action, HasSettingRole, Rule, path
from tandem.core.roles import LEADERSHIP
from tandem.people.rules import IsKeyPersonInSetting

from ..rules import family, transition_staff

if TYPE_CHECKING:
    from tandem.core.models import User


@dataclass(frozen=True)
class WithTransition(Rule):
    """``rule``, only on children (``child`` is the path to one, "" for a Child) who have a transition."""

    rule: Rule
    child: str = ""

    def q(self, user: User) -> Q:
        return self.rule.q(user) & Q(
            **{path(self.child, "transition__isnull") if self.child else "transition__isnull": False}
        )

    def holds(self, user: User) -> bool:
        return self.rule.holds(user)


# --- on a Setting -------------------------------------------------------------------------------
TRANSITIONS_LIST = Action(
    "records.transition.list",
    rules=(HasSettingRole(*LEADERSHIP, setting=""), IsKeyPersonInSetting()),
    description="The setting's leavers and the children who may need a transition to school: the leaders, and "
    "key persons for their key children.",
)

# --- on a Child ---------------------------------------------------------------------------------
TRANSITION_START = Action(
    "records.transition.start",
    rules=transition_staff(),
    description="Start a child's transition to school (the school, the receiving teacher, the start date): "
    "the key person and the setting's leaders.",
)
TRANSITION_CHILD = Action(
    "records.transition.child",
    rules=tuple(WithTransition(rule) for rule in transition_staff()),
    description="The 'Starting school' link under a child who has a transition: the key person and the "
    "setting's leaders.",
)
FAMILY_PAGE = Action(
    "records.transition.family",
    rules=tuple(WithTransition(rule) for rule in family()),
    description="The family's 'Starting school' page of a child who has a transition: the school, the report "
    "sent to them and the meetings shared with them. Parents with parental responsibility, not restricted.",
)

# --- on a Transition ----------------------------------------------------------------------------
TRANSITION_VIEW = Action(
    "records.transition.view",
    rules=transition_staff("child"),
    description="Open a child's transition: the school, the teacher, the report, the family's requests and the "
    "meetings. The key person and the setting's leaders.",
)
TRANSITION_PLAN = Action(
    "records.transition.plan",
    rules=transition_staff("child"),
    description="Change a transition, write the report and send it to the family, answer the family's "
    "requests, arrange meetings with the receiving teacher: the key person and the setting's leaders.",
)
REPORT_FAMILY = Action(
    "records.transition.agree",
    rules=family("child"),
    description="Read the transition report sent to the family, add the family's own words, ask for a change "
    "and agree it: parents with parental responsibility, not restricted.",
)
