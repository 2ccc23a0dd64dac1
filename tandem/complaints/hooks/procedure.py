"""The complaints procedure on the office page (deadlines; who holds each stage) and the
notifications of its deadlines (R64)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tandem.comms.services.notifications import register_kind
from tandem.core import navigation
from tandem.core.access import permitted
from tandem.core.models import Organisation

from ..actions.procedure import DEADLINES_VIEW, PROCEDURE_SETTINGS_VIEW

DEADLINE_KIND = "complaints.deadline"


def _organisation_page(user: Any) -> str | None:
    found = permitted(user, PROCEDURE_SETTINGS_VIEW, Organisation.objects.order_by("pk")).values_list("pk", flat=True)
    first = found.first()
    return reverse("complaints:procedure_settings", args=[first]) if first else None


navigation.register_office(
    "Complaint deadlines",
    "The time limits of open concerns and complaints: what is due and what is overdue",
    DEADLINES_VIEW,
    navigation.setting_page(DEADLINES_VIEW, "complaints:deadlines"),
    order=70,
)
navigation.register_office(
    "Complaints procedure",
    "Who holds each stage of the complaints procedure above the setting manager",
    PROCEDURE_SETTINGS_VIEW,
    _organisation_page,
    order=71,
)

register_kind(
    DEADLINE_KIND, "A complaint's time limit is coming up or has been missed", default="instant", audience="staff"
)

# Owners and line managers reach the procedure from the provider's page.
navigation.register_organisation_link(
    "Complaints procedure: who holds each stage", PROCEDURE_SETTINGS_VIEW, "complaints:procedure_settings", order=70
)
navigation.register_organisation_link(
    "Complaint deadlines", DEADLINES_VIEW, "complaints:deadlines", per_setting=True, order=71
)
