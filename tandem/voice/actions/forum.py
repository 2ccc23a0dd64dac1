"""Who may take part in, moderate and run the parent forum (R38).

* **Parents and carers** of a child in the setting (not an adult a restriction keeps from
  information; a step-parent without parental responsibility is a parent here: the forum is about
  the family's views, not the child's record) read the forum, start topics and reply, read the
  minutes of forum meetings, and vote on proposals: one vote per family.
* **The manager and deputy** take part too, moderate, publish minutes, put proposals to the vote,
  cancel them and publish what the setting will do, and appoint and end parent representatives.
* **Parent representatives** (a parent the manager appointed, until the appointment ends, while
  still a parent of the setting) moderate beside the manager: hide a post or a topic with a reason,
  lock and pin topics. They cannot appoint anyone.
* **Other staff** (practitioners, the SENCO, the DSL, administrators, volunteers and students) do
  not take part: it is the parents' forum, where families talk about the setting's day-to-day
  organisation with its management. A member of staff who is also a parent of a child in the
  setting takes part as a parent. The provider's owners and line managers do not take part either.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from tandem.core.access import NOTHING, Action, Rule, memo, path
from tandem.people.rules import IsParentInSetting

from ..rules import leader_rules, parent_rules

if TYPE_CHECKING:
    from tandem.core.models import User


@dataclass(frozen=True)
class IsActiveRepresentative(Rule):
    """A parent representative of the setting reached by ``setting`` whose appointment has not ended,
    while still a parent there. Loaded once per request."""

    setting: str = ""

    def setting_ids(self, user: User) -> list[int]:
        def load() -> list[int]:
            from ..models import ParentRepresentative

            rows = ParentRepresentative.objects.filter(user=user, ended_at__isnull=True)
            return sorted(set(rows.values_list("setting_id", flat=True)))

        parent_of = set(IsParentInSetting().setting_ids(user))
        if not parent_of:
            return []
        return [s for s in memo(user, "voice_forum_representative", load) if s in parent_of]

    def q(self, user: User) -> Q:
        ids = self.setting_ids(user)
        return Q(**{path(self.setting, "id__in") if self.setting else "pk__in": ids}) if ids else NOTHING

    def holds(self, user: User) -> bool:
        return bool(self.setting_ids(user))


@dataclass(frozen=True)
class Where(Rule):
    """``rule``, only for the rows that also match ``condition`` (a function giving a ``Q``, worked
    out at each check: "open" depends on the time)."""

    rule: Rule
    condition: str

    def q(self, user: User) -> Q:
        inner = self.rule.q(user)
        return NOTHING if inner is NOTHING else inner & CONDITIONS[self.condition]()

    def holds(self, user: User) -> bool:
        return self.rule.holds(user)


CONDITIONS = {
    # a topic families may still reply to
    "open_topic": lambda: Q(locked=False, hidden_at__isnull=True),
    # a proposal families may vote on now
    "open_proposal": lambda: Q(cancelled_at__isnull=True, opens_at__lte=timezone.now(), closes_at__gt=timezone.now()),
}


def members(setting: str) -> tuple[Rule, ...]:
    """Who takes part in the forum: the setting's parents, its manager and deputy."""
    return (*parent_rules(setting), *leader_rules(setting))


def moderators(setting: str) -> tuple[Rule, ...]:
    """Who moderates: the manager, the deputy and the active parent representatives."""
    return (*leader_rules(setting), IsActiveRepresentative(setting=setting))


def moderator_setting_ids(user: User) -> set[int]:
    """The settings where the user moderates the forum, from what the access layer has loaded (a
    page checks this once, not once a post)."""
    found: set[int] = set()
    for rule in moderators(""):
        found.update(rule.setting_ids(user))  # type: ignore[attr-defined]
    return found


# --- on a Setting -----------------------------------------------------------------------------
FORUM_TAKE_PART = Action(
    "voice.forum.take_part",
    rules=members(""),
    description="Read the parent forum (topics, minutes, votes, the parent representatives) and start a topic.",
)
FORUM_MANAGE = Action(
    "voice.forum.manage",
    rules=leader_rules(""),
    description="Publish minutes of forum meetings, put proposals to the vote, appoint parent representatives.",
)

# --- on a ForumTopic --------------------------------------------------------------------------
FORUM_TOPIC = Action(
    "voice.forum.topic",
    rules=members("setting"),
    description="Read a topic of the parent forum (a removed one shows only why to all but moderators).",
)
FORUM_REPLY = Action(
    "voice.forum.reply",
    rules=tuple(Where(rule, "open_topic") for rule in members("setting")),
    description="Reply to a topic that is neither locked nor removed.",
)
FORUM_MODERATE = Action(
    "voice.forum.moderate",
    rules=moderators("setting"),
    description="Remove (with a reason) or restore a topic, lock or unlock it, pin or unpin it.",
)

# --- on a ForumPost ---------------------------------------------------------------------------
FORUM_MODERATE_POST = Action(
    "voice.forum.moderate_post",
    rules=moderators("topic__setting"),
    description="Remove a post from the forum with a reason (its author is told), or restore it.",
)

# --- on ForumMinutes --------------------------------------------------------------------------
FORUM_MINUTES = Action(
    "voice.forum.minutes",
    rules=members("setting"),
    description="Read the minutes of a forum meeting.",
)

# --- on a Proposal ----------------------------------------------------------------------------
FORUM_PROPOSAL = Action(
    "voice.forum.proposal",
    rules=members("setting"),
    description="Read a proposal: how many families have voted and, once voting has closed, the results.",
)
FORUM_VOTE = Action(
    "voice.forum.vote",
    rules=tuple(Where(rule, "open_proposal") for rule in parent_rules("setting")),
    description="Vote on an open proposal: one secret vote per family, which cannot be changed.",
)
FORUM_PROPOSAL_MANAGE = Action(
    "voice.forum.proposal_manage",
    rules=leader_rules("setting"),
    description="Cancel a proposal before voting closes, or publish what the setting will do after it.",
)

# --- on a ParentRepresentative ----------------------------------------------------------------
FORUM_REPRESENTATIVE_END = Action(
    "voice.forum.representative_end",
    rules=leader_rules("setting"),
    description="End a parent representative's appointment.",
)
