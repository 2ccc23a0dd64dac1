"""Who may read, comment on, acknowledge and keep the policy library (R40, R41).

* **Parents and carers** of a child in the setting (``parent_rules``) read the policies whose
  audience includes families: the versions open for comments, in force or replaced, never a draft.
  They comment on a version while it is open for comments, and acknowledge the version in force
  when the policy asks parents to.
* **Staff** (every active role, volunteers and students included: ``staff_rules``) read every
  policy of their setting, staff-only ones too, never a draft; they acknowledge the version in
  force when the policy asks staff to.
* **The manager and deputy** (``leader_rules``) keep the library: write policies and versions,
  open a version for parents' comments, answer comments, adopt a version, and see who has and has
  not acknowledged each version, and remind them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from tandem.core.access import NOTHING, Action, Rule

from ..rules import leader_rules, parent_rules, staff_rules

if TYPE_CHECKING:
    from tandem.core.models import User

# Status and audience values (PolicyVersion.Status, Policy.Audience), as plain strings so that this
# module imports no model.
DRAFT, REVIEW, ADOPTED, SUPERSEDED = "draft", "review", "adopted", "superseded"
PUBLISHED = (REVIEW, ADOPTED, SUPERSEDED)
EVERYONE = "everyone"


@dataclass(frozen=True)
class Where(Rule):
    """``rule``, only for the rows that also match ``where()`` (built when asked, so that it may
    hold a subquery or today's date)."""

    rule: Rule
    where: Callable[[], Q]

    def q(self, user: User) -> Q:
        inner = self.rule.q(user)
        if inner is NOTHING:
            return NOTHING
        return inner & self.where()

    def holds(self, user: User) -> bool:
        return self.rule.holds(user)


def _published_policy() -> Q:
    """A policy with a version parents or staff may read (open for comments, in force or replaced)."""
    from ..models.policies import PolicyVersion

    return Q(pk__in=PolicyVersion.objects.filter(status__in=PUBLISHED).values("policy_id"))


def _for_families() -> Q:
    return Q(audience=EVERYONE) & _published_policy()


def _family_version() -> Q:
    return Q(policy__audience=EVERYONE, status__in=PUBLISHED)


def _published_version() -> Q:
    return Q(status__in=PUBLISHED)


def _open_for_comments() -> Q:
    return Q(policy__audience=EVERYONE, status=REVIEW)


def _parents_acknowledge() -> Q:
    return Q(policy__audience=EVERYONE, policy__parents_acknowledge=True, status=ADOPTED)


def _staff_acknowledge() -> Q:
    return Q(policy__staff_acknowledge=True, status=ADOPTED)


def _one(rules: tuple[Rule, ...]) -> Rule:
    (rule,) = rules
    return rule


# --- on a Setting -----------------------------------------------------------------------------
POLICY_LIBRARY = Action(
    "voice.policies.library",
    rules=(*parent_rules(""), *staff_rules("")),
    description="Open the setting's policy library: the policies in force, what to read and acknowledge.",
)
POLICY_MANAGE = Action(
    "voice.policies.manage",
    rules=leader_rules(""),
    description="Keep the setting's policy library: every policy and version, write a new policy.",
)

# --- on a Policy ------------------------------------------------------------------------------
POLICY_READ = Action(
    "voice.policies.read",
    rules=(
        Where(_one(parent_rules("setting")), _for_families),
        Where(_one(staff_rules("setting")), _published_policy),
        *leader_rules("setting"),
    ),
    description="Read a policy: its version in force, its history and what changed.",
)
POLICY_EDIT = Action(
    "voice.policies.edit",
    rules=leader_rules("setting"),
    description="Change a policy's title, category and audience, and write its next version.",
)

# --- on a PolicyVersion -------------------------------------------------------------------------
VERSION_READ = Action(
    "voice.policies.version",
    rules=(
        Where(_one(parent_rules("policy__setting")), _family_version),
        Where(_one(staff_rules("policy__setting")), _published_version),
        *leader_rules("policy__setting"),
    ),
    description="Read one version of a policy and what changed from another.",
)
VERSION_COMMENT = Action(
    "voice.policies.comment",
    rules=(Where(_one(parent_rules("policy__setting")), _open_for_comments),),
    description="Comment on a version open for parents' comments (until its closing date).",
)
VERSION_ACKNOWLEDGE = Action(
    "voice.policies.acknowledge",
    rules=(
        Where(_one(parent_rules("policy__setting")), _parents_acknowledge),
        Where(_one(staff_rules("policy__setting")), _staff_acknowledge),
    ),
    description="Acknowledge the version in force: I have read and understood it.",
)
VERSION_MANAGE = Action(
    "voice.policies.version_manage",
    rules=leader_rules("policy__setting"),
    description="Change a draft, open it for comments, adopt it; read the comments; see who has and "
    "has not acknowledged the version, and remind them.",
)

# --- on a PolicyComment ---------------------------------------------------------------------------
COMMENT_RESPOND = Action(
    "voice.policies.respond",
    rules=leader_rules("version__policy__setting"),
    description="Answer a parent's comment on a version under review (the answer is shown to them).",
)
