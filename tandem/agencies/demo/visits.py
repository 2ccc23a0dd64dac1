"""Demo of visiting professionals (R50) for Willowbrook.

Hannah Lewis, the speech and language therapist of the directory demo's therapy service, signs in
as ``slt@demo.tandem.invalid`` (the demo password). She has a visit to Isla Morgan today, 07:00 to
19:00 (all day, so the demo works whenever it is opened), supervised by Amira Hussain (Isla's key
person): her arrival is left for Amira to record, and only then does Hannah see the share pack made
for the visit (with Emma Morgan's consent). Three weeks ago she visited Isla once before: arrival
and departure recorded, with Amira's note.

Idempotent: the account and profile are found by email, today's visit by its start, the past visit
and the share pack by child and professional. The agency is looked up by the directory demo's
name; if it is missing the professional is simply not linked to one.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tandem.core.exports import record_export
from tandem.core.models import Setting, User
from tandem.people.models import Adult, Child

from ..models import Agency, Professional, Share, ShareItem, Visit
from ..selectors.sharing import PACK_SOURCES
from . import directory

SLT_LOCAL = "slt"
# Printed by seed_demo with the other sign-ins.
SIGN_INS = [("Professional", "Hannah Lewis", "slt@demo.tandem.invalid")]
ISLA = ("Isla", "Morgan")
TODAY_PURPOSE = (
    "Observe Isla's talking and listening in free play and at group time, and agree targets for her speech with Amira."
)
PAST_PURPOSE = "First observation for Isla's speech and language assessment: how she talks with adults and friends."
PAST_NOTE = (
    "Hannah observed Isla in the role-play area and at snack time. She suggested modelling short sentences "
    "and giving Isla time to answer; she will send her report to Emma and to the setting."
)
PACK_PURPOSE = "Isla's speech and language assessment: what the therapist reads during her visits."


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _user(email: str, first_name: str, last_name: str) -> User:
    from tandem.people.management.commands.seed_demo import DEMO_PASSWORD

    user = User.objects.filter(email=email).first()
    if user is None:
        return User.objects.create_user(email=email, password=DEMO_PASSWORD, first_name=first_name, last_name=last_name)
    if not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def _pack(child: Child, profile: Professional, amira: User | None) -> Share | None:
    """The share pack Hannah reads during her visits, with Emma's consent (made once)."""
    hannah = profile.user
    found = Share.objects.filter(child=child, professional=hannah).order_by("pk").first()
    if found is not None:
        return found
    emma = Adult.objects.filter(
        first_name="Emma",
        last_name="Morgan",
        links__child=child,
        links__parental_responsibility=True,
        links__no_information=False,
    ).first()
    if emma is None:
        return None
    shared_at = timezone.now().replace(microsecond=0) - dt.timedelta(days=22)
    share = Share.objects.create(
        child=child,
        status=Share.Status.SHARED,
        recipient_kind=Share.Recipient.PROFESSIONAL,
        agency=profile.agency,
        professional=hannah,
        recipient_name=f"{hannah.get_full_name()}, {profile.job_title}",
        purpose=PACK_PURPOSE,
        basis=Share.Basis.CONSENT,
        consent_by=emma,
        consent_on=shared_at.date() - dt.timedelta(days=2),
        consent_how="Signed the referral form with Amira at collection",
        delivery=Share.Delivery.VISIT,
        created_by=amira,
        created_at=shared_at - dt.timedelta(hours=1),
        shared_by=amira,
        shared_at=shared_at,
    )
    for kind, count in {"aboutme": 1, "observation": 2}.items():
        for object_id, label in list(PACK_SOURCES[kind][1](child))[:count]:
            ShareItem.objects.create(share=share, kind=kind, object_id=object_id, label=label[:300])
    record_export(
        actor=amira,
        setting_id=child.setting_id,
        child_id=child.pk,
        what=f"Share pack for {hannah.get_full_name()}",
        purpose=PACK_PURPOSE,
    )
    return share


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import KEY_PERSON_EMAIL, MANAGER_EMAIL, demo_email

    isla = Child.objects.filter(setting=setting, first_name=ISLA[0], last_name=ISLA[1]).first()
    amira = User.objects.filter(email=KEY_PERSON_EMAIL).first()
    if isla is None or amira is None:
        return
    manager = User.objects.filter(email=MANAGER_EMAIL).first()
    agency = Agency.objects.filter(setting=setting, name=getattr(directory, "SLT", "")).first()
    hannah = _user(demo_email(SLT_LOCAL), "Hannah", "Lewis")
    profile, _ = Professional.objects.get_or_create(
        user=hannah,
        defaults={
            "setting": setting,
            "agency": agency,
            "job_title": "Speech and language therapist",
            "phone": "01632 960211",
            "invited_by": manager,
            "invited_at": timezone.now() - dt.timedelta(days=30),
        },
    )
    if profile.setting_id != setting.pk:
        return
    share = _pack(isla, profile, amira)
    today = timezone.localdate()
    Visit.objects.get_or_create(
        child=isla,
        professional=profile,
        starts_at=_at(today, 7, 0),
        defaults={
            "supervisor": amira,
            "purpose": TODAY_PURPOSE,
            "ends_at": _at(today, 19, 0),
            "share": share,
            "booked_by": manager or amira,
            "booked_at": timezone.now() - dt.timedelta(days=5),
        },
    )
    if not Visit.objects.filter(child=isla, professional=profile, purpose=PAST_PURPOSE).exists():
        day = today - dt.timedelta(days=21)
        Visit.objects.create(
            child=isla,
            professional=profile,
            supervisor=amira,
            purpose=PAST_PURPOSE,
            starts_at=_at(day, 10),
            ends_at=_at(day, 11),
            share=share,
            arrived_at=_at(day, 10, 2),
            arrival_recorded_by=amira,
            departed_at=_at(day, 10, 58),
            departure_recorded_by=amira,
            notes=PAST_NOTE,
            booked_by=manager or amira,
            booked_at=_at(day - dt.timedelta(days=7), 14),
        )
