"""The Ofsted complaints record on the office page (manager and deputy) and in the main menu for the
organisation's owners and line managers (they are not setting staff, so they have no office page);
the notification owners get when a review of practice is needed."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tandem.comms.services.notifications import register_kind
from tandem.core import navigation
from tandem.core.access import organisation_roles

from ..actions.record import RECORD_VIEW

REVIEW_KIND = "complaints.review"


def provider_record_url(user: Any) -> str | None:
    """Only for the organisation's members, from the roles the menu has already loaded (no query)."""
    return reverse("complaints:record_home") if organisation_roles(user) else None


navigation.register_office(
    "Ofsted complaints record",
    "The summative record of complaints for an inspector, with CSV and PDF exports",
    RECORD_VIEW,
    navigation.setting_page(RECORD_VIEW, "complaints:record"),
    order=70,
)
navigation.register("Complaints record", RECORD_VIEW, provider_record_url, order=85)

register_kind(REVIEW_KIND, "A review of practice after an upheld complaint", audience="staff")
