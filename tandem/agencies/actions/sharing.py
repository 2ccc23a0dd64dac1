"""Who may share a child's information with an agency or a school, and who sees the record of it
(R48, R51). Built on the shared rules of ``tandem/agencies/rules.py``.

* **Preparing and recording a share** (a share pack: the items chosen, with whom, why, on what
  basis): the child's key person and the setting's leaders (:func:`child_staff_rules`).
* **The decision to share without consent** (significant harm): recorded by the DSL of the child's
  setting alone; seen by the DSL and the manager, nobody else. Shares made on that basis are seen by
  the DSL and the manager only; the key person and the other leaders see the consent shares.
* **The information sharing log** of a setting: the DSL and the manager.
* **Families** (parents with parental responsibility, not kept from information) see what was
  shared about their child with their consent, and shares without consent only once the DSL's
  decision says they were told; never the decision's reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from tandem.core.access import Action, HasSettingRole, Rule, path
from tandem.core.roles import SettingRole

from ..rules import PROTECTION_ROLES, child_staff_rules, family_rules, protection_rules

if TYPE_CHECKING:
    from tandem.core.models import User

WITHOUT_CONSENT = "without_consent"  # Share.Basis.WITHOUT_CONSENT


@dataclass(frozen=True)
class OnShareBasis(Rule):
    """``rule`` (about the share's child), for shares that are not on the without-consent basis."""

    rule: Rule
    share: str = ""

    def q(self, user: User) -> Q:
        return self.rule.q(user) & ~Q(**{path(self.share, "basis"): WITHOUT_CONSENT})

    def holds(self, user: User) -> bool:
        return self.rule.holds(user)


# --- on a Child -------------------------------------------------------------------------------------
SHARING_MANAGE = Action(
    "agencies.sharing.manage",
    rules=child_staff_rules(),
    description="See what has been shared about a child with agencies and schools; prepare a share pack "
    "and record a share: the key person and the setting's leaders.",
)
SHARING_DECIDE = Action(
    "agencies.sharing.decide",
    rules=(HasSettingRole(SettingRole.DSL, setting="setting"),),
    description="Record the decision to share a child's information without consent because the child may be "
    "suffering, or be likely to suffer, significant harm: the DSL of the child's setting alone.",
)
SHARING_DECISIONS = Action(
    "agencies.sharing.decisions",
    rules=(HasSettingRole(*PROTECTION_ROLES, setting="setting"),),
    description="See the decisions to share without consent, and the shares made on them: the DSL and the manager.",
)
SHARING_SAFEGUARDING = Action(
    "agencies.sharing.safeguarding",
    rules=protection_rules(),
    description="Put safeguarding material received from another agency into a share pack: the DSL, the "
    "manager and the key person.",
)
SHARING_FAMILY = Action(
    "agencies.sharing.family",
    rules=family_rules(),
    description="See what the setting has shared about the child with agencies and schools: parents with "
    "parental responsibility whom no restriction keeps from information.",
)

# --- on a Share -------------------------------------------------------------------------------------
SHARE_VIEW = Action(
    "agencies.sharing.view",
    rules=(
        *(OnShareBasis(rule) for rule in child_staff_rules("child")),
        HasSettingRole(*PROTECTION_ROLES, setting="child__setting"),
    ),
    audit_read="agencies.sharing.viewed",
    description="Open a share: what was shared, with whom, when, why, on what basis, and each opening of its "
    "link; change a share pack being prepared, record it, revoke its link. Shares without consent: the "
    "DSL and the manager only.",
)

# --- on a Setting -----------------------------------------------------------------------------------
SHARING_LOG = Action(
    "agencies.sharing.log",
    rules=(HasSettingRole(*PROTECTION_ROLES, setting=""),),
    description="The setting's information sharing log: every share with an agency or a school: the DSL and "
    "the manager.",
)
