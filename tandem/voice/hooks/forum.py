"""The parent forum: the manager's office tile, the parents' two sections of "Have your say" (votes
open to their family, and the way into the forum with its latest discussions), and the kinds of
notification it sends."""

from __future__ import annotations

from tandem.comms.services.notifications import register_kind
from tandem.core import navigation

from ..actions.forum import FORUM_MANAGE
from ..hub import Section, register_section
from ..selectors.forum import forum_for, votes_open_for
from ..services.forum import APPOINTED_KIND, HIDDEN_KIND, MINUTES_KIND, OUTCOME_KIND, VOTE_KIND

navigation.register_office(
    "Parent forum",
    "Families' discussions and their moderation, minutes of forum meetings, votes, parent representatives",
    FORUM_MANAGE,
    navigation.setting_page(FORUM_MANAGE, "voice:forum"),
    order=74,
)
register_section(Section("forum_votes", "Votes open", "voice/forum/_hub_votes.html", votes_open_for, order=15))
register_section(Section("forum", "Parent forum", "voice/forum/_hub_forum.html", forum_for, order=90))

register_kind(VOTE_KIND, "Parent forum: a proposal families vote on", audience="parents")
register_kind(OUTCOME_KIND, "Parent forum: the results of a vote and what the setting will do", audience="parents")
register_kind(MINUTES_KIND, "Parent forum: minutes of a forum meeting", audience="parents")
register_kind(HIDDEN_KIND, "Parent forum: a moderator removed your post", audience="parents")
register_kind(APPOINTED_KIND, "Parent forum: you are appointed a parent representative", audience="parents")
