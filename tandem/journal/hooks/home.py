"""Learning at home on each child's pages, and the queue of it on the office and journal pages."""

from __future__ import annotations

from typing import Any

from tandem.core import navigation
from tandem.people.models import Child
from tandem.people.panels import Link, Panel, register_link, register_panel

from ..actions.home import HOME_QUEUE
from ..actions.observations import JOURNAL_CONTRIBUTE, JOURNAL_VIEW


def _panel_context(user: Any, child: Child) -> dict[str, Any]:
    from ..selectors.home import awaiting_for_child

    return {"waiting": awaiting_for_child(child=child).count()}


navigation.register_office(
    "From home",
    "What families added from home, waiting to be read into each child's journal",
    HOME_QUEUE,
    navigation.setting_page(HOME_QUEUE, "journal:home_queue"),
    order=52,
)
register_link(Link("home", "Learning at home", "journal:home", JOURNAL_VIEW, order=66))
register_panel(Panel("home", "journal/home/_panel.html", JOURNAL_CONTRIBUTE, _panel_context, order=66))
