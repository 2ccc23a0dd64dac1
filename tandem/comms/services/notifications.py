"""One notification service for every app: the in-app centre and email, as each person chooses.

Any app tells people something with ``notify``. It writes one ``Notification`` per person (in
bulk), and after commit the task queue emails those who want it straight away; those who chose a
daily digest get one email a day; those who chose "off" see it in Tandem only. A kind registered
as ``mandatory`` (safety: a child not collected) is always emailed straight away.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tandem.core import audit
from tandem.core.models import User

from ..models.notifications import Notification, NotificationPreference, PendingDigest

Delivery = NotificationPreference.Delivery
EMAIL_BATCH = 100  # notifications emailed by one task


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    default: str = Delivery.INSTANT
    mandatory: bool = False
    # Who may get it, so the preferences page shows each person only their kinds: "parents", "staff", "everyone".
    audience: str = "everyone"


KINDS: dict[str, Kind] = {}


def register_kind(
    code: str, label: str, *, default: str = Delivery.INSTANT, mandatory: bool = False, audience: str = "everyone"
) -> Kind:
    """Declare a kind of notification (once, in an app's hooks). Declaring it again is an error."""
    if code in KINDS:
        raise ValueError(f"notification kind {code!r} is declared twice")
    if audience not in ("parents", "staff", "everyone"):
        raise ValueError(f"unknown audience {audience!r}")
    KINDS[code] = kind = Kind(code, label, Delivery(default), mandatory, audience)
    return kind


def deliveries(user_ids: Iterable[int], kind: str) -> dict[int, str]:
    """How each person wants this kind delivered (their choice, or the kind's default). One query."""
    spec = KINDS[kind]
    ids = list(user_ids)
    if spec.mandatory:
        return dict.fromkeys(ids, Delivery.INSTANT)
    chosen = dict(NotificationPreference.objects.filter(kind=kind, user_id__in=ids).values_list("user_id", "delivery"))
    return {uid: chosen.get(uid, spec.default) for uid in ids}


def notify(
    *,
    kind: str,
    user_ids: Iterable[int],
    title: str,
    body: str = "",
    url: str = "",
    setting_id: int | None = None,
) -> list[int]:
    """Tell these people something. ``url`` is a path inside Tandem; ``body`` is plain text (it is
    the email's text too, so write it for the reader: in their language, no secrets). Returns the
    ids of the notifications written. Safe inside a transaction: email goes after commit."""
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}: register it first")
    if url and (not url.startswith("/") or url.startswith(("//", "/\\"))):
        raise ValueError("url must be a path inside Tandem")
    ids = sorted(set(user_ids))
    if not ids:
        return []
    how = deliveries(ids, kind)
    clean_title = " ".join(title.split())[:200]  # one line: it is the email's subject too
    now = timezone.now()
    rows = [
        Notification(
            recipient_id=uid,
            setting_id=setting_id,
            kind=kind,
            title=clean_title,
            body=body,
            url=url,
            created_at=now,
            in_digest=how[uid] == Delivery.DIGEST,
        )
        for uid in ids
    ]
    with transaction.atomic():
        made = Notification.objects.bulk_create(rows, batch_size=1000)
        instant = [n.pk for n in made if how[n.recipient_id] == Delivery.INSTANT]
        digest_users = [n.recipient_id for n in made if how[n.recipient_id] == Delivery.DIGEST]
        if digest_users:
            _schedule_digests(digest_users)
        if instant:
            from ..tasks_notifications import email_notifications

            batches = [instant[i : i + EMAIL_BATCH] for i in range(0, len(instant), EMAIL_BATCH)]
            transaction.on_commit(lambda: [email_notifications.enqueue(batch) for batch in batches])
    return [n.pk for n in made]


def next_digest_time(now: datetime | None = None) -> datetime:
    """The next daily digest time (``TANDEM_DIGEST_HOUR``, local time) after ``now``."""
    now = timezone.localtime(now or timezone.now())
    at = timezone.make_aware(datetime.combine(now.date(), time(settings.TANDEM_DIGEST_HOUR)))
    return at if at > now else at + timedelta(days=1)


def _schedule_digests(user_ids: list[int]) -> None:
    """A person's digest is scheduled once (a ``PendingDigest`` row until it is sent); one task at
    the digest time then sends every digest that is due, however many people are waiting."""
    from tandem.core.scheduling import enqueue_at

    from ..tasks_notifications import send_due_digests

    waiting = set(PendingDigest.objects.filter(user_id__in=user_ids).values_list("user_id", flat=True))
    due = next_digest_time()
    new = sorted(set(user_ids) - waiting)
    if not new:
        return
    PendingDigest.objects.bulk_create(
        [PendingDigest(user_id=uid, due_at=due) for uid in new], ignore_conflicts=True, batch_size=1000
    )
    transaction.on_commit(lambda: enqueue_at(send_due_digests, due))


# --- the person's own actions ------------------------------------------------------------------


def mark_read(*, actor: User, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the actor's own notifications read (all of them with ``None``). Returns how many."""
    mine = Notification.objects.filter(recipient=actor, read_at__isnull=True)
    if notification_ids is not None:
        mine = mine.filter(pk__in=list(notification_ids))
    return mine.update(read_at=timezone.now())


def set_preferences(*, actor: User, choices: dict[str, str]) -> None:
    """Save the actor's delivery choice per kind. Mandatory kinds cannot be changed."""
    for code, delivery in choices.items():
        spec = KINDS.get(code)
        if spec is None:
            raise ValidationError(f"Unknown kind of notification: {code}.")
        if delivery not in Delivery.values:
            raise ValidationError(f"Choose how to get “{spec.label}”.")
        if spec.mandatory and delivery != Delivery.INSTANT:
            raise ValidationError(f"“{spec.label}” is always emailed straight away, for children's safety.")
    with transaction.atomic():
        for code, delivery in choices.items():
            NotificationPreference.objects.update_or_create(user=actor, kind=code, defaults={"delivery": delivery})
        audit.record("comms.notification_preferences.changed", actor, obj=actor)
