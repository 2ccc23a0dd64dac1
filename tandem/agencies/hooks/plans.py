"""Support plans on the child's pages and the office page, and their notifications (R22, R23).

* A panel on the staff child record: the child's plans and when each is next reviewed.
* A link under each child for the family ("Support plan"), shown only once a plan has been
  proposed to them (the action's rule holds only for such children).
* An office tile for the leaders: the plans due for review.
"""

from __future__ import annotations

from typing import Any

from tandem.comms.services.notifications import register_kind
from tandem.core import navigation
from tandem.people.models import Child
from tandem.people.panels import Link, Panel, register_link, register_panel

from ..actions.plans import PLANS_CHILD, PLANS_DUE, PLANS_FAMILY


def _panel_context(user: Any, child: Child) -> dict[str, Any]:
    from ..selectors.plans import panel

    return panel(user, child)


register_panel(Panel("support_plans", "agencies/plans/_panel.html", PLANS_CHILD, _panel_context, order=74))
register_link(Link("support_plans", "Support plan", "agencies:plans_family", PLANS_FAMILY, order=74))
navigation.register_office(
    "Support plans",
    "Support plans and SEN plans due for review",
    PLANS_DUE,
    navigation.setting_page(PLANS_DUE, "agencies:plans_due"),
    order=56,
)

register_kind("agencies.plans.proposed", "A support plan to read and agree", audience="parents")
register_kind("agencies.plans.reviewed", "A support plan review has been recorded", audience="parents")
register_kind("agencies.plans.comment", "A new comment on your child's support plan", audience="parents")
register_kind("agencies.plans.response", "A family or professional responded on a support plan", audience="staff")
register_kind("agencies.plans.invited", "You are invited to contribute to a support plan")
