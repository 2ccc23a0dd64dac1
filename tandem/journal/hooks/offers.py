"""Parents' offers of help: a menu entry for families, a tile on the office page for staff."""

from __future__ import annotations

from tandem.core import navigation

from ..actions.offers import OFFER_LIST, OFFER_MAKE

navigation.register("Offer to help", OFFER_MAKE, navigation.setting_page(OFFER_MAKE, "journal:offers_mine"), order=80)
navigation.register_office(
    "Parents' offers of help",
    "Skills, resources, ideas and time that families offer; answer them",
    OFFER_LIST,
    navigation.setting_page(OFFER_LIST, "journal:offers_setting"),
    order=70,
)
