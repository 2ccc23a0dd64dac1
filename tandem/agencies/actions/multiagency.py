"""Who may see and record a child's work with other services (R52): referrals, multi-agency meetings
and their actions. Built on the shared rules of ``tandem/agencies/rules.py``.

* **Staff**: the child's key person and the setting's leaders (:func:`child_staff_rules`) see and
  record referrals and meetings, and the actions agreed at them.
* **Safeguarding work** (a referral to children's social care; child in need meetings, child
  protection conferences and core group meetings, and their actions) is seen only by the DSL, the
  manager and the key person (:func:`protection_rules`): the deputy and the SENCO never learn it
  exists.
* **The family** (parents with parental responsibility, not kept from information) see, under their
  child, the referrals and meetings marked shared with them (never safeguarding ones) and the
  actions marked visible to them; the link shows only when there is something to see.
* **The setting's page** of open referrals and actions due: the setting's leaders (each sees what
  the rules above let them see).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q

from tandem.core.access import NOTHING, Action, HasSettingRole, Rule, memo, path
from tandem.core.roles import LEADERSHIP

from ..rules import child_staff_rules, family_rules, protection_rules

if TYPE_CHECKING:
    from tandem.core.models import User


@dataclass(frozen=True)
class NotSafeguarding(Rule):
    """``rule``, for records that are not safeguarding (``flag`` is the path to the boolean field)."""

    rule: Rule
    flag: str = "safeguarding"

    def q(self, user: User) -> Q:
        return self.rule.q(user) & Q(**{self.flag: False})

    def holds(self, user: User) -> bool:
        return self.rule.holds(user)


def shared_work() -> Q:
    """Children (as the model of the query) with a referral or a meeting shared with the family."""
    from ..models import AgencyMeeting, Referral

    referrals = Referral.objects.filter(child=OuterRef("pk"), shared_with_family=True, safeguarding=False)
    meetings = AgencyMeeting.objects.filter(child=OuterRef("pk"), shared_with_family=True, safeguarding=False)
    return Q(Exists(referrals)) | Q(Exists(meetings))


@dataclass(frozen=True)
class WithSharedWork(Rule):
    """``rule`` about a child (the action's model), for children with work shared with the family, so
    the family's link shows only when there is something behind it."""

    rule: Rule

    def q(self, user: User) -> Q:
        base = self.rule.q(user)
        return NOTHING if base == NOTHING else base & shared_work()

    def holds(self, user: User) -> bool:
        def load() -> bool:
            from tandem.people.models import Child

            return Child.objects.filter(self.q(user)).exists()

        return self.rule.holds(user) and memo(user, "agencies_shared_work", load)


def staff_or_protection(child: str, flag: str) -> tuple[Rule, ...]:
    """Staff under :func:`child_staff_rules` for records that are not safeguarding; the DSL, the
    manager and the key person for all."""
    return (*(NotSafeguarding(rule, flag) for rule in child_staff_rules(child)), *protection_rules(child))


# --- on a Child -------------------------------------------------------------------------------------
MULTIAGENCY_VIEW = Action(
    "agencies.multiagency.view",
    rules=child_staff_rules(),
    description="See a child's referrals to other services and multi-agency meetings (safeguarding ones: the "
    "DSL, the manager and the key person only): the key person and the setting's leaders.",
)
MULTIAGENCY_RECORD = Action(
    "agencies.multiagency.record",
    rules=child_staff_rules(),
    description="Record a referral to another service or a multi-agency meeting for a child (a referral to "
    "children's social care or a safeguarding meeting: the DSL, the manager and the key person only): the key "
    "person and the setting's leaders.",
)
MULTIAGENCY_FAMILY = Action(
    "agencies.multiagency.family",
    rules=tuple(WithSharedWork(rule) for rule in family_rules()),
    description="See 'Working with other services' for one's child: referrals and meetings shared with the "
    "family, never safeguarding ones, and the actions visible to them: parents with parental responsibility "
    "whom no restriction keeps from information.",
)

# --- on a Referral ----------------------------------------------------------------------------------
REFERRAL_MANAGE = Action(
    "agencies.multiagency.referral",
    rules=staff_or_protection("child", "safeguarding"),
    description="Open a referral and record its progress and outcome: the key person and the setting's "
    "leaders; a safeguarding referral: the DSL, the manager and the key person only.",
)

# --- on an AgencyMeeting ----------------------------------------------------------------------------
MEETING_MANAGE = Action(
    "agencies.multiagency.meeting",
    rules=staff_or_protection("child", "safeguarding"),
    description="Open a multi-agency meeting, change its notes and sharing, add actions: the key person and "
    "the setting's leaders; a safeguarding meeting: the DSL, the manager and the key person only.",
)

# --- on an AgencyAction -----------------------------------------------------------------------------
ACTION_DONE = Action(
    "agencies.multiagency.action_done",
    rules=staff_or_protection(path("meeting", "child"), "meeting__safeguarding"),
    description="Mark an action from a multi-agency meeting done: as for its meeting.",
)

# --- on a Setting -----------------------------------------------------------------------------------
MULTIAGENCY_OVERVIEW = Action(
    "agencies.multiagency.overview",
    rules=(HasSettingRole(*LEADERSHIP, setting=""),),
    description="See the setting's open referrals and the actions due from multi-agency meetings (each "
    "leader sees only what they may open): the manager, deputy, SENCO and DSL.",
)
