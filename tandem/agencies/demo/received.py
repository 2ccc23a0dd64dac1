"""Demo information received from other agencies for Willowbrook (R49). DEMO DATA, INVENTED: marked
"(demo)" where staff read it.

* Isla Morgan: the speech and language therapist's assessment (a one-page PDF), recorded by the
  SENCO three weeks ago, with the therapist's consent to pass it to the primary school for Isla's
  move to Reception; and a note of the health visitor's phone call, with no consent to pass it on.
* Theo Kaya (never the Morgans): the social worker's note of the core group meeting, marked
  safeguarding, recorded by the DSL: only the DSL, the manager and Theo's key person read it.

Agencies are looked up by the directory demo's names (left empty if they are not there).
Idempotent: items are found again by child and title.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from tandem.core.models import Setting, User
from tandem.people.models import Child

from ..models import Agency, ReceivedConsent, ReceivedItem
from . import directory

ISLA = ("Isla", "Morgan")
THEO = ("Theo", "Kaya")
ASSESSMENT = "Speech and language therapy assessment (demo)"
LETTER = [
    "Speech and language therapy assessment (demo data, invented)",
    "Child: Isla Morgan. Seen at Willowbrook Community Preschool.",
    "Isla understands two-part instructions and uses sentences of four to five words.",
    "Some sounds (k, g) are still replaced by t and d; this is common at her age.",
    "Targets: model k and g in play; praise attempts; do not ask her to repeat words.",
    "Review in six months. Priya Shah, Speech and Language Therapist",
]


def _agency(setting: Setting, name: str | None) -> Agency | None:
    return Agency.objects.filter(setting=setting, name=name).first() if name else None


def _item(child: Child, title: str, **fields: Any) -> ReceivedItem | None:
    if ReceivedItem.objects.filter(child=child, title=title).exists():
        return None
    return ReceivedItem(child=child, title=title, **fields)


def seed(*, setting: Setting) -> None:
    from tandem.comms.demo.board import tiny_pdf
    from tandem.people.management.commands.seed_demo import DSL_EMAIL, SENCO_EMAIL

    today = timezone.localdate()
    senco = User.objects.filter(email=SENCO_EMAIL).first()
    dsl = User.objects.filter(email=DSL_EMAIL).first()
    isla = Child.objects.filter(setting=setting, first_name=ISLA[0], last_name=ISLA[1]).first()
    theo = Child.objects.filter(setting=setting, first_name=THEO[0], last_name=THEO[1]).first()
    if isla is not None:
        assessment = _item(
            isla,
            ASSESSMENT,
            agency=_agency(setting, getattr(directory, "SLT", None)),
            from_name="Priya Shah, speech and language therapist (demo)",
            kind=ReceivedItem.Kind.DOCUMENT,
            body="(Demo) Isla's assessment: her understanding is at the expected level; some sounds are still "
            "developing. Targets for the setting and home are in the letter.",
            received_on=today - dt.timedelta(days=21),
            recorded_by=senco,
            recorded_at=timezone.now() - dt.timedelta(days=21),
        )
        if assessment is not None:
            content = tiny_pdf(LETTER[0], LETTER[1:])
            assessment.size = len(content)
            assessment.file.save(f"{secrets.token_hex(16)}.pdf", ContentFile(content), save=False)
            assessment.save()
            ReceivedConsent.objects.create(
                item=assessment,
                given_by="Priya Shah, speech and language therapist (demo)",
                given_on=today - dt.timedelta(days=14),
                scope="Willowbrook Church of England Primary School, for Isla's move to Reception",
                how="By email, kept on file",
                recorded_by=senco,
            )
        note = _item(
            isla,
            "Phone call from the health visitor (demo)",
            agency=_agency(setting, getattr(directory, "HEALTH_VISITING", None)),
            from_name="Claire Hollis, health visitor (demo)",
            kind=ReceivedItem.Kind.NOTE,
            body="(Demo) Claire rang to say Isla's hearing test is booked for next month at the Family Hub. "
            "She asked us to tell her if we notice Isla not responding to her name in a noisy room.",
            received_on=today - dt.timedelta(days=6),
            recorded_by=senco,
        )
        if note is not None:
            note.save()
    if theo is not None:
        core_group = _item(
            theo,
            "Core group meeting: the social worker's notes (demo)",
            agency=_agency(setting, getattr(directory, "SOCIAL_CARE", None)),
            from_name="Marcus Bell, social worker (demo)",
            kind=ReceivedItem.Kind.NOTE,
            body="(Demo) The core group reviewed the plan. Theo's attendance has improved; the setting is asked to "
            "keep sending his attendance every Friday and to tell the social worker the same day of any concern.",
            received_on=today - dt.timedelta(days=10),
            safeguarding=True,
            recorded_by=dsl,
        )
        if core_group is not None:
            core_group.save()
