"""The progress check at two on the office page, the main menu and each child's pages."""

from __future__ import annotations

from tandem.core import navigation
from tandem.people.panels import Link, Panel, register_link, register_panel

from ..actions.observations import JOURNAL_CONTRIBUTE
from ..actions.twocheck import CHECK_DUE_LIST, CHECK_VIEW
from ..selectors.twocheck import panel_context

navigation.register_office(
    "Progress checks at two",
    "Children due or overdue their check at two, with the dates",
    CHECK_DUE_LIST,
    navigation.setting_page(CHECK_DUE_LIST, "journal:twocheck_due"),
    order=55,
)
register_link(Link("twocheck", "Progress check at two", "journal:twocheck_child", CHECK_VIEW, 72))
register_panel(Panel("twocheck", "journal/twocheck/panel.html", JOURNAL_CONTRIBUTE, panel_context, order=72))
