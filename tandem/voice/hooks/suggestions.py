"""Suggestions: the staff list on the office page, and the two kinds of notification."""

from __future__ import annotations

from tandem.comms.services.notifications import register_kind
from tandem.core import navigation

from ..actions.suggestions import SUGGESTION_LIST
from ..services.suggestions import ANSWERED_KIND, RECEIVED_KIND

navigation.register_office(
    "Suggestions",
    "Suggestions from families, named or anonymous: reply, and say what you did",
    SUGGESTION_LIST,
    navigation.setting_page(SUGGESTION_LIST, "voice:suggestions"),
    order=72,
)
navigation.register_organisation_link(
    "Suggestions from families", SUGGESTION_LIST, "voice:suggestions", per_setting=True, order=72
)
register_kind(RECEIVED_KIND, "Suggestions: a family has made one", audience="staff")
register_kind(ANSWERED_KIND, "Your suggestions: the setting has answered", audience="parents")
