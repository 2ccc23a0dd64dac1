"""Who may read and write a room's daily activity board and planning board (R19, R20).

Boards are about a room, not a child: they are written by the staff who work in the room (the
practitioners whose room it is, the key persons of its children, the setting's leadership) and
read by the families with a child in the room. Photos on a board are shown to families only while
every child pictured has consent to photographs on display (``selectors.media.family_visible``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tandem.core.access import Action, HasSettingRole
from tandem.core.roles import LEADERSHIP
from tandem.people.rules import IsKeyPersonInRoom, IsLinkedAdult, IsParentInRoom, WorksInRoom

if TYPE_CHECKING:
    pass


BOARD_STAFF_RULES = (HasSettingRole(*LEADERSHIP, setting="setting"), WorksInRoom(), IsKeyPersonInRoom())

# --- on a Room --------------------------------------------------------------------------------
BOARD_VIEW = Action(
    "journal.boards.view",
    rules=(IsParentInRoom(), *BOARD_STAFF_RULES),
    description="Read a room's daily activity board and planning board (a family: their child's room).",
)
BOARD_WRITE = Action(
    "journal.boards.write",
    rules=BOARD_STAFF_RULES,
    description="Write a room's daily board (with photos) and its planning board, and publish them to families.",
)

# --- on a Child -------------------------------------------------------------------------------
BOARD_OF_CHILD = Action(
    "journal.boards.child",
    rules=(IsLinkedAdult(),),
    description="Open the board of one's child's room from the child (the family's home page link).",
)
