"""Where the setting's information and the briefing meeting appear: the menu and under each child."""

from __future__ import annotations

from tandem.core import navigation
from tandem.people.panels import Link, register_link

from ..actions.information import BRIEFING_VIEW, INFORMATION_READ

navigation.register(
    "About the setting", INFORMATION_READ, navigation.setting_page(INFORMATION_READ, "enrolment:information"), order=70
)
register_link(Link("briefing", "Briefing meeting", "enrolment:briefing", BRIEFING_VIEW, order=15))
