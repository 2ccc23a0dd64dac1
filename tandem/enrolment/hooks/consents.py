"""Consents on the child's pages (a link and a panel) and the setting-wide overview in the menu."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from tandem.comms.services.notifications import register_kind
from tandem.core import navigation
from tandem.people.models import Child
from tandem.people.panels import Flag, Link, Panel, register_flag, register_link, register_panel

from ..actions.consents import CONSENTS_FLAG, CONSENTS_OVERVIEW, CONSENTS_VIEW


def _panel_context(user: Any, child: Child) -> dict[str, Any]:
    from ..selectors.consents import PHOTO_CONSENT, ConsentState, ConsentStatus, consents_of_child

    states = consents_of_child(child)
    photo = next((s for s in states if s.code == PHOTO_CONSENT), None)
    return {"states": states, "photo": photo or ConsentState(code=PHOTO_CONSENT, status=ConsentStatus.NOT_ASKED)}


register_link(Link("consents", "Consents", "enrolment:child_consents", CONSENTS_VIEW, order=20))
register_panel(Panel("consents", "enrolment/consents/_panel.html", CONSENTS_VIEW, _panel_context, order=20))
navigation.register_office(
    "Consents",
    "Every child's consents at a glance; who has no photo consent",
    CONSENTS_OVERVIEW,
    navigation.setting_page(CONSENTS_OVERVIEW, "enrolment:consents_overview"),
    order=20,
)


def _without_photo_consent(children: QuerySet[Child]) -> QuerySet[Child]:
    from ..selectors.consents import PHOTO_CONSENT, without_consent

    return without_consent(children, PHOTO_CONSENT)


# Wherever staff see a child, a child without photo consent is unmistakable (in words, not colour).
register_flag(Flag("no_photo_consent", "No photo consent", CONSENTS_FLAG, _without_photo_consent))

register_kind("enrolment.consent_withdrawn", "A parent withdrew a consent", audience="staff")
