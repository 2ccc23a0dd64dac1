"""Background work of notifications: email straight away, and the daily digest. Ids only."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from .languages import language_of, languages_of_users
from .models.notifications import Notification, PendingDigest

logger = logging.getLogger("tandem.comms")
DIGEST_RETRY = timedelta(hours=1)  # a digest that could not be sent is tried again this much later


def _site(path: str) -> str:
    return settings.TANDEM_SITE_URL.rstrip("/") + path if path else ""


@task()
def email_notifications(notification_ids: list[int]) -> int:
    """Email each of these notifications that has not been emailed yet. Returns how many were sent.

    Over one SMTP connection; a message the server refuses is logged and left unsent (not marked),
    and those already sent are marked even if a later one fails, so a retry sends no duplicates."""
    rows = list(
        Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True)
        .select_related("recipient")
        .order_by("pk")
    )
    people = [n for n in rows if n.recipient.is_active and n.recipient.email]
    languages = languages_of_users({n.recipient_id for n in people})
    preferences = _site(reverse("comms:notification_preferences"))
    messages = []
    for n in people:
        body = render_to_string(
            "comms/notifications/email/one.txt",
            {"n": n, "link": _site(n.url), "preferences": preferences},
        )
        message = EmailMessage(subject=" ".join(n.title.split()), body=body, to=[n.recipient.email])
        message.extra_headers["Content-Language"] = languages[n.recipient_id]
        messages.append((n.pk, message))
    if not messages:
        return 0
    sent_ids: list[int] = []
    try:
        with get_connection() as connection:
            for pk, message in messages:
                try:
                    if connection.send_messages([message]):
                        sent_ids.append(pk)
                except Exception:  # one refused address must not stop the others
                    logger.exception("notification %s could not be emailed", pk)
    finally:
        Notification.objects.filter(pk__in=sent_ids).update(emailed_at=timezone.now())
    return len(sent_ids)


@task()
def send_due_digests() -> int:
    """Send every digest whose time has come (one task for all, each person's digest its own task).
    Returns how many digests were started."""
    due = list(PendingDigest.objects.filter(due_at__lte=timezone.now()).values_list("user_id", flat=True))
    for user_id in due:
        send_digest.enqueue(user_id)
    return len(due)


@task()
def send_digest(user_id: int) -> int:
    """One email with everything waiting for this person's digest. Does nothing before it is due
    (a backend that cannot defer may run it early). Returns the number of notifications in it."""
    with transaction.atomic():
        pending = PendingDigest.objects.select_for_update().filter(user_id=user_id).first()
        if pending is not None and pending.due_at > timezone.now():
            return 0
        rows = list(
            Notification.objects.select_for_update(of=("self",))
            .filter(recipient_id=user_id, in_digest=True)
            .select_related("recipient")
            .order_by("created_at", "pk")
        )
        PendingDigest.objects.filter(user_id=user_id).delete()
        if not rows:
            return 0
        Notification.objects.filter(pk__in=[n.pk for n in rows]).update(in_digest=False)
    person = rows[0].recipient
    unread = [n for n in rows if n.read_at is None]
    if not unread or not person.is_active or not person.email:
        return 0
    body = render_to_string(
        "comms/notifications/email/digest.txt",
        {
            "person": person,
            "items": [(n, _site(n.url)) for n in unread],
            "centre": _site(reverse("comms:notifications")),
            "preferences": _site(reverse("comms:notification_preferences")),
        },
    )
    subject = f"Tandem: {len(unread)} update{'s' if len(unread) != 1 else ''} today"
    message = EmailMessage(subject=subject, body=body, to=[person.email])
    message.extra_headers["Content-Language"] = language_of(person)
    try:
        message.send()
    except Exception:
        # Put them back in the next digest rather than lose them.
        logger.exception("digest for user %s could not be emailed; trying again later", user_id)
        _retry_digest(user_id, [n.pk for n in unread])
        return 0
    Notification.objects.filter(pk__in=[n.pk for n in unread]).update(emailed_at=timezone.now())
    return len(unread)


def _retry_digest(user_id: int, notification_ids: list[int]) -> None:
    from tandem.core.scheduling import enqueue_at

    due = timezone.now() + DIGEST_RETRY
    with transaction.atomic():
        Notification.objects.filter(pk__in=notification_ids).update(in_digest=True)
        _, created = PendingDigest.objects.get_or_create(user_id=user_id, defaults={"due_at": due})
        if created:
            transaction.on_commit(lambda: enqueue_at(send_digest, due, user_id))
