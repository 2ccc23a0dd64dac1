"""The partnership agreement on each child's pages and in the main menu."""

from __future__ import annotations

from tandem.core import navigation
from tandem.people.panels import Link, Panel, register_link, register_panel

from ..actions.contract import AGREEMENT_OVERVIEW, AGREEMENT_PROMPT, AGREEMENT_STATUS, AGREEMENT_VIEW
from ..selectors.contract import panel_context

navigation.register_office(
    "Partnership agreement",
    "Write a new version; see who has signed and countersign",
    AGREEMENT_OVERVIEW,
    navigation.setting_page(AGREEMENT_OVERVIEW, "enrolment:contract_setting"),
    order=40,
)

# Parents with parental responsibility are asked first, while nobody has signed the version in force.
register_link(Link("contract_sign", "Please sign the new agreement", "enrolment:contract_child", AGREEMENT_PROMPT, 20))
register_link(Link("contract", "Partnership agreement", "enrolment:contract_child", AGREEMENT_VIEW, 62))
register_panel(Panel("contract", "enrolment/contract/panel.html", AGREEMENT_STATUS, panel_context, order=62))
