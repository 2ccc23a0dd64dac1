"""The notice board in the main menu, and its documents on the office page."""

from __future__ import annotations

from tandem.core import navigation

from ..actions.board import BOARD_MANAGE, BOARD_VIEW

navigation.register("Notice board", BOARD_VIEW, navigation.setting_page(BOARD_VIEW, "comms:board"), 12)
navigation.register_office(
    "Notice board documents",
    "The Ofsted report, the complaints procedure and policies that families can open",
    BOARD_MANAGE,
    navigation.setting_page(BOARD_MANAGE, "comms:board_documents"),
    order=41,
)
