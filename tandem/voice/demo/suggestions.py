"""Demo suggestions for Willowbrook (R37): a named idea from Emma Morgan, answered publicly with what
changed; an anonymous complaint about the car park, being considered; a new positive one from Sana
Ahmed. Idempotent: each is made once (found by its text). No one is notified."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tandem.core.models import Setting, User

from ..models import Suggestion

BIKE_RACK = "Could we have somewhere to leave scooters and bikes? We walk past three other parents' scooters every day."
CAR_PARK = "The car park is chaotic at pick-up. Someone is going to get hurt reversing out."
THANKS = "Thank you for the Eid celebration. Zara came home so proud to have shown everyone her henna."


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import demo_email

    emma = User.objects.filter(email=demo_email("parent")).first()
    sana = User.objects.filter(email=demo_email("parent2")).first()
    manager = User.objects.filter(email=demo_email("manager")).first()
    today = timezone.localdate()
    if not Suggestion.objects.filter(setting=setting, text=BIKE_RACK).exists():
        Suggestion.objects.create(
            setting=setting,
            tone=Suggestion.Tone.IDEA,
            text=BIKE_RACK,
            author=emma,
            received_on=today - dt.timedelta(days=40),
            status=Suggestion.Status.DONE,
            reply="Thank you, Emma: a good idea. The trustees agreed to pay for a rack.",
            reply_public=True,
            replied_by=manager,
            replied_at=timezone.now() - dt.timedelta(days=35),
            we_did="A scooter and bike rack is now by the front gate, under the canopy.",
            we_did_on=today - dt.timedelta(days=14),
        )
    if not Suggestion.objects.filter(setting=setting, text=CAR_PARK).exists():
        Suggestion.objects.create(
            setting=setting,
            tone=Suggestion.Tone.NEGATIVE,
            text=CAR_PARK,
            received_on=today - dt.timedelta(days=6),
            status=Suggestion.Status.CONSIDERING,
        )
    if not Suggestion.objects.filter(setting=setting, text=THANKS).exists():
        Suggestion.objects.create(
            setting=setting, tone=Suggestion.Tone.POSITIVE, text=THANKS, author=sana, received_on=today
        )
