"""Allegations against staff on the office page (the manager and the DSL), and the mandatory
notification that one has been recorded (it names no one)."""

from __future__ import annotations

from tandem.comms.services.notifications import register_kind
from tandem.core import navigation

from ..actions.allegations import ALLEGATION_LIST
from ..services.allegations import KIND

navigation.register_office(
    "Allegations against staff",
    "Allegations that a member of staff or a volunteer harmed a child: the DSL, the LADO referral, the outcome",
    ALLEGATION_LIST,
    navigation.setting_page(ALLEGATION_LIST, "complaints:allegations"),
    order=72,
)

register_kind(KIND, "An allegation against a member of staff", mandatory=True, audience="staff")
