"""Demo notifications for Willowbrook.

Other features' demos tell people things through ``notify`` (an outing asking Emma for consent,
a message, a meeting), so the centre fills itself. Here: Emma Morgan (the main demo parent) has
chosen a daily digest for events and turned off email about meetings, so her email choices page
shows choices made; and she has one older notification, already read, so the centre shows read
and unread side by side. Idempotent: nothing is written twice.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tandem.core.models import Setting, User

from ..models.notifications import Notification, NotificationPreference
from ..services.notifications import KINDS

Delivery = NotificationPreference.Delivery
CHOICES = {"comms.event": Delivery.DIGEST, "comms.meeting": Delivery.OFF}
WELCOME = "Welcome to Tandem: your notifications are all here"


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import PARENT_EMAIL

    emma = User.objects.filter(email=PARENT_EMAIL).first()
    if emma is None:
        return
    for kind, delivery in CHOICES.items():
        if kind in KINDS and not KINDS[kind].mandatory:
            NotificationPreference.objects.get_or_create(user=emma, kind=kind, defaults={"delivery": delivery})
    if not Notification.objects.filter(recipient=emma, title=WELCOME).exists():
        when = timezone.now() - dt.timedelta(days=14)
        Notification.objects.create(
            recipient=emma,
            setting=setting,
            kind="comms.welcome",
            title=WELCOME,
            body="Tandem tells you here about messages, news, outings, events and meetings. "
            "Choose what is also emailed to you, and when, under “Choose what is emailed to you”.",
            url="/notifications/settings/",
            created_at=when,
            read_at=when + dt.timedelta(hours=2),
        )
