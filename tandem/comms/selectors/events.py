"""Reading events and diary dates (R30), their replies, and each person's calendar feed.

Who sees an event is decided by the access layer (``actions.events``), in the database: a parent
or carer sees the published events addressed to their family (the whole setting, or a room one of
their children is in); staff of the setting see every published one; the manager, deputy and
administrator also see drafts. ``diary_for`` is what the notice board shows.

The calendar feed (RFC 5545) lists what the person may see: events, the announced outings of
their children (a parent or carer) and fixed meetings (of their children; or, for staff, those
they organise or attend). It carries as little personal data as it can: children by first name
only, no risk assessments, no notes, no home addresses.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Sum, Value, When
from django.urls import reverse
from django.utils import timezone

from tandem.core.access import permitted, rule_filter, setting_roles
from tandem.core.models import Setting
from tandem.people.rules import IsLinkedAdult

from ..actions.events import EVENT_VIEW
from ..actions.meetings import MEETING_VIEW
from ..languages import language_of
from ..models.events import Event, EventReply
from ..models.meetings import Meeting
from .translations import localise_many

FEED_PAST_DAYS = 60  # how far back the feed goes, so a phone keeps recent history
FEED_LIMIT = 500  # events of each kind in one feed, at most
PRODID = "-//Tandem//Tandem calendar//EN"


def _today_start() -> dt.datetime:
    return timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)


def visible_events(user: Any, queryset: QuerySet[Event] | None = None) -> QuerySet[Event]:
    """The events this person may see, without the duplicates a join could make."""
    seen = permitted(user, EVENT_VIEW, queryset if queryset is not None else Event.objects.all())
    return Event.objects.filter(pk__in=seen.values("pk"))


def upcoming(queryset: QuerySet[Event]) -> QuerySet[Event]:
    """Events that have not ended (an event with no end counts until the end of its day)."""
    today = _today_start()
    return queryset.filter(Q(starts_at__gte=today) | Q(ends_at__gte=today))


def diary_for(user: Any, setting: Any, *, limit: int = 5) -> list[Event]:
    """The next ``limit`` published, not cancelled events of the setting this person may see:
    staff of the setting see all; a parent those for the whole setting and for their children's rooms."""
    events = visible_events(user, Event.objects.filter(setting=setting))
    events = upcoming(events.filter(published_at__isnull=False, cancelled_at__isnull=True))
    return list(events.order_by("starts_at", "pk")[:limit])


def events_of_setting(user: Any, setting: Setting) -> QuerySet[Event]:
    """The setting's coming events this person may see, soonest first (drafts too, for those who
    may see them), with their rooms."""
    events = upcoming(visible_events(user, Event.objects.filter(setting=setting)))
    return events.prefetch_related("rooms").order_by("starts_at", "pk")


def reply_of(user: Any, event: Event) -> EventReply | None:
    return EventReply.objects.filter(event=event, user=user).first()


def replies_of(event: Event) -> QuerySet[EventReply]:
    """Every reply, going first, with who replied."""
    order = {EventReply.Answer.GOING: 0, EventReply.Answer.MAYBE: 1, EventReply.Answer.NOT_GOING: 2}
    rank = Case(*[When(answer=a, then=Value(n)) for a, n in order.items()], output_field=IntegerField())
    return (
        EventReply.objects.filter(event=event)
        .select_related("user")
        .order_by(rank, "user__first_name", "user__last_name", "pk")
    )


@dataclass(frozen=True)
class Totals:
    going: int = 0
    going_adults: int = 0
    going_children: int = 0
    maybe: int = 0
    maybe_adults: int = 0
    maybe_children: int = 0
    not_going: int = 0


def totals_of(event: Event) -> Totals:
    """How many replied each way, with the numbers of adults and children. One query."""
    rows = {
        r["answer"]: r
        for r in EventReply.objects.filter(event=event)
        .values("answer")
        .annotate(n=Count("pk"), adults=Sum("adults"), children=Sum("children"))
    }

    def get(answer: str, key: str) -> int:
        return int((rows.get(answer) or {}).get(key) or 0)

    return Totals(
        going=get("going", "n"),
        going_adults=get("going", "adults"),
        going_children=get("going", "children"),
        maybe=get("maybe", "n"),
        maybe_adults=get("maybe", "adults"),
        maybe_children=get("maybe", "children"),
        not_going=get("not_going", "n"),
    )


def places_taken(event: Event, *, excluding_user: Any = None) -> int:
    """Places taken by those going (capacity counts adults)."""
    replies = EventReply.objects.filter(event=event, answer=EventReply.Answer.GOING)
    if excluding_user is not None:
        replies = replies.exclude(user=excluding_user)
    return int(replies.aggregate(n=Sum("adults"))["n"] or 0)


def places_left(event: Event) -> int | None:
    if event.capacity is None:
        return None
    return max(0, event.capacity - places_taken(event))


def is_over(event: Event) -> bool:
    end = event.ends_at or event.starts_at
    if event.all_day:
        return timezone.localtime(end).date() < timezone.localdate()
    return end <= timezone.now()


# --- the calendar feed ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedItem:
    uid: str
    summary: str
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    all_day: bool = False
    location: str = ""
    description: str = ""
    sequence: int = 0
    cancelled: bool = False
    url: str = ""


