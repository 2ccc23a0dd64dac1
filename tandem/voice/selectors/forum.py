"""Reads of the parent forum (R38), filtered by the access layer in the database.

A list page costs the same few queries whatever its length: topics come with their author and the
number of replies; posts with their author. Results of a vote exist only once voting has closed
(and never for a cancelled proposal): before that, anyone sees only how many families have voted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from tandem.core.access import permitted
from tandem.core.models import Setting
from tandem.people.rules import IsLinkedAdult, IsParentInSetting

from ..actions.forum import FORUM_MINUTES, FORUM_PROPOSAL, FORUM_TOPIC, FORUM_VOTE, moderator_setting_ids
from ..models import ForumMinutes, ForumPost, ForumTopic, ParentRepresentative, Proposal, Vote, VoteFamily
from ..services.forum import is_closed, is_open
from .questionnaires import Bar


def moderates(user: Any, setting_id: int) -> bool:
    """Whether the user moderates this setting's forum (no query once the access layer has loaded
    the user's roles and appointments)."""
    return setting_id in moderator_setting_ids(user)


# --- discussions --------------------------------------------------------------------------------


def topics(user: Any, setting: Setting) -> QuerySet[ForumTopic]:
    """The setting's topics, pinned first, then the most recent activity, each with its author and
    the number of replies (visible posts after the first)."""
    found = permitted(user, FORUM_TOPIC, ForumTopic.objects.filter(setting=setting))
    return (
        found.select_related("author")
        .annotate(post_count=Count("posts", filter=Q(posts__hidden_at__isnull=True)))
        .order_by("-pinned", "-last_post_at", "-pk")
    )


def posts(topic: ForumTopic) -> QuerySet[ForumPost]:
    return ForumPost.objects.filter(topic=topic).select_related("author").order_by("created_at", "pk")


# --- representatives, minutes, proposals --------------------------------------------------------


def representatives(setting: Setting) -> list[ParentRepresentative]:
    """The setting's parent representatives now, with their names."""
    found = ParentRepresentative.objects.filter(setting=setting, ended_at__isnull=True).select_related("user")
    return list(found.order_by("appointed_at", "pk"))


def minutes(user: Any, setting: Setting) -> QuerySet[ForumMinutes]:
    return permitted(user, FORUM_MINUTES, ForumMinutes.objects.filter(setting=setting)).order_by("-met_on", "-pk")


def proposals(user: Any, setting: Setting) -> QuerySet[Proposal]:
    """The setting's proposals, the latest closing first, each with how many families have voted."""
    found = permitted(user, FORUM_PROPOSAL, Proposal.objects.filter(setting=setting))
    return found.annotate(families=Count("votes")).order_by("-closes_at", "-pk")


def open_proposals(user: Any, setting: Setting) -> list[Proposal]:
    now = timezone.now()
    found = proposals(user, setting).filter(cancelled_at__isnull=True, opens_at__lte=now, closes_at__gt=now)
    return list(found.order_by("closes_at", "pk")[:10])


def state(proposal: Proposal) -> str:
    """ "open", "closed" (results shown), "cancelled", or "waiting" (not open yet)."""
    if proposal.cancelled_at is not None:
        return "cancelled"
    if is_closed(proposal):
        return "closed"
    return "open" if is_open(proposal) else "waiting"


def with_state(found: Any) -> Any:
    """Each proposal of ``found`` (a page or a list) with its ``state`` set, for the templates."""
    for proposal in found:
        proposal.state = state(proposal)
    return found


def families_voted(proposal: Proposal) -> int:
    """How many families have voted: all anyone may know before voting closes."""
    return Vote.objects.filter(proposal=proposal).count()


@dataclass
class Results:
    total: int
    bars: list[Bar] = field(default_factory=list)

    @property
    def winners(self) -> list[str]:
        """The option (or options, on a tie) with the most votes; none when no family voted."""
        most = max((b.count for b in self.bars), default=0)
        return [b.label for b in self.bars if most and b.count == most]


def results(proposal: Proposal) -> Results | None:
    """Votes per option with percentages, once voting has closed; ``None`` before (or when the
    proposal was cancelled). One query."""
    if not is_closed(proposal):
        return None
    per_option = Vote.objects.filter(proposal=proposal).order_by().values("option").annotate(n=Count("pk"))
    counts = dict(per_option.values_list("option", "n"))
    total = sum(counts.values())
    bars = []
    for index, label in enumerate(proposal.options):
        count = counts.get(index, 0)
        bars.append(Bar(label, count, round(100 * count / total) if total else 0))
    return Results(total, bars)


# --- the parents' hub ---------------------------------------------------------------------------


def votes_open_for(user: Any) -> list[Proposal]:
    """Open proposals the parent's family has not voted on yet, soonest closing first (the hub's
    "Votes open" section). One query, from the links the access layer has already loaded."""
    if not getattr(user, "is_authenticated", False):
        return []
    mine = IsLinkedAdult().child_ids(user)
    voted = VoteFamily.objects.filter(child_id__in=mine).values("proposal_id")
    found = permitted(user, FORUM_VOTE, Proposal.objects.all()).exclude(pk__in=voted)
    return list(found.select_related("setting").order_by("closes_at", "pk")[:10])


@dataclass
class ForumEntry:
    """The hub's way into a setting's forum, with its latest discussions."""

    setting_id: int
    latest: list[ForumTopic] = field(default_factory=list)


LATEST = 3


def forum_for(user: Any) -> list[ForumEntry]:
    """One entry per setting whose forum the parent takes part in (the hub's "Parent forum"
    section), with the three most recently active topics not removed. One query."""
    if not getattr(user, "is_authenticated", False):
        return []
    setting_ids = IsParentInSetting().setting_ids(user)
    entries = {s: ForumEntry(s) for s in setting_ids}
    if not entries:
        return []
    recent = ForumTopic.objects.filter(setting_id__in=setting_ids, hidden_at__isnull=True).order_by(
        "-last_post_at", "-pk"
    )
    for topic in recent.only("pk", "title", "setting_id", "last_post_at")[: LATEST * len(entries) * 4]:
        entry = entries[topic.setting_id]
        if len(entry.latest) < LATEST:
            entry.latest.append(topic)
    return list(entries.values())
