"""A child's move to school (R55) on the office page, under each child ("Starting school") for the
staff who plan it and for the family, and its notifications."""

from __future__ import annotations

from tandem.comms.services.notifications import register_kind
from tandem.core import navigation
from tandem.people.panels import Link, register_link

from ..actions.transition import FAMILY_PAGE, TRANSITION_CHILD, TRANSITIONS_LIST
from ..services.transition import AGREED_KIND, FEEDBACK_KIND, SENT_KIND

navigation.register_office(
    "Starting school",
    "Children leaving for school: their transition, the report the family agrees and meetings with the teacher",
    TRANSITIONS_LIST,
    navigation.setting_page(TRANSITIONS_LIST, "records:transitions"),
    order=63,
)
register_link(Link("records_transition", "Starting school", "records:child_transition", TRANSITION_CHILD, 85))
register_link(Link("records_starting_school", "Starting school", "records:starting_school", FAMILY_PAGE, 85))

register_kind(SENT_KIND, "Starting school: a transition report to read and agree", audience="parents")
register_kind(AGREED_KIND, "Starting school: the family agreed a transition report", audience="staff")
register_kind(FEEDBACK_KIND, "Starting school: a family asked for a change to a transition report", audience="staff")
