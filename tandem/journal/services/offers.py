"""Parents in the setting (R21): a family offers help; the office answers. Keyword-only, audited."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import require
from tandem.core.models import Setting, User
from tandem.people.models import Adult

from ..actions.offers import OFFER_MAKE, OFFER_RESPOND
from ..models import Offer

# What the office may answer, and whether a message is needed.
ANSWERS = (Offer.Status.ACCEPTED, Offer.Status.USED, Offer.Status.DECLINED)


def make_offer(*, actor: User, setting: Setting, kind: str, text: str, availability: str = "") -> Offer:
    require(actor, OFFER_MAKE, setting)
    text, availability = (text or "").strip(), (availability or "").strip()
    errors: dict[str, str] = {}
    if kind not in Offer.Kind.values:
        errors["kind"] = "Choose what you are offering."
    if not text:
        errors["text"] = "Tell us what you would like to offer."
    if len(availability) > 200:
        errors["availability"] = "Keep this under 200 characters."
    if errors:
        raise ValidationError(errors)
    adult = Adult.objects.filter(user=actor, setting=setting).first()
    with transaction.atomic():
        offer = Offer.objects.create(
            setting=setting, adult=adult, offered_by=actor, kind=kind, text=text, availability=availability
        )
        audit.record(
            "journal.offer.made", actor, person_ids=[adult.pk] if adult else [], obj=offer, setting_id=setting.pk
        )
    return offer


def respond(*, actor: User, offer: Offer, status: str, response: str) -> Offer:
    """Answer an offer: we would love to, done (thank you), or not this time. A message is kept for the family."""
    require(actor, OFFER_RESPOND, offer.setting)
    response = (response or "").strip()
    errors: dict[str, str] = {}
    if status not in ANSWERS:
        errors["status"] = "Choose your answer."
    if not response:
        errors["response"] = "Write a short message for the family: they will read it."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Offer.objects.select_for_update().get(pk=offer.pk)
        locked.status, locked.response = status, response
        locked.responded_by, locked.responded_at = actor, timezone.now()
        locked.save(update_fields=["status", "response", "responded_by", "responded_at"])
        audit.record(
            "journal.offer.answered",
            actor,
            person_ids=[locked.adult_id] if locked.adult_id else [],
            obj=locked,
            setting_id=locked.setting_id,
        )
    return locked
