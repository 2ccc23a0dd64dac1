"""Demo multi-agency work for Willowbrook (R52): Isla Morgan's referral to speech and language
therapy (accepted; linked to the share of her information when the sharing demo has made it) and a
team around the child meeting with her mum, her key person, the SENCO and the therapist, its notes
shared with the family and three actions. Emma Morgan sees them under "Working with other services".

Safeguarding work is in ``demo/protection.py``, on another child: never on the Morgans.

Agencies are looked up by the directory demo's names; if the directory is not there, nothing is
made. Idempotent: found again by child and agency (the referral) and by child and kind (the meeting).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tandem.core.models import Setting, User
from tandem.people.models import Child

from ..models import Agency, AgencyAction, AgencyMeeting, Referral, Share
from . import directory

ISLA = ("Isla", "Morgan")
REASON = (
    "Isla's speech is hard for adults who do not know her to understand, and she gets frustrated when she is "
    "not understood. Emma and Amira would like a speech and language assessment, and ideas to help her at "
    "home and at preschool before she starts school."
)
NOTES = """Isla is settled and happy at preschool and loves the role-play area. Hannah's assessment found
that Isla's understanding is at the level expected for her age; some speech sounds (k, g, s) are
still developing, which is why unfamiliar adults find her hard to follow.

Agreed: the setting and home will use the same simple ways of helping (repeating back what Isla said
correctly, without asking her to say it again; giving her time to answer). Hannah will send a short
programme of sound games. We will meet again in about ten weeks to see how she is getting on, and to
think about what her school will need to know."""


def _agency(setting: Setting, name: str | None) -> Agency | None:
    return Agency.objects.filter(setting=setting, name=name).first() if name else None


def _day(days_ago: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days_ago)


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import KEY_PERSON_EMAIL, SENCO_EMAIL

    isla = Child.objects.filter(setting=setting, first_name=ISLA[0], last_name=ISLA[1]).first()
    slt = _agency(setting, getattr(directory, "SLT", None))
    if isla is None or slt is None:
        return
    amira = User.objects.filter(email=KEY_PERSON_EMAIL).first()
    fiona = User.objects.filter(email=SENCO_EMAIL).first()
    share = (
        Share.objects.filter(child=isla, agency=slt, status=Share.Status.SHARED, purpose__icontains="referral")
        .order_by("pk")
        .first()
    )
    referral = Referral.objects.filter(child=isla, agency=slt).first()
    if referral is None:
        Referral.objects.create(
            child=isla,
            agency=slt,
            reason=REASON,
            made_on=_day(35),
            share=share,
            status=Referral.Status.ACCEPTED,
            outcome="Accepted on the therapist's waiting list; Hannah Lewis first observed Isla at preschool.",
            safeguarding=False,
            shared_with_family=True,
            made_by=amira,
            recorded_at=timezone.now() - dt.timedelta(days=35),
        )
    elif referral.share_id is None and share is not None:  # the sharing demo ran after the first seed
        referral.share = share
        referral.save(update_fields=["share"])

    if AgencyMeeting.objects.filter(child=isla, kind=AgencyMeeting.Kind.TEAM_AROUND_CHILD).exists():
        return
    held = timezone.make_aware(dt.datetime.combine(_day(10), dt.time(14, 0)))
    meeting = AgencyMeeting.objects.create(
        child=isla,
        kind=AgencyMeeting.Kind.TEAM_AROUND_CHILD,
        held_at=held,
        venue="Willowbrook Community Preschool, the quiet room",
        attendees="Emma Morgan (Isla's mum)\nAmira Hussain (key person)\nFiona Gallagher (SENCO)\n"
        "Hannah Lewis (speech and language therapist)",
        notes=NOTES,
        safeguarding=False,
        shared_with_family=True,
        recorded_by=fiona or amira,
        recorded_at=held + dt.timedelta(hours=3),
    )
    AgencyAction.objects.create(
        meeting=meeting,
        action="Send the setting and Emma a short programme of sound games for Isla.",
        owner="Hannah Lewis, speech and language therapy",
        due_on=_day(3),
        done_at=timezone.now() - dt.timedelta(days=4),
        done_note="The programme arrived by email; a copy is in Isla's file.",
    )
    AgencyAction.objects.create(
        meeting=meeting,
        action="Play two of the sound games with Isla each day, at group time and in the role-play area.",
        owner="Amira Hussain, key person",
        due_on=_day(-21),
    )
    AgencyAction.objects.create(
        meeting=meeting,
        action="Play the sound games at bedtime story time, three evenings a week.",
        owner="The family",
        due_on=_day(-21),
    )
