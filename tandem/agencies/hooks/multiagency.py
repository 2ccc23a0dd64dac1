"""Multi-agency work on the office page (the setting's leaders), a block on the staff child record
(the key person and leaders; safeguarding work counted only for those who may see it), the family's
link "Working with other services" (only when something is shared with them), and the family's
notification."""

from __future__ import annotations

from typing import Any

from tandem.comms.services.notifications import register_kind
from tandem.core import navigation
from tandem.core.access import can
from tandem.people.models import Child
from tandem.people.panels import Link, Panel, register_link, register_panel

from ..actions.multiagency import MULTIAGENCY_FAMILY, MULTIAGENCY_OVERVIEW, MULTIAGENCY_RECORD, MULTIAGENCY_VIEW
from ..services.multiagency import SHARED_KIND


def _panel(user: Any, child: Child) -> dict[str, Any]:
    from ..selectors.multiagency import panel

    return {**panel(user, child), "may_record": can(user, MULTIAGENCY_RECORD, child)}


navigation.register_office(
    "Multi-agency work",
    "Referrals to other services still open, and the actions due from team around the child and other meetings",
    MULTIAGENCY_OVERVIEW,
    navigation.setting_page(MULTIAGENCY_OVERVIEW, "agencies:multiagency_setting"),
    order=75,
)
register_panel(Panel("multiagency", "agencies/multiagency/_panel.html", MULTIAGENCY_VIEW, _panel, order=94))
register_link(
    Link("multiagency_family", "Working with other services", "agencies:multiagency_family", MULTIAGENCY_FAMILY, 85)
)
register_kind(
    SHARED_KIND,
    "Working with other services: notes of a meeting or an action shared with you",
    audience="parents",
)
