"""Demo allegation for Willowbrook (R61): closed, with the referral to the LADO recorded.

Five weeks ago Mason Clarke's mum said Mason came home saying a member of staff squeezed his arm
hard at lunchtime. Grace (the DSL) recorded it, referred it to the LADO the next morning and
notified Ofsted; the LADO advised it did not meet the threshold and the setting dealt with it under
its own procedures; closed two weeks ago. It is about Jamal Robinson, a practitioner (who would
never see it). Only Sarah (manager), Grace (DSL) and Helen (owner) see it. Idempotent.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tandem.core.models import Setting, User
from tandem.people.models import Child

from ..models import Allegation

REFERENCE = "SOM-LADO-2026-0417"


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import DSL_EMAIL, JAMAL

    if Allegation.objects.filter(setting=setting, lado_reference=REFERENCE).exists():
        return
    dsl, jamal = User.objects.filter(email=DSL_EMAIL).first(), User.objects.filter(email=JAMAL).first()
    mason = Child.objects.filter(setting=setting, first_name="Mason", last_name="Clarke").first()
    if dsl is None or jamal is None:
        return
    day = timezone.localdate() - dt.timedelta(days=35)
    Allegation.objects.create(
        setting=setting,
        child=mason,
        about=jamal,
        summary="At collection, Mason's mum said Mason told her a member of staff squeezed his arm hard at lunchtime "
        "when he would not sit down. She saw no mark. Mason named Jamal.",
        received_at=_at(day, 15, 40),
        recorded_by=dsl,
        dsl_informed_at=_at(day, 15, 40),
        lado_referred_at=_at(day + dt.timedelta(days=1), 9, 15),
        lado_name="Mark Ellison",
        lado_reference=REFERENCE,
        lado_advice="The threshold for a strategy discussion is not met. Deal with it under the setting's own "
        "procedures: speak with the practitioner, review how staff manage lunchtimes, keep a record. No need to "
        "suspend. Tell Mason's mum the outcome.",
        ofsted_notified_at=_at(day + dt.timedelta(days=1), 11, 0),
        outcome="Unsubstantiated. Jamal said he guided Mason back to the table by the arm. Sarah met him, he completed "
        "positive handling refresher training, and lunchtime seating was changed. Mason's mum was told and was "
        "satisfied. Closed with the LADO's agreement.",
        closed_at=_at(day + dt.timedelta(days=21), 16, 0),
    )
