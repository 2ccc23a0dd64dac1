"""The directory on the office page (and in the main menu for staff who have no office page), the
parents' support directory in the main menu, signposting under each child and on the staff child
record, and the setting's signposting list on the office page."""

from __future__ import annotations

from typing import Any

from tandem.core import navigation
from tandem.core.access import can
from tandem.core.actions import OFFICE
from tandem.people.panels import Link, Panel, register_link, register_panel

from ..actions.directory import DIRECTORY_VIEW, SIGNPOST, SIGNPOSTING_LIST, SUGGESTED, SUPPORT_DIRECTORY
from ..selectors.directory import panel_context

_directory_page = navigation.setting_page(DIRECTORY_VIEW, "agencies:directory")


def _staff_menu_url(user: Any) -> str | None:
    """Practitioners and volunteers have no office page: the directory is in their main menu."""
    return None if can(user, OFFICE) else _directory_page(user)


navigation.register_office(
    "Agencies and support",
    "The local and national agencies the setting works with and points families to, and their contacts",
    DIRECTORY_VIEW,
    _directory_page,
    order=60,
)
navigation.register("Agencies", DIRECTORY_VIEW, _staff_menu_url, order=75)
navigation.register_office(
    "Signposting",
    "Families signposted to support: which agency, why, and the follow-ups due",
    SIGNPOSTING_LIST,
    navigation.setting_page(SIGNPOSTING_LIST, "agencies:signpostings"),
    order=61,
)
navigation.register(
    "Support directory", SUPPORT_DIRECTORY, navigation.setting_page(SUPPORT_DIRECTORY, "agencies:support_directory"), 72
)

register_link(Link("agencies_signpost", "Signpost to support", "agencies:signpost", SIGNPOST, 80))
register_link(Link("agencies_suggested", "Support we suggested", "agencies:suggested", SUGGESTED, 80))
register_panel(Panel("signposting", "agencies/directory/_panel.html", SIGNPOST, panel_context, order=80))
