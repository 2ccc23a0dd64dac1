"""The policy library: the "Policies" main-menu entry (families and staff), the manager's office
tile, the voice hub's "Policies to read" section, and the kinds of notification it sends."""

from __future__ import annotations

from tandem.comms.services.notifications import Delivery, register_kind
from tandem.core import navigation

from ..actions.policies import POLICY_LIBRARY, POLICY_MANAGE
from ..hub import Section, register_section
from ..selectors.policies import hub_items
from ..services.policies import CHANGED_KIND, COMMENT_KIND, REVIEW_KIND, STAFF_KIND

register_kind(REVIEW_KIND, "Policies open for your comments, and our answers to your comments", audience="parents")
register_kind(CHANGED_KIND, "Policies that have changed, to read and confirm", audience="parents")
register_kind(STAFF_KIND, "Policies you must read and acknowledge", audience="staff")
register_kind(COMMENT_KIND, "Policy reviews: a parent has commented", default=Delivery.DIGEST, audience="staff")

# One entry for families and staff alike: its address needs no query.
navigation.register("Policies", POLICY_LIBRARY, "voice:policies", order=15)
navigation.register_office(
    "Policies and procedures",
    "The policy library: write and review policies, ask parents for comments, see who has acknowledged them",
    POLICY_MANAGE,
    navigation.setting_page(POLICY_MANAGE, "voice:policies_manage"),
    order=74,
)
register_section(Section("policies", "Policies to read", "voice/policies/_hub.html", hub_items, order=40))
