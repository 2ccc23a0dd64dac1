"""Access on request (R66): "Your records" in the menu for parents and carers, the open requests on
the office page for the manager and deputy, and the notifications of both."""

from __future__ import annotations

from tandem.comms.services.notifications import register_kind
from tandem.core import navigation

from ..actions.requests import REQUEST_ASK, REQUEST_LIST
from ..services.requests import NEW_KIND, UPDATE_KIND

navigation.register("Your records", REQUEST_ASK, "records:my_requests", order=90)
navigation.register_office(
    "Access requests",
    "Requests for records and personal data: open ones by deadline, with days left",
    REQUEST_LIST,
    navigation.setting_page(REQUEST_LIST, "records:access_requests"),
    order=78,
)
register_kind(NEW_KIND, "Access requests: a new request for records", audience="staff")
register_kind(UPDATE_KIND, "Your request for records: extended, released or closed", audience="parents")
