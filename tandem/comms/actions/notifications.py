"""Who may use the notification centre: every signed-in person, for their own notifications only.

The centre, its "mark all as read", opening one notification and the email preferences are all
about the person themselves (like their home page), so the rule is ``SignedIn``; the selectors
only ever read the person's own rows (``recipient = user``), and another person's notification
answers 404.
"""

from __future__ import annotations

from tandem.core.access import Action, SignedIn

OWN_NOTIFICATIONS = Action(
    "comms.notifications.own",
    rules=(SignedIn(),),
    description="See one's own notifications, mark them read, and choose how each kind is emailed.",
)
