"""Who may add learning from home (R15) and who sees the queue of it waiting to be read.

A parent or carer linked to the child (not kept from information) adds observations from home
for their own child, through the child (``HOME_ADD`` on a Child). The staff who may contribute to
the child's journal (``JOURNAL_CONTRIBUTE``) acknowledge them into it; the setting's queue page is
``HOME_QUEUE`` on a Setting, its rows filtered to the children each person may contribute for.
"""

from __future__ import annotations

from tandem.core.access import Action, HasSettingRole
from tandem.core.roles import LEADERSHIP, SettingRole
from tandem.people.rules import IsLinkedAdult

HOME_ADD = Action(
    "journal.home.add",
    rules=(IsLinkedAdult(),),
    description="A parent or carer adds an observation from home for their own child, and changes or "
    "withdraws it while it waits to be read.",
)
HOME_QUEUE = Action(
    "journal.home.queue",
    rules=(HasSettingRole(SettingRole.PRACTITIONER, *LEADERSHIP, setting=""),),
    description="See the setting's observations from home waiting to be acknowledged (only the children "
    "one may contribute for).",
)