def _host() -> str:
    return urlsplit(settings.TANDEM_SITE_URL).hostname or "tandem.invalid"


def _site(path: str) -> str:
    return settings.TANDEM_SITE_URL.rstrip("/") + path


def event_items(events: list[Event], language: str) -> list[FeedItem]:
    host = _host()
    items = []
    for loc in localise_many(events, language):
        event: Event = loc.item
        description = "\n\n".join(x for x in (loc.description, loc.access_notes) if x)
        items.append(
            FeedItem(
                uid=f"event-{event.pk}@{host}",
                summary=loc.title,
                starts_at=event.starts_at,
                ends_at=event.ends_at,
                all_day=event.all_day,
                location=loc.place,
                description=description,
                sequence=event.sequence,
                cancelled=event.cancelled_at is not None,
                url=_site(reverse("comms:event", args=[event.pk])),
            )
        )
    return items


def _outing_items(user: Any, since: dt.datetime, language: str) -> list[FeedItem]:
    from .outings import outings_for_feed

    found = outings_for_feed(user, since)[:FEED_LIMIT]
    host = _host()
    items = []
    for loc, (outing, children) in zip(localise_many([o for o, _ in found], language), found, strict=True):
        names = ", ".join(c.preferred_name or c.first_name for c in children)
        items.append(
            FeedItem(
                uid=f"outing-{outing.pk}@{host}",
                summary=f"Outing: {loc.title} ({names})",
                starts_at=outing.starts_at,
                ends_at=outing.ends_at,
                location=loc.place,
                description=f"{loc.purpose}\n\nGetting there: {loc.transport}",
                sequence=outing.sequence,
                cancelled=outing.cancelled_at is not None,
                url=_site(reverse("comms:child_outing", args=[children[0].pk, outing.pk])),
            )
        )
    return items


def _meeting_items(user: Any, since: dt.datetime) -> list[FeedItem]:
    children = IsLinkedAdult().child_ids(user)
    mine = Q(organiser=user) | Q(pk__in=Meeting.staff.through.objects.filter(user=user).values("meeting_id"))
    if children:
        mine |= Q(child_id__in=children)
    # Only those the person may read now, or organised while they still work in the setting:
    # an adult under a no-contact order, or staff who have left, get none.
    fixed = Meeting.objects.filter(mine, status=Meeting.Status.FIXED, starts_at__isnull=False, starts_at__gte=since)
    working = sorted({s for s, _, _ in setting_roles(user)})
    allowed = rule_filter(user, MEETING_VIEW) | Q(organiser=user, setting_id__in=working)
    meetings = fixed.filter(allowed).select_related("child").order_by("starts_at", "pk")[:FEED_LIMIT]
    host = _host()
    items = []
    for meeting in meetings:
        assert meeting.starts_at is not None
        home = meeting.kind == Meeting.Kind.HOME_VISIT
        items.append(
            FeedItem(
                uid=f"meeting-{meeting.pk}@{host}",
                summary=f"{meeting.get_kind_display()} ({meeting.child.preferred_name or meeting.child.first_name})",
                starts_at=meeting.starts_at,
                ends_at=meeting.starts_at + dt.timedelta(minutes=meeting.duration_minutes),
                location="Home visit" if home else meeting.venue,
            )
        )
    return items


def feed_items(user: Any) -> list[FeedItem]:
    """Everything for the person's calendar, from two months ago on. A fixed number of queries."""
    since = timezone.now() - dt.timedelta(days=FEED_PAST_DAYS)
    language = language_of(user)
    events = visible_events(user, Event.objects.filter(published_at__isnull=False))
    events = events.filter(Q(starts_at__gte=since) | Q(ends_at__gte=since)).order_by("starts_at", "pk")
    items = event_items(list(events[:FEED_LIMIT]), language)
    items += _outing_items(user, since, language)
    items += _meeting_items(user, since)
    return sorted(items, key=lambda i: (i.starts_at, i.uid))


def _vevent(item: FeedItem, stamp: dt.datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    if item.all_day:
        first = timezone.localtime(item.starts_at).date()
        last = timezone.localtime(item.ends_at).date() if item.ends_at else first
        event.add("dtstart", first)
        event.add("dtend", max(last, first) + dt.timedelta(days=1))  # DTEND of a DATE is exclusive
    else:
        event.add("dtstart", item.starts_at.astimezone(dt.UTC))
        end = item.ends_at if item.ends_at and item.ends_at > item.starts_at else None
        event.add("dtend", (end or item.starts_at + dt.timedelta(hours=1)).astimezone(dt.UTC))
    event.add("summary", item.summary)
    if item.location:
        event.add("location", item.location)
    if item.description:
        event.add("description", item.description)
    if item.url:
        event.add("url", item.url)
    event.add("sequence", item.sequence)
    event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if item.all_day else "OPAQUE")
    return event


def to_ics(items: list[FeedItem], *, name: str = "Tandem") -> bytes:
    """A VCALENDAR of these items (RFC 5545): times in UTC, all-day items as dates."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", dt.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    for item in items:
        calendar.add_component(_vevent(item, stamp))
    return calendar.to_ical()
