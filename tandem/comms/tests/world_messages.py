"""The world's message threads (R26).

* ``thread_a``: about child A, between parent A and the setting. The restricted parent was put in
  it too (say, before the court order): being a participant must not be enough to see it.
* ``thread_b``: about child B, with parent B (no parental responsibility).
* ``other_thread``: about the other provider's child.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from tandem.comms.models.messages import Message, Thread, ThreadParticipant


def _thread(child: Any, author: Any, adults: list[Any], subject: str) -> Thread:
    now = timezone.now()
    thread = Thread.objects.create(
        setting=child.setting, child=child, subject=subject, started_by=author, started_at=now, last_message_at=now
    )
    ThreadParticipant.objects.bulk_create([ThreadParticipant(thread=thread, adult=a) for a in adults])
    Message.objects.create(thread=thread, author=author, from_family=True, body="Hello, a quick question.", sent_at=now)
    return thread


def extend(w: Any) -> None:
    w.thread_a = _thread(w.child_a, w.parent_a, [w.adult_a, w.restricted_adult], "Wellies for outdoor play")
    w.thread_b = _thread(w.child_b, w.parent_b_no_pr, [w.adult_b], "Lunch box")
    w.other_thread = _thread(w.other_child, w.other_parent, [w.other_adult], "Nap times")
