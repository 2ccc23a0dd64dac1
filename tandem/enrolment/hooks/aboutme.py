"""All About Me on the child's pages: a link under each child, a panel on the child's record."""

from __future__ import annotations

from typing import Any

from tandem.enrolment.actions.aboutme import ABOUT_ME_VIEW
from tandem.people.models import Child
from tandem.people.panels import Link, Panel, register_link, register_panel


def _panel_context(user: Any, child: Child) -> dict[str, Any]:
    from tandem.enrolment.selectors.aboutme import summary

    return summary(actor=user, child=child)


register_link(Link("aboutme", "All About Me", "enrolment:aboutme", ABOUT_ME_VIEW, order=30))
register_panel(Panel("aboutme", "enrolment/aboutme/_panel.html", ABOUT_ME_VIEW, _panel_context, order=30))
