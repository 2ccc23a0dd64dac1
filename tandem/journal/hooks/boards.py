"""The room boards: a link under each child for the family (staff reach boards from the journal page)."""

from __future__ import annotations

from tandem.people.panels import Link, register_link

from ..actions.boards import BOARD_OF_CHILD

register_link(Link("room_board", "Today in the room", "journal:child_board", BOARD_OF_CHILD, 68))
