"""The privacy notice in the menu, and a prompt under each child while its current version is unread."""

from __future__ import annotations

from tandem.core import navigation
from tandem.people.panels import Link, register_link

from ..actions.privacy import PRIVACY_READ, PRIVACY_UNREAD

register_link(Link("privacy", "Please read the privacy notice", "enrolment:child_privacy", PRIVACY_UNREAD, order=22))
navigation.register(
    "Privacy notice", PRIVACY_READ, navigation.setting_page(PRIVACY_READ, "enrolment:privacy_notice"), order=85
)
