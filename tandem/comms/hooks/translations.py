"""Parent-facing items of the communication hub that carry translations (R31), each managed by
whoever may manage the item: a news post, an outing, an event, a meeting. The actions are named
(looked up when first needed), so this does not depend on the order features load in."""

from __future__ import annotations

from ..actions.translations import TRANSLATIONS
from ..models import Event, Meeting, Outing, Post
from ..services.translations import register_translatable

__all__ = ["TRANSLATIONS"]  # the page's action, declared at start-up

register_translatable(Post, "comms.news.manage")
register_translatable(Outing, "comms.outings.manage")
register_translatable(Event, "comms.events.edit")
register_translatable(Meeting, "comms.meeting.manage")
