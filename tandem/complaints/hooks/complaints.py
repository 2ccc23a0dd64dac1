"""Concerns and complaints on the office page (the setting's list), under each child ("Raise a
concern or complaint" for the family, "Record a concern or complaint" for the key person and
managers), a panel in the child's file for the manager and deputy (the complaints about the child
and their confidential reports), and the two kinds of notification."""

from __future__ import annotations

from typing import Any

from tandem.comms.services.notifications import register_kind
from tandem.core import navigation
from tandem.people.models import Child
from tandem.people.panels import Link, Panel, register_link, register_panel

from ..actions.complaints import COMPLAINT_CHILD_PANEL, COMPLAINT_LIST, COMPLAINT_RAISE, COMPLAINT_RECORD
from ..tasks_complaints import STAGE_KIND, UPDATE_KIND


def _panel(user: Any, child: Child) -> dict[str, Any]:
    from ..selectors.complaints import child_complaints

    return {"complaints": child_complaints(user, child)}


navigation.register_office(
    "Concerns and complaints",
    "Every concern and complaint of the setting: its stage, who holds it, and its time limits",
    COMPLAINT_LIST,
    navigation.setting_page(COMPLAINT_LIST, "complaints:setting_complaints"),
    order=69,
)
register_link(
    Link("complaints_raise", "Raise a concern or complaint", "complaints:complaint_raise", COMPLAINT_RAISE, 90)
)
register_link(
    Link("complaints_record", "Record a concern or complaint", "complaints:complaint_new_child", COMPLAINT_RECORD, 91)
)
register_panel(Panel("complaints", "complaints/complaints/_panel.html", COMPLAINT_CHILD_PANEL, _panel, order=90))

register_kind(
    UPDATE_KIND,
    "Your concerns and complaints: when one moves on or there is news on it",
    audience="parents",
)
register_kind(STAGE_KIND, "Concerns and complaints: one has reached you, or was withdrawn", audience="staff")

# Owners and line managers (not setting staff: no office page) reach the list from the provider's page.
navigation.register_organisation_link(
    "Concerns and complaints", COMPLAINT_LIST, "complaints:setting_complaints", per_setting=True, order=69
)
