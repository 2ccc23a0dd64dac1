"""The world's events: a published one for the whole setting, one for room 1's families, a draft,
and one of the other provider. All long past, so the notice board's diary and the calendar feed
of other features' tests are not changed; the event tests make their own coming events."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tandem.comms.models import Event


def _event(setting: Any, title: str, *, published: bool = True, rooms: list[Any] | None = None) -> Event:
    starts = timezone.now() - dt.timedelta(days=150)
    event = Event.objects.create(
        setting=setting,
        kind=Event.Kind.SOCIAL,
        title=title,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        audience=Event.Audience.ROOMS if rooms else Event.Audience.SETTING,
        replies_wanted=True,
        published_at=starts - dt.timedelta(days=14) if published else None,
    )
    event.rooms.set(rooms or [])
    return event


def extend(w: Any) -> None:
    w.event_a = _event(w.setting, "Summer picnic")
    w.event_room = _event(w.setting, "Acorn Room stay and play", rooms=[w.room_1])
    w.event_draft = _event(w.setting, "Sports day (draft)", published=False)
    w.other_event = _event(w.other_setting, "Riverside open day")
