"""Visiting professionals (R50): "Your visits" in the professional's main menu, the setting's
professionals and visits on the office page (the leaders), a block of the child's visits on the
staff child record, and the two kinds of notification (the supervisor; the family)."""

from __future__ import annotations

from typing import Any

from tandem.comms.services.notifications import register_kind
from tandem.core import navigation
from tandem.core.access import can
from tandem.people.models import Child
from tandem.people.panels import Panel, register_panel

from ..actions.visits import CHILD_VISITS, MY_VISITS, PROFESSIONALS, VISIT_BOOK, VISITS_LIST
from ..services.visits import FAMILY_KIND, SUPERVISOR_KIND


def _panel(user: Any, child: Child) -> dict[str, Any]:
    from ..selectors.visits import child_visits

    return {"visits": child_visits(user, child), "may_book": can(user, VISIT_BOOK, child)}


navigation.register("Your visits", MY_VISITS, "agencies:my_visits", order=4)
navigation.register_office(
    "Visiting professionals",
    "Therapists and other professionals who visit children: invite them, or deactivate their account",
    PROFESSIONALS,
    navigation.setting_page(PROFESSIONALS, "agencies:professionals"),
    order=62,
)
navigation.register_office(
    "Visits",
    "Visits by professionals, upcoming and past: who, which child, who supervised, arrival and departure",
    VISITS_LIST,
    navigation.setting_page(VISITS_LIST, "agencies:visits"),
    order=63,
)
register_panel(Panel("agencies_visits", "agencies/visits/_panel.html", CHILD_VISITS, _panel, order=76))

register_kind(SUPERVISOR_KIND, "Visits by professionals that you supervise, or that are cancelled", audience="staff")
register_kind(FAMILY_KIND, "A visiting professional will see your child", audience="parents")
