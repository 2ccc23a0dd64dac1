"""Messages (R26) in the main menu ("Messages": staff to their inbox, families to theirs), under
each child ("Messages", and for families "Tell us about a change at home"), and as a kind of
notification."""

from __future__ import annotations

from tandem.core import navigation
from tandem.people.panels import Link, register_link

from ..actions.messages import CHANGE_AT_HOME, CHILD_MESSAGES, MESSAGES
from ..services.notifications import register_kind
from ..views.messages import messages_url

register_kind("comms.message", "Messages about a child", audience="everyone")
navigation.register("Messages", MESSAGES, messages_url, order=8)
register_link(Link("messages", "Messages", "comms:child_messages", CHILD_MESSAGES, 8))
register_link(Link("change_at_home", "Tell us about a change at home", "comms:change_at_home", CHANGE_AT_HOME, 9))
