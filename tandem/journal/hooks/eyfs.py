"""The journal settings on the office page."""

from __future__ import annotations

from tandem.core import navigation

from ..actions.eyfs import JOURNAL_SETTINGS_MANAGE

navigation.register_office(
    "Learning journal settings",
    "The framework you track progress with; when progress checks at two fall due",
    JOURNAL_SETTINGS_MANAGE,
    navigation.setting_page(JOURNAL_SETTINGS_MANAGE, "journal:settings"),
    order=70,
)
