"""The notification centre has no menu entry: the page header links to it with the number of
unread notifications (one query, made only when a page shows the header)."""

from __future__ import annotations

from tandem.core import navigation

from ..actions.notifications import OWN_NOTIFICATIONS
from ..selectors.notifications import unread_count

__all__ = ["OWN_NOTIFICATIONS"]

navigation.register_badge("Notifications", "comms:notifications", unread_count)
