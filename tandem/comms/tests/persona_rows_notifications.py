"""Persona-matrix rows for the notification centre: everyone signed in, for their own only."""

from tandem.core.tests.personas import SIGNED_IN, only

ROWS = [
    # about the person themselves: the selectors read only their own notifications (another's is 404)
    ("comms.notifications.own", None, only(*SIGNED_IN)),
]
