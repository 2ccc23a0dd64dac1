"""The register: the staff's "Today" menu entry, and the family's link to their child's day."""

from __future__ import annotations

from tandem.core import navigation
from tandem.people.panels import Link, register_link

from ..actions.register import CHILD_DAY, TODAY

navigation.register("Today", TODAY, navigation.setting_page(TODAY, "attendance:today"), order=5)
register_link(Link("attendance_today", "Today at the setting", "attendance:child_day", CHILD_DAY, 5))
