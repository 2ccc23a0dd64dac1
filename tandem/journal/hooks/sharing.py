"""Sending to another setting on each child's pages."""

from __future__ import annotations

from tandem.people.panels import Link, register_link

from ..actions.sharing import SHARE_VIEW

register_link(Link("sharing", "Shared with other settings", "journal:sharing_log", SHARE_VIEW, 78))
