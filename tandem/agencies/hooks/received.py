"""Information from other agencies on the staff child record (a panel: how many items and the
newest, as this person may read them), and the notification the DSL and the manager get when
safeguarding material is recorded."""

from __future__ import annotations

from tandem.comms.services.notifications import register_kind
from tandem.people.panels import Panel, register_panel

from ..actions.received import RECEIVED_RECORD
from ..selectors.received import panel
from ..services.received import SAFEGUARDING_KIND

register_panel(Panel("agencies_received", "agencies/received/_panel.html", RECEIVED_RECORD, panel, order=80))
register_kind(SAFEGUARDING_KIND, "Safeguarding information from another agency was recorded", audience="staff")
