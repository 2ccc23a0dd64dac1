"""The calendar feed (R30): a secret address shown once (only its hash kept), valid RFC 5545 that
icalendar parses back, what it holds for a parent and for staff, what it never holds (another
family's events, outings and meetings; surnames; risk notes), and the one-event .ics download."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from typing import Any

import icalendar
from django.urls import reverse
from django.utils import timezone

from tandem.comms.models import CalendarFeed, Event, Meeting
from tandem.comms.services import events as services
from tandem.comms.services import outings as outing_services
from tandem.comms.tests.test_events import make, soon
from tandem.comms.tests.test_outings import plan

REQUIRED = ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "SEQUENCE", "STATUS")


def address(client: Any) -> str:
    html = client.post(reverse("comms:calendar"), {"action": "new"}).content.decode()
    found = re.search(r'value="(https?://[^"/]+/calendar/([^"/]+)\.ics)"', html)
    assert found, "the new address is shown"
    return found.group(1)


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def parse(body: bytes) -> tuple[icalendar.Calendar, dict[str, Any]]:
    calendar = icalendar.Calendar.from_ical(body)
    return calendar, {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def test_address_is_shown_once_hashed_replaced_and_stopped(world: Any, as_user: Any, client: Any) -> None:
    page = as_user(world.parent_a)
    assert "You do not have a calendar address yet" in page.get(reverse("comms:calendar")).content.decode()
    first = address(page)
    token = first.rsplit("/", 1)[1].removesuffix(".ics")
    feed = CalendarFeed.objects.get(user=world.parent_a)
    assert feed.token_hash == hashlib.sha256(token.encode()).hexdigest() and token not in feed.token_hash
    again = page.get(reverse("comms:calendar"))
    assert token not in again.content.decode() and "We cannot show it again" in again.content.decode()
    assert "no-store" in again["Cache-Control"]
    second = address(page)  # a new address: the old one stops working
    client.logout()
    assert client.get(path_of(first)).status_code == 404
    assert client.get(path_of(second)).status_code == 200
    feed.refresh_from_db()
    assert feed.last_used_at is not None
    page = as_user(world.parent_a)
    page.post(reverse("comms:calendar"), {"action": "stop"})
    client.logout()
    assert client.get(path_of(second)).status_code == 404 and not CalendarFeed.objects.exists()
    # strangers have no calendar page
    assert as_user(world.nobody).get(reverse("comms:calendar")).status_code == 403


def test_unknown_token_is_404_and_never_logged(world: Any, client: Any, caplog: Any) -> None:
    secret = "not-a-real-token-Zq81"
    with caplog.at_level(logging.DEBUG):
        response = client.get(reverse("comms:calendar_feed", args=[secret]))
    assert response.status_code == 404 and secret not in response.content.decode()
    assert not any(secret in record.getMessage() for record in caplog.records)


def test_the_feed_is_valid_and_holds_only_what_the_person_may_see(
    world: Any, as_user: Any, client: Any, settings: Any
) -> None:
    settings.TANDEM_SITE_URL = "https://tandem.example.org"
    world.child_a.preferred_name = "Millie"
    world.child_a.save()
    tricky = make(
        world,
        title="Fun day, games; songs",
        place="Hall A, 1 High St; back door",
        description="Line one\nLine two, with a comma; and a semicolon. " + "Long text " * 20,
    )
    closure = make(world, title="Closed for training", all_day=True, starts_at=soon(9, 0), ends_at=soon(10, 0))
    gone = make(world, title="Cancelled disco")
    services.cancel_event(actor=world.manager, event=gone)
    make(world, rooms=[world.room_2], audience=Event.Audience.ROOMS, title="Bluebell picnic")  # B's family only
    make(world, publish=False, title="Secret draft")
    outing = plan(world)  # room 1: child A
    outing_services.announce(actor=world.manager, outing=outing)
    other_outing = plan(world, rooms=[world.room_2], title="Bluebell walk")
    outing_services.announce(actor=world.manager, outing=other_outing)
    starts = soon(5, 15)
    Meeting.objects.create(
        setting=world.setting,
        child=world.child_a,
        title="Amelia Ashcombe review",
        status=Meeting.Status.FIXED,
        starts_at=starts,
        duration_minutes=30,
        venue="Quiet room",
        organiser=world.key_person_a,
    )
    Meeting.objects.create(
        setting=world.setting,
        child=world.child_b,
        title="Barnaby meeting",
        status=Meeting.Status.FIXED,
        starts_at=starts,
        organiser=world.room_practitioner,
    )
    Meeting.objects.create(
        setting=world.setting, child=world.child_a, title="Not fixed yet", status=Meeting.Status.ASKING
    )
    url = path_of(address(as_user(world.parent_a)))
    client.logout()
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert "no-store" in response["Cache-Control"]
    body = response.content
    # folding: no content line is longer than 75 octets; lines end in CRLF
    assert all(len(line) <= 75 for line in body.split(b"\r\n")) and b"\r\n " in body
    raw = body.decode().replace("\r\n ", "")
    assert "SUMMARY:Fun day\\, games\\; songs" in raw
    assert "LOCATION:Hall A\\, 1 High St\\; back door" in raw and "Line one\\nLine two\\, with a comma\\;" in raw
    calendar, events = parse(body)
    assert calendar["VERSION"] == "2.0" and "Tandem" in str(calendar["PRODID"])
    assert set(events) == {
        "Fun day, games; songs",
        "Closed for training",
        "Cancelled disco",
        "Outing: Library visit (Millie)",
        "Key person meeting (Millie)",
    }
    for summary, event in events.items():
        for name in REQUIRED:
            assert name in event, (summary, name)
        assert re.fullmatch(r"(event|outing|meeting)-\d+@tandem\.example\.org", str(event["UID"])), event["UID"]
    fun = events["Fun day, games; songs"]
    assert fun.decoded("DTSTART") == tricky.starts_at and fun.decoded("DTSTART").utcoffset() == dt.timedelta(0)
    assert (
        str(fun["LOCATION"]) == "Hall A, 1 High St; back door"
        and str(fun["UID"]) == f"event-{tricky.pk}@tandem.example.org"
    )
    all_day = events["Closed for training"]
    assert all_day.decoded("DTSTART") == timezone.localtime(closure.starts_at).date()
    assert all_day.decoded("DTEND") == all_day.decoded("DTSTART") + dt.timedelta(
        days=2
    )  # two days; the end is exclusive
    cancelled = events["Cancelled disco"]
    assert str(cancelled["STATUS"]) == "CANCELLED" and int(str(cancelled["SEQUENCE"])) == 1
    trip = events["Outing: Library visit (Millie)"]
    assert (
        str(trip["LOCATION"]) == "Meadowbank Library, 1 High Street"
        and str(trip["UID"]) == f"outing-{outing.pk}@tandem.example.org"
    )
    meeting = events["Key person meeting (Millie)"]
    assert meeting.decoded("DTEND") - meeting.decoded("DTSTART") == dt.timedelta(minutes=30)
    text = body.decode()
    for never in ("Ashcombe", "RISK-NOTE", "Bluebell", "Barnaby", "Secret draft", "Not fixed", "Riverside"):
        assert never not in text, never
    # the UID is stable from one read to the next
    assert {str(e["UID"]) for e in parse(client.get(url).content)[1].values()} == {
        str(e["UID"]) for e in events.values()
    }


def test_staff_feed_and_another_family(
    world: Any, as_user: Any, client: Any, django_assert_max_num_queries: Any
) -> None:
    for i in range(6):
        make(world, title=f"Open morning {i}", starts_at=soon(i + 1), ends_at=soon(i + 1, 12))
        outing_services.announce(actor=world.manager, outing=plan(world, rooms=[world.room_2], title=f"Walk {i}"))
    Meeting.objects.create(
        setting=world.setting,
        child=world.child_b,
        title="Barnaby review",
        kind=Meeting.Kind.HOME_VISIT,
        status=Meeting.Status.FIXED,
        starts_at=soon(3, 16),
        venue="12 Secret Lane",
        organiser=world.room_practitioner,
    )
    staff_url = path_of(address(as_user(world.room_practitioner)))
    family_url = path_of(address(as_user(world.parent_b_no_pr)))
    client.logout()
    with django_assert_max_num_queries(8):
        staff = client.get(staff_url).content
    _, events = parse(staff)
    assert "Home visit (Barnaby)" in events and "12 Secret Lane" not in staff.decode()
    assert str(events["Home visit (Barnaby)"]["LOCATION"]) == "Home visit"
    assert not any(s.startswith("Outing:") for s in events)  # outings are in families' calendars
    _, family = parse(client.get(family_url).content)
    assert "Walk 5" not in family and "Outing: Walk 5 (Barnaby)" in family and "Home visit (Barnaby)" in family
    assert "Open morning 5" in family
    # parent A's calendar has none of B's family's
    a_url = path_of(address(as_user(world.parent_a)))
    client.logout()
    _, a_events = parse(client.get(a_url).content)
    assert not any("Barnaby" in s or "Walk" in s for s in a_events) and "Open morning 0" in a_events


def test_add_one_event_to_a_calendar(world: Any, as_user: Any) -> None:
    event = make(world, title="Sports day")
    room_2 = make(world, rooms=[world.room_2], audience=Event.Audience.ROOMS, title="Bluebell picnic")
    response = as_user(world.parent_a).get(reverse("comms:event_ics", args=[event.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    _, events = parse(response.content)
    assert list(events) == ["Sports day"] and int(str(events["Sports day"]["SEQUENCE"])) == 0
    assert as_user(world.parent_a).get(reverse("comms:event_ics", args=[room_2.pk])).status_code == 404
    assert as_user(world.other_manager).get(reverse("comms:event_ics", args=[event.pk])).status_code == 404
