"""Records sent to the school: the family's link under each child, and its notification (R55, R67)."""

from __future__ import annotations

from tandem.comms.services.notifications import register_kind
from tandem.people.panels import Link, register_link

from ..actions.transfer import TRANSFER_FAMILY

register_link(Link("records_transfer_family", "Records sent to school", "records:transfer_family", TRANSFER_FAMILY, 82))
register_kind("records.transfer.sent", "Your child's records were sent to their new school", audience="parents")
