"""Settling in on the child's pages: a link under each child, a panel on the child's record."""

from __future__ import annotations

from typing import Any

from tandem.comms.services.notifications import register_kind
from tandem.enrolment.actions.settling import SETTLING_VIEW
from tandem.people.models import Child
from tandem.people.panels import Link, Panel, register_link, register_panel


def _panel_context(user: Any, child: Child) -> dict[str, Any]:
    from tandem.enrolment.selectors.settling import summary

    return summary(actor=user, child=child)


register_link(Link("settling", "Settling in", "enrolment:settling", SETTLING_VIEW, order=35))
register_panel(Panel("settling", "enrolment/settling/_panel.html", SETTLING_VIEW, _panel_context, order=35))
register_kind("enrolment.settling_reply", "A parent replied to a settling-in note", audience="staff")
