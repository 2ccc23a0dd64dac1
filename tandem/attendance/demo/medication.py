"""Demo medication for Willowbrook (R9).

Alfie Morgan (the main demo parent's son, Caterpillars) has hay fever: his mum Emma authorised
Piriton yesterday; Chloe gave a dose at lunchtime, witnessed by Bethan, and Emma acknowledged it
in the evening. Isla Morgan has no medicine yet, so the demo can authorise one for her (her
family's consent to giving medicine is given in the enrolment demo).
Idempotent: Alfie's medicine is made once.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tandem.core.models import Setting, User
from tandem.enrolment.models import ConsentCode, ConsentDecision
from tandem.people.models import Adult, Child

from ..models import Dose, Medicine


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _at(day: dt.date, hour: int, minute: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import BETHAN, PARENT_EMAIL, PRACTITIONER_EMAIL

    alfie = Child.objects.filter(setting=setting, first_name="Alfred", last_name="Morgan").first()
    emma = Adult.objects.filter(setting=setting, user__email=PARENT_EMAIL).first()
    if alfie is None or emma is None:
        return
    consent = (
        ConsentDecision.objects.filter(child=alfie, consent_type__code=ConsentCode.ADMINISTERING_MEDICATION)
        .order_by("-at", "-pk")
        .first()
    )
    existing = Medicine.objects.filter(child=alfie, name__startswith="Piriton").first()
    if existing is not None:
        if existing.consent_decision_id is None and consent is not None:
            Medicine.objects.filter(pk=existing.pk).update(consent_decision=consent)
        return
    today = timezone.localdate()
    yesterday = today - dt.timedelta(days=1)
    chloe, bethan, parent = _user(PRACTITIONER_EMAIL), _user(BETHAN), _user(PARENT_EMAIL)
    medicine = Medicine.objects.create(
        child=alfie,
        name="Piriton (chlorphenamine) oral solution",
        reason="Hay fever",
        dose="2.5 ml",
        times="12:00 (after lunch)",
        start_date=yesterday,
        end_date=today + dt.timedelta(days=4),
        last_dose_at_home=_at(yesterday, 7, 30),
        instructions="Keep at room temperature. It may make him a little sleepy.",
        authorised_by=emma,
        authorised_by_user=parent,
        authorised_at=_at(yesterday, 8, 25),
        typed_name="Emma Morgan",
        consent_decision=consent if consent is not None and consent.given else None,
        received_by=chloe,
        received_at=_at(yesterday, 8, 40),
    )
    Dose.objects.create(
        medicine=medicine,
        given_at=_at(yesterday, 12, 10),
        amount="2.5 ml",
        given_by=chloe,
        witnessed_by=bethan,
        recorded_at=_at(yesterday, 12, 12),
        acknowledged_at=_at(yesterday, 17, 45),
        acknowledged_by=parent,
    )
