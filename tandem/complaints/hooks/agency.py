"""Complaints from other services on the office page (manager and deputy), and their notification
when the parent track's "complaints.stage" kind is not there."""

from __future__ import annotations

from tandem.comms.services.notifications import KINDS, register_kind
from tandem.core import navigation

from ..actions.agency import AGENCY_RECORD
from ..models import agency as _models  # noqa: F401  (registers AgencyLetter until models/__init__ imports it)

navigation.register_office(
    "Complaints from other services",
    "Written complaints from other services: acknowledgements, meetings and time limits",
    AGENCY_RECORD,
    navigation.setting_page(AGENCY_RECORD, "complaints:agency_complaints"),
    order=71,
)

if "complaints.stage" not in KINDS:
    register_kind("complaints.agency", "A complaint from another service needs you", audience="staff")
