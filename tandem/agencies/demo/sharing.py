"""Demo of sharing with agencies (R48, R51): two shares about Isla Morgan, both with her mum Emma's
consent: a share pack for the speech and language therapy service (sent by secure link, opened once)
and one for the health visitor (told by phone). The link's token is random and thrown away (only its
hash is kept), so the demo shows the record and the openings, not a working link. The agencies are
the directory demo's, looked up by name; if it has not run, nothing is seeded."""

from __future__ import annotations

import datetime as dt
import secrets

from django.db.models import Q
from django.utils import timezone

from tandem.core.exports import record_export
from tandem.core.models import Setting, User
from tandem.people.models import Adult, Child

from ..models import Agency, Share, ShareItem, ShareOpening
from ..selectors.sharing import PACK_SOURCES, token_hash
from .directory import HEALTH_VISITING, SLT

ISLA = ("Isla", "Morgan")


def _share(
    *,
    child: Child,
    agency_name: str,
    adult: Adult,
    by: User | None,
    purpose: str,
    delivery: str,
    kinds: dict[str, int],
    days_ago: int,
    how: str,
) -> Share | None:
    agency = Agency.objects.filter(setting_id=child.setting_id, name=agency_name).first()
    if agency is None or Share.objects.filter(child=child, agency=agency, professional__isnull=True).exists():
        return None
    contact = agency.contacts.filter(active=True).order_by("pk").first()
    now = timezone.now().replace(microsecond=0)
    shared_at = now - dt.timedelta(days=days_ago)
    name = f"{contact.name}, {agency.name}" if contact else agency.name
    share = Share.objects.create(
        child=child,
        status=Share.Status.SHARED,
        recipient_kind=Share.Recipient.AGENCY,
        agency=agency,
        contact=contact,
        recipient_name=name[:200],
        recipient_email=(contact.email if contact else agency.email) or "",
        purpose=purpose,
        basis=Share.Basis.CONSENT,
        consent_by=adult,
        consent_on=shared_at.date() - dt.timedelta(days=3),
        consent_how=how,
        delivery=delivery,
        token_hash=token_hash(secrets.token_urlsafe(32)) if delivery == Share.Delivery.LINK else "",
        expires_at=shared_at + dt.timedelta(days=14) if delivery == Share.Delivery.LINK else None,
        created_by=by,
        created_at=shared_at - dt.timedelta(hours=1),
        shared_by=by,
        shared_at=shared_at,
    )
    for kind, count in kinds.items():
        for object_id, label in list(PACK_SOURCES[kind][1](child))[:count]:
            ShareItem.objects.create(share=share, kind=kind, object_id=object_id, label=label[:300])
    record_export(
        actor=by, setting_id=child.setting_id, child_id=child.pk, what=f"Share pack for {agency.name}", purpose=purpose
    )
    return share


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import KEY_PERSON_EMAIL

    child = Child.objects.filter(setting=setting, first_name=ISLA[0], last_name=ISLA[1]).first()
    if child is None:
        return
    emma = Adult.objects.filter(
        Q(first_name="Emma", last_name="Morgan"),
        links__child=child,
        links__parental_responsibility=True,
        links__no_information=False,
    ).first()
    if emma is None:
        return
    amira = User.objects.filter(email=KEY_PERSON_EMAIL).first()
    slt = _share(
        child=child,
        agency_name=SLT,
        adult=emma,
        by=amira,
        purpose="Isla's referral for a speech and language assessment: how she talks and plays at preschool.",
        delivery=Share.Delivery.LINK,
        kinds={"observation": 3, "aboutme": 1, "summary": 1},
        days_ago=6,
        how="Signed the referral form with Amira at collection",
    )
    if slt is not None and slt.shared_at is not None:
        ShareOpening.objects.create(share=slt, opened_at=slt.shared_at + dt.timedelta(days=1, hours=2))
    _share(
        child=child,
        agency_name=HEALTH_VISITING,
        adult=emma,
        by=amira,
        purpose="The health visitor's two-and-a-half-year review: Isla's needs and her latest summary of learning.",
        delivery=Share.Delivery.PHONE,
        kinds={"need": 5, "summary": 1, "check": 1},
        days_ago=20,
        how="Agreed in person at the settling-in review",
    )
