"""Outings (R29): the notification kind families get, the office tile, and the "Outings" link under
each child (families and the staff who work with the child)."""

from __future__ import annotations

from tandem.core import navigation
from tandem.people.panels import Link, register_link

from ..actions.outings import CHILD_OUTINGS, OUTINGS_LIST
from ..services.notifications import Delivery, register_kind
from ..tasks_outings import OUTING_KIND

register_kind(
    OUTING_KIND,
    "Outings: asking for your consent, reminders, changes and cancellations",
    default=Delivery.INSTANT,
    audience="parents",
)
navigation.register_office(
    "Outings",
    "Plan outings and visits, collect consent from families, see who may go",
    OUTINGS_LIST,
    navigation.setting_page(OUTINGS_LIST, "comms:outings"),
    order=44,
)
register_link(Link("outings", "Outings", "comms:child_outings", CHILD_OUTINGS, 70))
