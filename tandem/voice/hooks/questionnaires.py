"""Questionnaires (R36): the office tile (manager, deputy), the provider page's link (owners, line
managers), the parents' "Have your say" menu entry and its questionnaires section, and the kind of
notification families get when one is sent to them."""

from __future__ import annotations

from tandem.comms.services.notifications import Delivery, register_kind
from tandem.core import navigation

from ..actions.hub import HUB_VIEW
from ..actions.questionnaires import QUESTIONNAIRE_CREATE, QUESTIONNAIRES_LIST
from ..hub import Section, register_section
from ..selectors.questionnaires import open_for
from ..services.questionnaires import SENT_KIND

register_kind(SENT_KIND, "Questionnaires sent to your family", default=Delivery.INSTANT, audience="parents")

navigation.register_office(
    "Questionnaires",
    "Ask families what they think, anonymously if you wish: build, send, read the results",
    QUESTIONNAIRE_CREATE,
    navigation.setting_page(QUESTIONNAIRE_CREATE, "voice:questionnaires"),
    order=71,
)
navigation.register_organisation_link(
    "Questionnaire results", QUESTIONNAIRES_LIST, "voice:questionnaires", per_setting=True, order=71
)

# The parents' hub: every voice feature adds a section to it (tandem/voice/hub.py).
navigation.register("Have your say", HUB_VIEW, navigation.setting_page(HUB_VIEW, "voice:hub"), order=14)
register_section(
    Section("questionnaires", "Questionnaires to answer", "voice/questionnaires/_hub.html", open_for, order=10)
)
