"""Demo access request (R66). DEMO DATA, INVENTED.

Emma Morgan asked online a week ago for everything held about Isla, so the manager can prepare the
export, review what is flagged (the speech and language therapist's assessment is third-party
information) and release it. Idempotent: found again by Emma, Isla and the subject.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tandem.core.models import Setting
from tandem.people.models import Adult, Child

from ..models import AccessRequest
from ..services.requests import ONLINE_IDENTITY, due_date

DETAILS = (
    "(Demo) Isla starts school in September. Please send me everything you hold about her, "
    "including her learning journal."
)


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import MAIN_CHILD, PARENT_EMAIL

    emma = Adult.objects.filter(user__email=PARENT_EMAIL).first()
    isla = Child.objects.filter(setting=setting, first_name=MAIN_CHILD[0], last_name=MAIN_CHILD[1]).first()
    if emma is None or isla is None:
        return
    if AccessRequest.objects.filter(adult=emma, child=isla, subject=AccessRequest.Subject.CHILD).exists():
        return
    received = timezone.localdate() - dt.timedelta(days=7)
    AccessRequest.objects.create(
        setting=setting,
        adult=emma,
        child=isla,
        subject=AccessRequest.Subject.CHILD,
        how=AccessRequest.How.ONLINE,
        details=DETAILS,
        received_on=received,
        due_on=due_date(received),
        identity_checked=ONLINE_IDENTITY,
        created_by=emma.user,
        created_at=timezone.now() - dt.timedelta(days=7),
    )
