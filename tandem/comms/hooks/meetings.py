"""Meetings on the office page (every meeting and home visit of the setting), under each child
("Meetings", for the family and the staff who arrange them), and their kind of notification."""

from __future__ import annotations

from tandem.core import navigation
from tandem.people.panels import Link, register_link

from ..actions.meetings import MEETINGS_OVERVIEW, MEETINGS_VIEW
from ..services.notifications import register_kind

navigation.register_office(
    "Meetings and home visits",
    "Families' requests, times being found, upcoming meetings, notes to share, parents' evenings",
    MEETINGS_OVERVIEW,
    navigation.setting_page(MEETINGS_OVERVIEW, "comms:meetings_overview"),
    order=66,
)
register_link(Link("meetings", "Meetings", "comms:meetings_child", MEETINGS_VIEW, 64))
register_kind(
    "comms.meeting",
    "Meetings and home visits: times to choose, times fixed or changed, notes shared, families' answers",
    audience="everyone",
)
