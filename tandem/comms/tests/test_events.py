"""Events and diary dates (R30): who sees which event, replies with numbers and places, changes
that bump the sequence and tell those who replied, the staff pages, and lists whose query count
does not grow."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from tandem.comms.models import Event, EventReply, Notification
from tandem.comms.selectors import events as selectors
from tandem.comms.services import events as services
from tandem.comms.tasks_events import EVENT_KIND
from tandem.core.models import AuditEvent


def soon(days: int = 7, hour: int = 10) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def data(**extra: Any) -> dict[str, Any]:
    return {
        "kind": Event.Kind.SOCIAL,
        "title": "Stay and play",
        "description": "Crafts and songs.",
        "starts_at": soon(),
        "ends_at": soon() + dt.timedelta(hours=2),
        "all_day": False,
        "place": "The garden room",
        "access_notes": "Step-free",
        "audience": Event.Audience.SETTING,
        "replies_wanted": True,
        "capacity": None,
        **extra,
    }


def make(world: Any, rooms: list[Any] | None = None, publish: bool = True, **extra: Any) -> Event:
    return services.create_event(
        actor=world.manager, setting=world.setting, data=data(**extra), rooms=rooms or [], publish=publish
    )


def test_who_sees_which_event(world: Any, as_user: Any) -> None:
    everyone = make(world, title="Open morning")
    room_2 = make(world, rooms=[world.room_2], audience=Event.Audience.ROOMS, title="Bluebell picnic")
    draft = make(world, publish=False, title="Sports day")
    closed = make(world, title="Cancelled disco")
    services.cancel_event(actor=world.manager, event=closed)

    def diary(user: Any) -> list[str]:
        return [e.title for e in selectors.diary_for(user, world.setting)]

    assert diary(world.parent_a) == ["Open morning"]  # A's family is in room 1
    assert diary(world.parent_b_no_pr) == ["Open morning", "Bluebell picnic"]
    assert diary(world.restricted_parent) == [] and diary(world.nobody) == [] and diary(world.other_manager) == []
    assert diary(world.volunteer) == ["Open morning", "Bluebell picnic"]  # staff: every published one
    assert diary(world.manager) == ["Open morning", "Bluebell picnic"]  # drafts and cancelled ones are not in the diary
    page = as_user(world.parent_a).get(reverse("comms:events", args=[world.setting.pk])).content.decode()
    assert "Open morning" in page and "Bluebell picnic" not in page and "Sports day" not in page
    assert "Summer picnic" not in page  # the world's event is over
    manager_page = as_user(world.manager).get(reverse("comms:events", args=[world.setting.pk])).content.decode()
    assert "Sports day" in manager_page and "Draft" in manager_page and "Add an event" in manager_page
    # one event: its families and staff only; a draft for the event staff only
    client = as_user(world.parent_a)
    assert client.get(reverse("comms:event", args=[everyone.pk])).status_code == 200
    for event in (room_2, draft):
        assert client.get(reverse("comms:event", args=[event.pk])).status_code == 404
    assert as_user(world.other_manager).get(reverse("comms:event", args=[everyone.pk])).status_code == 404
    assert as_user(world.restricted_parent).get(reverse("comms:events", args=[world.setting.pk])).status_code == 404
    assert as_user(world.room_practitioner).get(reverse("comms:event", args=[draft.pk])).status_code == 404
    assert as_user(world.administrator).get(reverse("comms:event", args=[draft.pk])).status_code == 200


def test_replies_numbers_and_capacity(world: Any, as_user: Any, committed: Any) -> None:
    event = make(world, capacity=3)
    with committed():
        services.reply(actor=world.parent_a, event=event, answer="going", adults=2, children=1, note="Buggy")
    assert AuditEvent.objects.filter(event="comms.event.replied", actor_id=world.parent_a.pk).count() == 1
    with pytest.raises(ValidationError, match="only 1 place left"):
        services.reply(actor=world.parent_b_no_pr, event=event, answer="going", adults=2)
    services.reply(actor=world.parent_b_no_pr, event=event, answer="going", adults=1, note="Polish interpreter")
    assert selectors.places_left(event) == 0
    # a full event: a clear error on the form, and "maybe" is still possible
    client = as_user(world.parent_b_no_pr)
    url = reverse("comms:event_reply", args=[event.pk])
    full = client.post(url, {"answer": "going", "adults": 2, "children": 0})
    assert full.status_code == 400 and "only 1 place left" in full.content.decode()
    EventReply.objects.filter(user=world.parent_b_no_pr).delete()
    services.reply(actor=world.parent_a, event=event, answer="going", adults=3, children=0)  # own places count
    full = client.post(url, {"answer": "going", "adults": 1, "children": 0})
    assert full.status_code == 400 and "Sorry, the event is full." in full.content.decode()
    assert client.post(url, {"answer": "maybe", "adults": 1, "children": 2}).status_code == 302
    # changing one's reply changes the one row
    services.reply(actor=world.parent_a, event=event, answer="not_going")
    mine = EventReply.objects.get(event=event, user=world.parent_a)
    assert mine.answer == "not_going" and mine.adults == 0 and EventReply.objects.filter(event=event).count() == 2
    totals = selectors.totals_of(event)
    assert (totals.going, totals.maybe, totals.maybe_children, totals.not_going) == (0, 1, 2, 1)
    with pytest.raises(ValidationError, match="how many"):
        services.reply(actor=world.parent_a, event=event, answer="going", adults=0, children=0)
    # staff do not reply; nor does another provider; a restricted parent is refused
    for stranger in (world.manager, world.other_manager, world.restricted_parent):
        with pytest.raises(Http404):
            services.reply(actor=stranger, event=event, answer="going")
    # staff see the replies and notes; a parent does not
    replies = as_user(world.manager).get(reverse("comms:event_replies", args=[event.pk])).content.decode()
    assert "Stefan Stepfordson" in replies and "Maybe" in replies and "Not going" in replies
    assert as_user(world.parent_a).get(reverse("comms:event_replies", args=[event.pk])).status_code == 404
    no_replies = make(world, replies_wanted=False, title="Closure")
    with pytest.raises(ValidationError, match="does not ask"):
        services.reply(actor=world.parent_a, event=no_replies, answer="going")
    Event.objects.filter(pk=event.pk).update(starts_at=soon(-3), ends_at=soon(-3))
    with pytest.raises(ValidationError, match="over"):
        services.reply(actor=world.parent_a, event=event, answer="maybe")


def test_changes_bump_the_sequence_and_tell_those_who_may_come(world: Any, committed: Any) -> None:
    event = make(world)
    services.reply(actor=world.parent_a, event=event, answer="going")
    services.reply(actor=world.parent_b_no_pr, event=event, answer="not_going")
    # a change to the description: calendars update, nobody is emailed
    with committed():
        event = services.update_event(actor=world.manager, event=event, data=data(description="More crafts"), rooms=[])
    assert event.sequence == 1 and not Notification.objects.filter(kind=EVENT_KIND).exists()
    with committed():
        event = services.update_event(
            actor=world.manager, event=event, data=data(starts_at=soon(8), ends_at=soon(8, 12)), rooms=[]
        )
    sent = list(Notification.objects.filter(kind=EVENT_KIND))
    assert event.sequence == 2 and [n.recipient_id for n in sent] == [world.parent_a.pk]
    assert sent[0].title == "Event changed: Stay and play" and sent[0].url == reverse("comms:event", args=[event.pk])
    # saving without a change changes nothing
    same = services.update_event(
        actor=world.manager, event=event, data=data(starts_at=soon(8), ends_at=soon(8, 12)), rooms=[]
    )
    assert same.sequence == 2
    with committed():
        event = services.cancel_event(actor=world.manager, event=event)
    assert event.sequence == 3
    assert Notification.objects.filter(kind=EVENT_KIND, title="Event cancelled: Stay and play").count() == 1
    with pytest.raises(ValidationError):
        services.cancel_event(actor=world.manager, event=event)
    with pytest.raises(Http404):
        services.cancel_event(actor=world.room_practitioner, event=make(world))


def test_staff_write_events_on_pages(world: Any, as_user: Any) -> None:
    client = as_user(world.administrator)
    url = reverse("comms:event_new", args=[world.setting.pk])
    form = {
        "kind": "workshop",
        "title": "Helping your child's speech",
        "starts_at": soon().strftime("%Y-%m-%dT%H:%M"),
        "ends_at": soon(hour=12).strftime("%Y-%m-%dT%H:%M"),
        "audience": "rooms",
        "replies_wanted": "on",
        "capacity": "12",
    }
    bad = client.post(url, form)
    assert bad.status_code == 200 and "Choose at least one room" in bad.content.decode()
    done = client.post(url, {**form, "rooms": [world.room_1.pk], "publish": "1"})
    event = Event.objects.get(title="Helping your child's speech")
    assert done["Location"] == reverse("comms:event", args=[event.pk]) and event.published_at
    assert list(event.rooms.all()) == [world.room_1] and event.capacity == 12
    page = client.get(done["Location"]).content.decode()
    assert "Places left" in page and "12 of 12" in page and "Add to calendar" in page and "Change" in page
    edit = reverse("comms:event_edit", args=[event.pk])
    assert client.post(edit, {**form, "rooms": [world.room_1.pk], "title": "Speech at home"}).status_code == 302
    event.refresh_from_db()
    assert event.title == "Speech at home" and event.sequence == 1
    parent_page = as_user(world.parent_a).get(reverse("comms:event", args=[event.pk])).content.decode()
    assert "Send my reply" in parent_page and "See every reply" not in parent_page
    draft = make(world, publish=False)
    client = as_user(world.administrator)  # the one test client, signed in again
    assert client.post(reverse("comms:event_publish", args=[draft.pk])).status_code == 302
    draft.refresh_from_db()
    assert draft.published_at is not None
    for stranger in (world.room_practitioner, world.volunteer, world.parent_a):
        assert as_user(stranger).get(url).status_code == 404
        assert as_user(stranger).post(reverse("comms:event_cancel", args=[draft.pk])).status_code == 404


def test_events_page_does_not_grow_in_queries(world: Any, as_user: Any, django_assert_max_num_queries: Any) -> None:
    for i in range(30):
        make(world, title=f"Event {i}", starts_at=soon(i + 1), ends_at=soon(i + 1, 12))
    parent = as_user(world.parent_a)
    parent.get("/")
    with django_assert_max_num_queries(17):
        html = parent.get(reverse("comms:events", args=[world.setting.pk])).content.decode()
    assert "Event 0" in html and "Page 1 of 2" in html
