"""Events and diary dates (R30): the notification kind sent to those who replied. Importing the
actions here registers them at start-up (the persona matrix and menus need them)."""

from __future__ import annotations

from tandem.core import navigation

from ..actions import events as _events
from ..services.notifications import Delivery, register_kind
from ..tasks_events import EVENT_KIND

register_kind(
    EVENT_KIND,
    "Events you replied to: changes and cancellations",
    default=Delivery.INSTANT,
    audience="parents",
)

# Staff manage events from the office; families reach them from the notice board's diary dates.
navigation.register_office(
    "Events and diary dates",
    "Closure days, social events, workshops and training for parents: publish, see replies",
    _events.EVENTS_MANAGE,
    navigation.setting_page(_events.EVENTS_MANAGE, "comms:events"),
    order=42,
)
