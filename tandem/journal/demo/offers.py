"""Demo: two families' offers of help at Willowbrook. Emma Morgan (the main demo parent) offered
to read stories in Welsh and the manager has said yes; Sana Ahmed's offer of cardboard boxes for
junk modelling waits for an answer (it shows in the office's list)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tandem.core.models import Setting, User
from tandem.people.management.commands.seed_demo import MANAGER_EMAIL, OTHER_PARENT_EMAIL, PARENT_EMAIL
from tandem.people.models import Adult

from ..models import Offer

OFFERS = [
    (
        PARENT_EMAIL,
        Offer.Kind.SKILL,
        "I grew up in Cardiff and speak Welsh. I would love to come in and read a story or two in Welsh, "
        "and teach the children a song.",
        "Wednesday or Thursday mornings",
        12,
        (
            Offer.Status.ACCEPTED,
            "Thank you, Emma, we would love that! Could you come on a Thursday at 10am? Amira will "
            "plan it with you at pick-up.",
        ),
    ),
    (
        OTHER_PARENT_EMAIL,
        Offer.Kind.RESOURCE,
        "We have just moved house and have lots of clean cardboard boxes and tubes. Would they be useful "
        "for junk modelling?",
        "I can drop them off any morning",
        2,
        None,
    ),
]


def seed(*, setting: Setting) -> None:
    manager = User.objects.filter(email=MANAGER_EMAIL).first()
    now = timezone.now()
    for email, kind, text, availability, days_ago, answer in OFFERS:
        user = User.objects.filter(email=email).first()
        if user is None or Offer.objects.filter(setting=setting, offered_by=user, text=text).exists():
            continue
        offer = Offer(
            setting=setting,
            adult=Adult.objects.filter(user=user, setting=setting).first(),
            offered_by=user,
            kind=kind,
            text=text,
            availability=availability,
            created_at=now - dt.timedelta(days=days_ago),
        )
        if answer:
            offer.status, offer.response = answer
            offer.responded_by, offer.responded_at = manager, now - dt.timedelta(days=days_ago - 1)
        offer.save()
