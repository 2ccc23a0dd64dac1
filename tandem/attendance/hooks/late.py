"""Late collection on the office page (every case; the day's times and emergency plan) and on
each child's record (today's case, for staff who may handle it)."""

from __future__ import annotations

from tandem.comms.services.notifications import register_kind
from tandem.core import navigation
from tandem.people.panels import Link, register_link

from ..actions.late import DAY_SETTINGS, LATE_CASES, LATE_HANDLE

navigation.register_office(
    "Late collections",
    "Every child not collected on time: the calls made and what happened",
    LATE_CASES,
    navigation.setting_page(LATE_CASES, "attendance:late_cases"),
    order=62,
)
navigation.register_office(
    "Session times and emergency plan",
    "Session start and end times, when staff are alerted to a late collection, the emergency plan",
    DAY_SETTINGS,
    navigation.setting_page(DAY_SETTINGS, "attendance:day_settings"),
    order=63,
)
register_link(Link("late", "Late collection", "attendance:late_case", LATE_HANDLE, 84))

register_kind("attendance.late_case", "A child has not been collected", mandatory=True, audience="staff")
