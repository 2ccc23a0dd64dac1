"""Medicines on each child's pages (parents see the link on their home page) and today's
medicines on the office page."""

from __future__ import annotations

from tandem.core import navigation
from tandem.people.panels import Link, register_link

from ..actions.medication import MED_TODAY, MED_VIEW

register_link(Link("medicines", "Medicines", "attendance:medicines", MED_VIEW, 82))
navigation.register_office(
    "Today's medicines",
    "Medicines to give today, doses given and witnessed, doses the family has not yet seen",
    MED_TODAY,
    navigation.setting_page(MED_TODAY, "attendance:medicines_today"),
    order=64,
)
