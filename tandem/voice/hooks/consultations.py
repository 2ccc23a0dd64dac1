"""Consultations: on the office page for the manager, in the "Have your say" hub for families, and
their two kinds of notification."""

from __future__ import annotations

from tandem.comms.services.notifications import register_kind
from tandem.core import navigation

from ..actions.consultations import CONSULTATION_WRITE
from ..hub import Section, register_section
from ..selectors.consultations import open_for
from ..services.consultations import ASKED_KIND, DECIDED_KIND

navigation.register_office(
    "Consultations",
    "Ask families' views on a change to how the service is delivered, then publish the decision",
    CONSULTATION_WRITE,
    navigation.setting_page(CONSULTATION_WRITE, "voice:consultations"),
    order=73,
)
register_section(
    Section("consultations", "Changes we are consulting on", "voice/consultations/_hub.html", open_for, 20)
)
register_kind(ASKED_KIND, "Consultations: your views are asked on a change", audience="parents")
register_kind(DECIDED_KIND, "Consultations: the decision and its reasons", audience="parents")
