"""Background work of events (R30): telling those who replied going or maybe that an event has
changed or been cancelled, in their language. Ids only."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from tandem.core.models import SettingMembership
from tandem.people.models import ChildAdult

from .languages import languages_of_users
from .models.events import Event, EventReply
from .selectors.translations import localise
from .services.notifications import notify

EVENT_KIND = "comms.event"
TITLES = {"changed": "Event changed: {title}", "cancelled": "Event cancelled: {title}"}


def _may_still_see(event: Event) -> Q:
    """Those who may see the event now (as ``EVENT_VIEW``): its staff, and the parents and carers
    it is for whom no restriction keeps from information (one restricted since replying is not told)."""
    links = ChildAdult.objects.filter(no_information=False, child__setting_id=event.setting_id)
    if event.audience == Event.Audience.ROOMS:
        links = links.filter(child__room_id__in=event.rooms.values("pk"))
    staff = SettingMembership.objects.filter(setting_id=event.setting_id, active=True)
    return Q(user_id__in=links.values("adult__user_id")) | Q(user_id__in=staff.values("user_id"))


def _tell(event: Event, what: str) -> int:
    user_ids = list(
        EventReply.objects.filter(
            _may_still_see(event),
            event=event,
            answer__in=[EventReply.Answer.GOING, EventReply.Answer.MAYBE],
            user__is_active=True,
        ).values_list("user_id", flat=True)
    )
    if not user_ids:
        return 0
    by_language: dict[str, list[int]] = defaultdict(list)
    for user_id, language in languages_of_users(user_ids).items():
        by_language[language].append(user_id)
    made = 0
    for language, ids in sorted(by_language.items()):
        loc = localise(event, language)
        made += len(
            notify(
                kind=EVENT_KIND,
                user_ids=ids,
                title=TITLES[what].format(title=loc.title),
                body=render_to_string("comms/events/email/event.txt", {"event": event, "loc": loc, "what": what}),
                url=reverse("comms:event", args=[event.pk]),
                setting_id=event.setting_id,
            )
        )
    return made


@task()
def event_changed(event_id: int) -> int:
    event = Event.objects.select_related("setting").filter(pk=event_id, published_at__isnull=False).first()
    if event is None or event.cancelled_at:
        return 0
    return _tell(event, "changed")


@task()
def event_cancelled(event_id: int) -> int:
    event = Event.objects.select_related("setting").filter(pk=event_id, published_at__isnull=False).first()
    if event is None or not event.cancelled_at:
        return 0
    return _tell(event, "cancelled")
