"""Who may read, sign, countersign and write the partnership agreement (R8)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from tandem.core.access import NOTHING, Action, HasSettingRole, Rule, memo, path
from tandem.core.roles import MANAGERS, RECORD_KEEPERS
from tandem.people.rules import IsLinkedAdult

if TYPE_CHECKING:
    from tandem.core.models import User


@dataclass(frozen=True)
class AwaitsSignature(Rule):
    """A parent with parental responsibility (not restricted) of a child for whom nobody has yet
    signed the current version of the setting's agreement. Loaded once per request."""

    child: str = ""

    def child_ids(self, user: User) -> list[int]:
        def load() -> list[int]:
            from tandem.people.models import Child

            from ..selectors.contract import children_awaiting_signature

            mine = IsLinkedAdult(parental_responsibility=True).child_ids(user)
            if not mine:
                return []
            awaiting = children_awaiting_signature(Child.objects.filter(pk__in=mine))
            return sorted(awaiting.values_list("pk", flat=True))

        return memo(user, "agreement_awaiting_signature", load)

    def q(self, user: User) -> Q:
        ids = self.child_ids(user)
        return Q(**{path(self.child, "id__in") if self.child else "pk__in": ids}) if ids else NOTHING

    def holds(self, user: User) -> bool:
        return bool(self.child_ids(user))


# --- on a Child -------------------------------------------------------------------------------
AGREEMENT_VIEW = Action(
    "enrolment.contract.view",
    rules=(IsLinkedAdult(), HasSettingRole(*RECORD_KEEPERS)),
    description="Read the setting's partnership agreement for a child and see who has signed it.",
)
AGREEMENT_SIGN = Action(
    "enrolment.contract.sign",
    rules=(IsLinkedAdult(parental_responsibility=True),),
    description="Sign the current partnership agreement for a child (parental responsibility needed).",
)
AGREEMENT_PROMPT = Action(
    "enrolment.contract.prompt",
    rules=(AwaitsSignature(),),
    description="Be asked to sign: the current agreement has no signature for this child yet.",
)
AGREEMENT_DOWNLOAD = Action(
    "enrolment.contract.download",
    rules=(IsLinkedAdult(parental_responsibility=True), HasSettingRole(*RECORD_KEEPERS)),
    description="Download a signed copy (PDF) of the agreement for a child.",
)
AGREEMENT_STATUS = Action(
    "enrolment.contract.status",
    rules=(HasSettingRole(*RECORD_KEEPERS),),
    description="See on a child's record whether the current agreement is signed and countersigned.",
)
AGREEMENT_COUNTERSIGN = Action(
    "enrolment.contract.countersign",
    rules=(HasSettingRole(*MANAGERS),),
    description="Countersign a parent's signature on behalf of the setting.",
)

# --- on a Setting -----------------------------------------------------------------------------
AGREEMENT_OVERVIEW = Action(
    "enrolment.contract.overview",
    rules=(HasSettingRole(*RECORD_KEEPERS, setting=""),),
    description="See the setting's agreement versions and the children still without a signature.",
)
AGREEMENT_MANAGE = Action(
    "enrolment.contract.manage",
    rules=(HasSettingRole(*MANAGERS, setting=""),),
    description="Write and publish a new version of the setting's partnership agreement.",
)
