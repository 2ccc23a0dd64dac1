"""Summaries under each child, and the children without a recent one on the office page and menu."""

from __future__ import annotations

from tandem.core import navigation
from tandem.people.panels import Link, register_link

from ..actions.observations import JOURNAL_VIEW
from ..actions.summaries import SUMMARY_OVERVIEW, SUMMARY_PARENTS_VIEWS

assert SUMMARY_PARENTS_VIEWS  # registered with the access layer on import
navigation.register_office(
    "Summaries",
    "Children with no summary of their learning shared for a while",
    SUMMARY_OVERVIEW,
    navigation.setting_page(SUMMARY_OVERVIEW, "journal:summaries_overview"),
    order=54,
)
register_link(Link("summaries", "Summaries", "journal:summaries", JOURNAL_VIEW, order=68))
