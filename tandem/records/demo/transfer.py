"""Demo records sent to school (R55, R67) for Willowbrook. Nothing is sent yet for Isla Morgan (the
browser test and a newcomer do that); Archie Dawson, who has left, had his learning record sent to the
village primary school by a secure link, which the school opened. Safe to run again."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tandem.agencies.models import Agency, AgencyContact
from tandem.core.models import ExportRecord, Setting, User
from tandem.people.models import Child

from ..models import RecordTransfer, TransferOpening, Transition

SCHOOL = "Willowbrook Church of England Primary School"
PURPOSE = "The child is starting at this school: their records go with them"


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import MANAGER_EMAIL

    archie = Child.objects.filter(setting=setting, first_name="Archie", last_name="Dawson").first()
    school = Agency.objects.filter(setting=setting, name=SCHOOL).first()
    manager = User.objects.filter(email=MANAGER_EMAIL).first()
    contact = AgencyContact.objects.filter(agency=school, active=True).order_by("pk").first() if school else None
    if archie is None or school is None or manager is None or contact is None:
        return
    if RecordTransfer.objects.filter(child=archie).exists():
        return
    left = archie.leaving_date or timezone.localdate()
    sent = timezone.make_aware(dt.datetime.combine(left - dt.timedelta(days=10), dt.time(10, 30)))
    transition, _ = Transition.objects.get_or_create(
        child=archie,
        defaults={
            "setting": setting,
            "school": school,
            "teacher": contact,
            "starts_on": left + dt.timedelta(days=14),
            "status": Transition.Status.TRANSFERRED,
            "created_by": manager,
            "created_at": sent - dt.timedelta(days=60),
            "updated_at": sent,
        },
    )
    export = ExportRecord.objects.create(
        setting=setting,
        actor=manager,
        child_id=archie.pk,
        what="Sent to the school: learning and development record",
        purpose=PURPOSE,
    )
    transfer = RecordTransfer.objects.create(
        setting=setting,
        child=archie,
        transition=transition,
        kind=RecordTransfer.Kind.LEARNING,
        contact=contact,
        recipient_name=contact.name,
        recipient_email=contact.email,
        delivery=RecordTransfer.Delivery.LINK,
        status=RecordTransfer.Status.OPENED,
        export=export,
        sent_at=sent,
        expires_at=sent + dt.timedelta(days=7),
        opened_at=sent + dt.timedelta(days=1, hours=2),  # as the opening below
        family_told_at=sent,
        created_by=manager,
        created_at=sent - dt.timedelta(minutes=5),
    )
    opened_at = sent + dt.timedelta(days=1, hours=2)
    TransferOpening.objects.create(transfer=transfer, at=opened_at, outcome=TransferOpening.Outcome.OPENED)
