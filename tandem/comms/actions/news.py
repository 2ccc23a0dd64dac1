"""Who may write, send and read news, newsletters and notices (R28), and confirm them (R32).

* **Writers**: the setting's manager, deputy and administrator write posts, choose who receives
  them, publish them now or at a set time, withdraw them, and see who has read and confirmed.
* **Readers**: a post reaches parents and carers by its audience: every family of the setting,
  the families of chosen rooms, or chosen families. A parent reads a post only while it is
  published and not withdrawn, and only through a child no restriction keeps them from
  (a no-information restriction hides every post that reaches them through that child).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from tandem.core.access import NOTHING, Action, HasSettingRole, Rule
from tandem.core.roles import MANAGERS, SettingRole
from tandem.people.rules import IsLinkedAdult, IsParentInRoom, IsParentInSetting

if TYPE_CHECKING:
    from tandem.core.models import User

WRITERS = (*MANAGERS, SettingRole.ADMINISTRATOR)


@dataclass(frozen=True)
class InPostAudience(Rule):
    """A parent or carer the post is addressed to, while it is published: setting-wide posts of the
    settings where they are a parent, posts for their children's rooms, posts for their children.
    Built from the memoised links (no query of its own); the room and child lists become
    subqueries over the post's audience tables."""

    def _ids(self, user: User) -> tuple[list[int], list[int], list[int]]:
        return (
            IsParentInSetting().setting_ids(user),
            IsParentInRoom().room_ids(user),
            IsLinkedAdult().child_ids(user),
        )

    def q(self, user: User) -> Q:
        from ..models.news import Post

        settings, rooms, children = self._ids(user)
        parts = []
        if settings:
            parts.append(Q(audience=Post.Audience.SETTING, setting_id__in=settings))
        if rooms:
            in_rooms = Post.rooms.through.objects.filter(room_id__in=rooms).values("post_id")
            parts.append(Q(audience=Post.Audience.ROOMS, pk__in=in_rooms))
        if children:
            for_children = Post.children.through.objects.filter(child_id__in=children).values("post_id")
            parts.append(Q(audience=Post.Audience.FAMILIES, pk__in=for_children))
        if not parts:
            return NOTHING
        audience = parts[0]
        for part in parts[1:]:
            audience |= part
        return audience & Q(published_at__isnull=False, withdrawn_at__isnull=True)

    def holds(self, user: User) -> bool:
        # Every room and child of a parent is in one of their settings: the settings alone
        # answer it, from the memoised links (the menu asks this on every page).
        return bool(IsParentInSetting().setting_ids(user))


# --- on a Setting -----------------------------------------------------------------------------
NEWS_WRITE = Action(
    "comms.news.write",
    rules=(HasSettingRole(*WRITERS, setting=""),),
    description="Write news, newsletters and notices for the setting's families, and see every post.",
)

# --- on a Post ----------------------------------------------------------------------------------
NEWS_MANAGE = Action(
    "comms.news.manage",
    rules=(HasSettingRole(*WRITERS),),
    description="Change, publish, schedule or withdraw a post; see who has read and confirmed it; "
    "send a reminder; record that it was explained in person.",
)
NEWS_READ = Action(
    "comms.news.read",
    rules=(InPostAudience(),),
    description="Read a published post addressed to one's family, and confirm an important one.",
)
