"""The parent forum for the persona matrix.

In the setting: parent_a is an active parent representative (parent_b_no_pr was one, and no longer
is); a topic started by parent_b_no_pr with the manager's reply and a post removed by the manager; a
locked topic; minutes; a proposal open to the vote and one closed (one family voted). In the other
provider's setting: a topic with its post, minutes, an open proposal and a representative."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tandem.voice.models import ForumMinutes, ForumPost, ForumTopic, ParentRepresentative, Proposal, Vote, VoteFamily


def extend(w: Any) -> None:
    now = timezone.now()
    today = timezone.localdate()
    w.forum_representative = ParentRepresentative.objects.create(
        setting=w.setting, user=w.parent_a, appointed_by=w.manager, appointed_at=now - dt.timedelta(days=30)
    )
    w.forum_representative_ended = ParentRepresentative.objects.create(
        setting=w.setting,
        user=w.parent_b_no_pr,
        appointed_by=w.manager,
        appointed_at=now - dt.timedelta(days=300),
        ended_at=now - dt.timedelta(days=60),
    )

    w.forum_topic = ForumTopic.objects.create(
        setting=w.setting, title="Scooter parking by the gate", author=w.parent_b_no_pr, last_post_at=now
    )
    w.forum_post = ForumPost.objects.create(
        topic=w.forum_topic,
        author=w.parent_b_no_pr,
        author_role="Parent",
        body="Could we have a rack for scooters?\nThe path gets blocked at pick-up.",
        created_at=now - dt.timedelta(hours=3),
    )
    w.forum_reply = ForumPost.objects.create(
        topic=w.forum_topic,
        author=w.manager,
        author_role="Setting manager",
        body="Good idea: we will ask the caretaker about a rack.",
        created_at=now - dt.timedelta(hours=2),
    )
    w.forum_post_hidden = ForumPost.objects.create(
        topic=w.forum_topic,
        author=w.parent_a,
        author_role="Parent representative",
        body="Quillon Zephyrine's dad always blocks the gate.",
        created_at=now - dt.timedelta(hours=1),
        hidden_at=now,
        hidden_by=w.manager,
        hidden_reason="Names another family",
    )
    w.forum_topic_locked = ForumTopic.objects.create(
        setting=w.setting, title="Christmas jumper day (closed)", author=w.parent_a, locked=True, last_post_at=now
    )
    ForumPost.objects.create(topic=w.forum_topic_locked, author=w.parent_a, author_role="Parent", body="All agreed.")
    w.forum_minutes = ForumMinutes.objects.create(
        setting=w.setting,
        met_on=today - dt.timedelta(days=7),
        title="Forum meeting, autumn term",
        body="Present: six families and the manager.",
        published_by=w.manager,
    )
    w.forum_proposal_open = Proposal.objects.create(
        setting=w.setting,
        title="Pyjama day for charity",
        description="A pyjama day in aid of the children's hospice.",
        options=["Yes", "No"],
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=7),
        created_by=w.manager,
    )
    w.forum_proposal_closed = Proposal.objects.create(
        setting=w.setting,
        title="Sports day in the park",
        description="Hold sports day in the park instead of the garden.",
        options=["The park", "The garden"],
        opens_at=now - dt.timedelta(days=20),
        closes_at=now - dt.timedelta(days=3),
        created_by=w.manager,
    )
    VoteFamily.objects.create(proposal=w.forum_proposal_closed, child=w.child_b)
    Vote.objects.create(proposal=w.forum_proposal_closed, option=0)

    # The other provider's forum
    w.other_forum_representative = ParentRepresentative.objects.create(setting=w.other_setting, user=w.other_parent)
    w.other_forum_topic = ForumTopic.objects.create(
        setting=w.other_setting, title="Riverside book swap", author=w.other_parent, last_post_at=now
    )
    w.other_forum_post = ForumPost.objects.create(
        topic=w.other_forum_topic, author=w.other_parent, author_role="Parent", body="Bring a book, take a book."
    )
    w.other_forum_minutes = ForumMinutes.objects.create(
        setting=w.other_setting, met_on=today - dt.timedelta(days=3), title="Riverside forum meeting", body="Notes."
    )
    w.other_forum_proposal = Proposal.objects.create(
        setting=w.other_setting,
        title="Riverside open day",
        description="An open day in June.",
        options=["Yes", "No"],
        closes_at=now + dt.timedelta(days=5),
    )
