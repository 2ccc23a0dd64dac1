"""Who collects: a link on each child's record and under each child on a parent's home page."""

from __future__ import annotations

from tandem.comms.services.notifications import register_kind
from tandem.people.panels import Link, register_link

from ..actions.collection import COLLECTORS_VIEW

register_link(Link("collectors", "Who collects", "attendance:collectors", COLLECTORS_VIEW, 80))

register_kind("attendance.password_failed", "A wrong collection password was given", mandatory=True, audience="staff")
