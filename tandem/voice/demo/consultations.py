"""Demo consultations for Willowbrook (R39): one open (opening at 8am, with two families' views) and
one decided last term (the move to a healthier snack menu), with its reasons. Idempotent: each is
made once (found by its title). No one is notified."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tandem.core.models import Setting, User

from ..models import Consultation, ConsultationResponse

OPENING = "Opening at 8am on weekdays"
SNACKS = "A healthier snack menu"


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import demo_email

    manager = User.objects.filter(email=demo_email("manager")).first()
    emma = User.objects.filter(email=demo_email("parent")).first()
    sana = User.objects.filter(email=demo_email("parent2")).first()
    today = timezone.localdate()
    now = timezone.now()
    if not Consultation.objects.filter(setting=setting, title=OPENING).exists():
        opening = Consultation.objects.create(
            setting=setting,
            title=OPENING,
            proposal=(
                "Several families have asked us to open earlier. We propose to open at **8am instead of 8.30am** "
                "from February half term, with breakfast for children who arrive before 8.30am.\n\n"
                "This would need one more member of staff each morning, which the funded hours cover."
            ),
            question="Would an 8am start help your family?",
            closes_on=today + dt.timedelta(days=12),
            status=Consultation.Status.OPEN,
            published_at=now - dt.timedelta(days=4),
            created_by=manager,
        )
        for author, answer, comment in (
            (emma, "agree", "Yes please: it would let me get to work on time."),
            (sana, "unsure", "We would not use it, but breakfast sounds lovely."),
        ):
            if author is not None:
                ConsultationResponse.objects.create(consultation=opening, author=author, answer=answer, comment=comment)
    if not Consultation.objects.filter(setting=setting, title=SNACKS).exists():
        Consultation.objects.create(
            setting=setting,
            title=SNACKS,
            proposal="We propose fruit, vegetables and plain crackers at snack time, and no more biscuits.",
            question="Do you agree with the new snack menu?",
            closes_on=today - dt.timedelta(days=60),
            status=Consultation.Status.DECIDED,
            published_at=now - dt.timedelta(days=80),
            decision="From September, snacks are fruit, vegetables and plain crackers. Biscuits only on birthdays.",
            reasons=(
                "Most families who answered agreed. Two families asked about birthdays, so we kept a treat for them. "
                "One family asked for dairy-free options: every snack time now has one."
            ),
            decided_by=manager,
            decided_at=now - dt.timedelta(days=55),
            created_by=manager,
        )
