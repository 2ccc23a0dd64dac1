"""Who may do what with support plans and SEN plans (R22, R23). Built on ``tandem/agencies/rules.py``.

* **Reading** a plan: the child's key person, the practitioners of the child's room (they carry it
  out) and the setting's leaders (manager, deputy, SENCO, DSL); the family (parental
  responsibility, no restriction) once it has been proposed to them, never a draft; a visiting
  professional invited to that one plan, while the invitation lasts and the plan is open.
* **Writing** it (details, targets, proposing it, inviting professionals, reviews): the key
  person and the leaders, the SENCO included, while the plan is open.
* **Agreeing** a proposed plan: the family. **Commenting**: the key person and leaders, the
  family on a proposed or agreed plan, an invited professional.
* The family's link under each child ("Support plan") shows only when the child has a plan they
  may read. "Plans due for review": the leaders, and key persons for their key children.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from tandem.core.access import NOTHING, Action, HasSettingRole, Rule, memo, path
from tandem.core.roles import LEADERSHIP
from tandem.people.rules import IsKeyPersonInSetting, IsLinkedAdult

from ..rules import IsPlanContributor, child_room_rules, child_staff_rules, family_rules

if TYPE_CHECKING:
    from tandem.core.models import User

DRAFT, PROPOSED, AGREED, CLOSED = "draft", "proposed", "agreed", "closed"  # SupportPlan.Status
OPEN = (DRAFT, PROPOSED, AGREED)
SHOWN_TO_FAMILY = (PROPOSED, AGREED, CLOSED)


@dataclass(frozen=True)
class OnPlans(Rule):
    """Any of ``rules`` (each a path from a SupportPlan), only on plans whose status is one of
    ``statuses``. ``name`` keys the per-request answer of :meth:`holds` (one query, then remembered)."""

    name: str
    rules: tuple[Rule, ...]
    statuses: tuple[str, ...]

    def q(self, user: User) -> Q:
        combined = NOTHING
        for rule in self.rules:
            combined |= rule.q(user)
        return combined & Q(status__in=list(self.statuses))

    def holds(self, user: User) -> bool:
        if not any(rule.holds(user) for rule in self.rules):
            return False

        def load() -> bool:
            from ..models import SupportPlan

            return SupportPlan.objects.filter(self.q(user)).exists()

        return bool(memo(user, f"agencies_plans_{self.name}", load))


@dataclass(frozen=True)
class FamilyWithPlan(Rule):
    """A parent with parental responsibility, not kept from information, of a child (``child`` is the
    path to it, "" for a Child) who has a plan the family may read (proposed, agreed or closed).

    The plan is looked for in the same query as the children (a subquery), so the links under each
    child on a parent's home cost nothing more; ``holds`` says only whether the person is such a
    parent at all (from the links the access layer has already loaded)."""

    child: str = ""

    def _family(self) -> IsLinkedAdult:
        return IsLinkedAdult(child=self.child, parental_responsibility=True)

    def q(self, user: User) -> Q:
        from ..models import SupportPlan

        ids = self._family().child_ids(user)
        if not ids:
            return NOTHING
        with_plan = SupportPlan.objects.filter(child_id__in=ids, status__in=SHOWN_TO_FAMILY).values("child_id")
        return Q(**{path(self.child, "id__in") if self.child else "pk__in": with_plan})

    def holds(self, user: User) -> bool:
        return self._family().holds(user)


# --- on a Child ------------------------------------------------------------------------------------
PLANS_CHILD = Action(
    "agencies.plans.child",
    rules=child_room_rules(""),
    description="See a child's support plans on their record (and when they are next reviewed): the key "
    "person, the practitioners of the child's room and the setting's leaders.",
)
PLAN_START = Action(
    "agencies.plans.start",
    rules=child_staff_rules(""),
    description="Start a support plan or SEN plan for a child: the key person and the setting's leaders "
    "(the SENCO included).",
)
PLANS_FAMILY = Action(
    "agencies.plans.family",
    rules=(FamilyWithPlan(""),),
    description="A family's page of their child's support plans (the 'Support plan' link under the child): "
    "parents with parental responsibility, not restricted, once a plan has been proposed to them.",
)

# --- on a Setting ----------------------------------------------------------------------------------
PLANS_DUE = Action(
    "agencies.plans.due",
    rules=(HasSettingRole(*LEADERSHIP, setting=""), IsKeyPersonInSetting()),
    description="The plans due for review: the setting's leaders (all plans) and key persons (their key "
    "children's plans).",
)

# --- on a SupportPlan ------------------------------------------------------------------------------
PLAN_VIEW = Action(
    "agencies.plans.view",
    rules=(
        *child_room_rules("child"),
        OnPlans("family_view", family_rules("child"), SHOWN_TO_FAMILY),
        IsPlanContributor(""),
    ),
    audit_read="agencies.plans.viewed",
    description="Read a plan, its targets, reviews and comments: the key person, the room's practitioners "
    "and the leaders; the family once it is proposed (never a draft); a professional invited to it, "
    "while the invitation lasts and the plan is open.",
)
PLAN_EDIT = Action(
    "agencies.plans.edit",
    rules=(OnPlans("edit", child_staff_rules("child"), OPEN),),
    description="Write an open plan (what the concern is, the targets, the review date) and propose it to the "
    "family: the key person and the leaders.",
)
PLAN_CONTRIBUTORS = Action(
    "agencies.plans.contributors",
    rules=(OnPlans("contributors", child_staff_rules("child"), OPEN),),
    description="Invite a visiting professional to contribute to one open plan, and end the invitation: the "
    "key person and the leaders.",
)
PLAN_REVIEW = Action(
    "agencies.plans.review",
    rules=(OnPlans("review", child_staff_rules("child"), (PROPOSED, AGREED)),),
    description="Record a review of a plan proposed to or agreed with the family (a review may close it): "
    "the key person and the leaders.",
)
PLAN_AGREE = Action(
    "agencies.plans.agree",
    rules=(OnPlans("agree", family_rules("child"), (PROPOSED,)),),
    description="Agree a plan proposed to the family, as they see it: parents with parental responsibility, "
    "not restricted.",
)
PLAN_COMMENT = Action(
    "agencies.plans.comment",
    rules=(
        OnPlans("comment_staff", child_staff_rules("child"), OPEN),
        OnPlans("comment_family", family_rules("child"), (PROPOSED, AGREED)),
        IsPlanContributor(""),
    ),
    description="Comment on a plan: the key person and the leaders while it is open, the family on a proposed "
    "or agreed plan, an invited professional.",
)
