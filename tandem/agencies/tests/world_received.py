"""World objects for information received from other agencies (R49), made directly:

* ``received_note_a``: a note of what the health visitor said about Amelia (child_a);
* ``received_safeguarding_a``: a safeguarding note from children's social care about Amelia;
* ``other_received_item``: the other provider's, about their child.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tandem.agencies.models import ReceivedItem


def extend(w: Any) -> None:
    today = timezone.localdate()
    w.received_note_a = ReceivedItem.objects.create(
        child=w.child_a,
        from_name="Hana Visitor, health visitor",
        kind=ReceivedItem.Kind.NOTE,
        title="Health visitor's two-year review",
        body="Amelia's hearing test is booked for next month.",
        received_on=today - dt.timedelta(days=3),
        recorded_by=w.key_person_a,
    )
    w.received_safeguarding_a = ReceivedItem.objects.create(
        child=w.child_a,
        from_name="Sam Socialworker, children's social care",
        kind=ReceivedItem.Kind.NOTE,
        title="Strategy discussion outcome",
        body="A child protection plan is being considered.",
        received_on=today - dt.timedelta(days=1),
        safeguarding=True,
        recorded_by=w.dsl,
    )
    w.other_received_item = ReceivedItem.objects.create(
        child=w.other_child,
        from_name="Riverside Health Visiting",
        kind=ReceivedItem.Kind.NOTE,
        title="Riverside health visitor's note",
        body="Ottilie's review went well.",
        received_on=today,
        recorded_by=w.other_manager,
    )
