"""Registration and sessions on each child's pages and in the main menu."""

from __future__ import annotations

from tandem.comms.services.notifications import register_kind
from tandem.core import navigation
from tandem.people.panels import Link, Panel, register_link, register_panel

from ..actions.registration import REGISTRATION_LIST, REGISTRATION_REVIEW, REGISTRATION_VIEW, SESSIONS_VIEW
from ..selectors.registration import registration_panel, sessions_panel

navigation.register_office(
    "Registrations",
    "Registration forms to review, and requests to change sessions",
    REGISTRATION_LIST,
    navigation.setting_page(REGISTRATION_LIST, "enrolment:registrations"),
    order=30,
)

register_link(Link("registration", "Registration form", "enrolment:registration", REGISTRATION_VIEW, 30))
register_link(Link("sessions", "Sessions", "enrolment:sessions", SESSIONS_VIEW, 31))
# On the staff record only: the panels' action is for those who keep the records.
register_panel(
    Panel("registration", "enrolment/registration/panel.html", REGISTRATION_REVIEW, registration_panel, order=30)
)
register_panel(Panel("sessions", "enrolment/registration/sessions_panel.html", REGISTRATION_REVIEW, sessions_panel, 31))

register_kind("enrolment.session_decision", "A decision on your request to change sessions", audience="parents")
