"""Reading offers of help (R21): a family's own, and the setting's list for the staff."""

from __future__ import annotations

from django.db.models import QuerySet

from tandem.core.access import require
from tandem.core.models import Setting, User

from ..actions.offers import OFFER_LIST, OFFER_MAKE
from ..models import Offer


def my_offers(*, actor: User, setting: Setting) -> QuerySet[Offer]:
    """The offers this person made to the setting, newest first."""
    require(actor, OFFER_MAKE, setting)
    return Offer.objects.filter(setting=setting, offered_by=actor).order_by("-created_at", "-pk")


def setting_offers(*, actor: User, setting: Setting, kind: str = "", status: str = "") -> QuerySet[Offer]:
    """The setting's offers, filtered in the database (paginate it)."""
    require(actor, OFFER_LIST, setting)
    offers = Offer.objects.filter(setting=setting).select_related("adult", "responded_by")
    if kind in Offer.Kind.values:
        offers = offers.filter(kind=kind)
    if status in Offer.Status.values:
        offers = offers.filter(status=status)
    return offers.order_by("-created_at", "-pk")


def offer_of(*, actor: User, setting: Setting, offer_id: int) -> Offer | None:
    return setting_offers(actor=actor, setting=setting).filter(pk=offer_id).first()
