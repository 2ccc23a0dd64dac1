"""Sharing with agencies and schools on the office page, each child's pages, and its notifications."""

from __future__ import annotations

from typing import Any

from tandem.comms.services.notifications import register_kind
from tandem.core import navigation
from tandem.people.models import Child
from tandem.people.panels import Link, Panel, register_link, register_panel

from ..actions.sharing import SHARING_FAMILY, SHARING_LOG, SHARING_MANAGE


def _panel_context(user: Any, child: Child) -> dict[str, Any]:
    from ..selectors.sharing import child_shares, may_see_decisions

    shares = child_shares(actor=user, child=child)
    return {"recent": list(shares[:3]), "may_see_decisions": may_see_decisions(user, child)}


navigation.register_office(
    "Information sharing log",
    "Every share with an agency or a school: what, with whom, why and on what basis",
    SHARING_LOG,
    navigation.setting_page(SHARING_LOG, "agencies:sharing_log"),
    order=73,
)
register_panel(Panel("agencies_sharing", "agencies/sharing/_panel.html", SHARING_MANAGE, _panel_context, order=72))
register_link(Link("agencies_sharing", "Information shared", "agencies:child_shares", SHARING_MANAGE, 79))
register_link(Link("agencies_sharing_family", "What we have shared", "agencies:sharing_family", SHARING_FAMILY, 79))

register_kind(
    "agencies.sharing.decision", "A decision to share a child's information without consent", audience="staff"
)
register_kind("agencies.sharing.visit", "Information shared with you for a visit", audience="everyone")
