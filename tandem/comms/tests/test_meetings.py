"""Meetings at times that suit (R33), key person meetings with shared notes (R34), home visits (R35)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem.comms.models import Notification
from tandem.comms.models.meetings import Meeting, MeetingAvailability, MeetingOption, MeetingRound
from tandem.comms.models.translations import Translation
from tandem.comms.selectors.translations import fields_hash, original_fields
from tandem.comms.services import meetings as services
from tandem.comms.tasks_meetings import remind_meeting
from tandem.conftest import login
from tandem.core.models import AuditEvent
from tandem.factories import AdultFactory, ChildAdultFactory, ChildFactory, UserFactory
from tandem.people.panels import links_for

pytestmark = pytest.mark.django_db
Status = Meeting.Status


def soon(days: int, hour: int = 15, minute: int = 30) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def field(at: dt.datetime) -> str:
    return timezone.localtime(at).strftime("%Y-%m-%dT%H:%M")


def told(kind: str = "comms.meeting") -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for uid, title in Notification.objects.filter(kind=kind).values_list("recipient_id", "title"):
        found.setdefault(uid, []).append(title)
    return found


def client_for(user: Any) -> Client:
    """A client of one's own for this person (several people act in turn in one test)."""
    return login(Client(), user)


def queries(client: Client, url: str) -> tuple[int, str]:
    """How many queries a page takes, and its HTML."""
    with CaptureQueriesContext(connection) as captured:
        html = page(client.get(url))
    return len(captured), html


def page(response: Any) -> str:
    return response.content.decode()


def arrange(world: Any, *, mode: str = "ask", child: Any = None, actor: Any = None, **extra: Any) -> Meeting:
    data = {
        "kind": "key_person",
        "title": "Amelia's progress",
        "mode": mode,
        "duration_minutes": 20,
        "venue": "The quiet room",
        "venue_access_notes": "Step-free by the side gate.",
        "staff": [world.key_person_a],
        "times": [soon(3), soon(4, 8, 45), soon(5, 17, 30)],
    } | extra
    return services.arrange_meeting(actor=actor or world.key_person_a, child=child or world.child_a, data=data)


def first_option(meeting: Meeting) -> MeetingOption:
    return meeting.options.order_by("starts_at", "pk")[0]


def iso(meeting: Meeting) -> str:
    assert meeting.starts_at is not None
    return meeting.starts_at.isoformat()


def past(meeting: Meeting, days: int = 2) -> Meeting:
    """Put a meeting's fixed time in the past (as if it happened)."""
    option = MeetingOption.objects.create(meeting=meeting, starts_at=timezone.now() - dt.timedelta(days=days))
    Meeting.objects.filter(pk=meeting.pk).update(status=Status.FIXED, slot=option, starts_at=option.starts_at)
    meeting.refresh_from_db()
    return meeting


# --- access -------------------------------------------------------------------------------------


def test_who_sees_a_childs_meetings(world: Any) -> None:
    meeting = world.meeting_a
    detail = reverse("comms:meeting", args=[meeting.pk])
    listing = reverse("comms:meetings_child", args=[world.child_a.pk])
    for persona in ("parent_a", "key_person_a", "manager", "senco"):
        client = client_for(world[persona])
        assert client.get(detail).status_code == 200, persona
        assert "Amelia&#x27;s key person meeting" in page(client.get(listing)), persona
    # the restricted parent, another family, a room practitioner, a volunteer, another provider: 404
    for persona in ("restricted_parent", "parent_b_no_pr", "room_practitioner", "volunteer", "other_manager"):
        client = client_for(world[persona])
        assert client.get(detail).status_code == 404, persona
        assert client.get(listing).status_code == 404, persona
    # staff named as attending may read the meeting, but not change it
    client = client_for(world.room_practitioner)
    html = page(client.get(reverse("comms:meeting", args=[world.meeting_b.pk])))
    assert "Barnaby&#x27;s review" in html and "Back to" not in html and "Change the details" not in html
    assert client.post(reverse("comms:meeting_cancel", args=[world.meeting_b.pk]), {"reason": "x"}).status_code == 404
    # a family member may not fix; staff may not answer for the family
    option = meeting.options.first()
    assert (
        client_for(world.parent_a)
        .post(reverse("comms:meeting_fix", args=[meeting.pk]), {"option": option.pk})
        .status_code
        == 404
    )
    answer = reverse("comms:meeting_answer", args=[meeting.pk])
    assert client_for(world.key_person_a).post(answer, {"suits": [option.pk]}).status_code == 404
    # the child link: for the family and the key person, never the restricted parent
    assert "Meetings" in [x["label"] for x in links_for(world.parent_a, world.child_a)]
    assert "Meetings" not in [x["label"] for x in links_for(world.restricted_parent, world.child_a)]
    # without parental responsibility a parent still takes part in their own child's meetings
    client = client_for(world.parent_b_no_pr)
    assert client.get(reverse("comms:meeting", args=[world.meeting_b.pk])).status_code == 200


def test_only_setting_staff_may_attend_and_a_home_visit_needs_two(world: Any) -> None:
    with pytest.raises(ValidationError) as error:
        arrange(world, staff=[world.key_person_a, world.other_manager])
    assert "work in this setting" in str(error.value)
    with pytest.raises(ValidationError) as error:
        arrange(world, staff=[world.volunteer])
    with pytest.raises(ValidationError) as error:
        arrange(world, kind="home_visit", staff=[world.key_person_a])
    assert "two members of staff" in str(error.value)
    with pytest.raises(ValidationError):
        arrange(world, times=[timezone.now() - dt.timedelta(hours=1)])
    with pytest.raises(ValidationError):
        arrange(world, times=[])
    with pytest.raises(ValidationError):
        arrange(world, interpreter_needed=True, interpreter_language="")
    with pytest.raises(Http404):  # the access layer refuses a practitioner who is not the key person
        arrange(world, actor=world.room_practitioner)


# --- asking which times suit, then fixing -----------------------------------------------------------


def test_ask_then_fix_from_the_familys_availability(world: Any, committed: Any) -> None:
    # a second unrestricted parent of A, and the interpreter prefilled from their record
    dad: Any = UserFactory(first_name="Dominic", last_name="Parentish")
    adult = AdultFactory(
        user=dad,
        setting=world.setting,
        first_name="Dominic",
        last_name="Parentish",
        interpreter_needed=True,
        home_languages="English, Polish",
    )
    ChildAdultFactory(child=world.child_a, adult=adult, parental_responsibility=True)
    staff = client_for(world.key_person_a)
    form = page(staff.get(reverse("comms:meeting_new", args=[world.child_a.pk])))
    assert 'value="Polish"' in form and "two members of staff" in form
    times = [soon(3), soon(4, 8, 45), soon(5, 17, 30)]
    post = {
        "kind": "key_person",
        "title": "Amelia's progress",
        "mode": "ask",
        "duration_minutes": 20,
        "venue": "The quiet room",
        "venue_access_notes": "Step-free by the side gate.",
        "interpreter_needed": "on",
        "interpreter_language": "Polish",
        "staff": [world.key_person_a.pk],
        "time_1": field(times[0]),
        "time_2": field(times[1]),
        "time_5": field(times[2]),
    }
    with committed():
        response = staff.post(reverse("comms:meeting_new", args=[world.child_a.pk]), post)
    assert response.status_code == 302
    meeting = Meeting.objects.get(title="Amelia's progress")
    assert (meeting.status, meeting.mode, meeting.interpreter_language) == (Status.ASKING, "ask", "Polish")
    assert meeting.options.count() == 3 and list(meeting.staff.all()) == [world.key_person_a]
    heard = told()
    assert set(heard) == {world.parent_a.pk, dad.pk}  # never the restricted parent, nor staff
    assert "which times suit you" in heard[world.parent_a.pk][0]
    assert any(world.parent_a.email in m.to for m in mail.outbox)

    with committed():  # audit rows are written after commit
        options = list(meeting.options.order_by("starts_at"))
        answer = reverse("comms:meeting_answer", args=[meeting.pk])
        mum = client_for(world.parent_a)
        assert "Which times suit you?" in page(mum.get(reverse("comms:meeting", args=[meeting.pk])))
        assert mum.post(answer, {}).status_code == 400  # nothing ticked and nothing said
        Notification.objects.all().delete()
        response = mum.post(answer, {"suits": [options[0].pk, options[2].pk], "note": "Any day after 3pm"})
        assert response.status_code == 302
        assert set(told()) == {world.key_person_a.pk}  # the organiser, attending and key person: one person
        client_for(dad).post(answer, {"suits": [options[2].pk]})
        assert MeetingAvailability.objects.filter(option__meeting=meeting, suits=True).count() == 3
        mum.post(answer, {"suits": [options[2].pk]})  # she changes her mind: one answer per time
        assert MeetingAvailability.objects.filter(option__meeting=meeting, user=world.parent_a).count() == 3

        html = page(staff.get(reverse("comms:meeting", args=[meeting.pk])))
        assert "2 of 2 family members who use Tandem answered" in html
        assert "Suits everyone" in html and "Penny Parentish: Any day after 3pm" in html
        Notification.objects.all().delete()
        response = staff.post(reverse("comms:meeting_fix", args=[meeting.pk]), {"option": options[2].pk})
        assert response.status_code == 302
        meeting.refresh_from_db()
        assert (meeting.status, meeting.slot_id, meeting.starts_at) == (
            Status.FIXED,
            options[2].pk,
            options[2].starts_at,
        )
        assert set(told()) == {world.parent_a.pk, dad.pk} and "Fixed" in told()[world.parent_a.pk][0]
        assert mum.post(answer, {"suits": [options[0].pk]}).status_code == 400  # too late to answer
        # moving it to a time the family suggested: they are told it changed
        Notification.objects.all().delete()
        staff.post(reverse("comms:meeting_fix", args=[meeting.pk]), {"starts_at": field(soon(6, 15, 0))})
        meeting.refresh_from_db()
        assert meeting.starts_at == soon(6, 15, 0) and meeting.options.count() == 4
        assert "New time" in told()[world.parent_a.pk][0]
    events = set(AuditEvent.objects.values_list("event", flat=True))
    assert {"comms.meeting.answered", "comms.meeting.fixed", "comms.meeting.moved"} <= events


def test_fixing_is_refused_politely_when_it_is_no_longer_possible(world: Any) -> None:
    meeting = world.meeting_a
    first, second = list(meeting.options.order_by("starts_at"))
    # two people fix it at once: the second is told, and changes nothing
    key_person, manager = client_for(world.key_person_a), client_for(world.manager)
    fix = reverse("comms:meeting_fix", args=[meeting.pk])
    assert 'name="seen" value="0"' in page(manager.get(reverse("comms:meeting", args=[meeting.pk])))
    assert key_person.post(fix, {"option": first.pk, "seen": 0}).status_code == 302
    response = manager.post(fix, {"option": second.pk, "seen": 0})
    assert response.status_code == 400 and "Someone has just fixed this meeting" in page(response)
    assert f'name="seen" value="{first.pk}"' in page(response)  # a second try moves it knowingly
    meeting.refresh_from_db()
    assert meeting.slot_id == first.pk
    assert manager.post(fix, {"option": second.pk, "seen": first.pk}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.slot_id == second.pk
    response = manager.post(fix, {"option": first_option(world.meeting_b).pk})
    assert response.status_code == 400  # not one of this meeting's times
    services.cancel_meeting(actor=world.manager, meeting=meeting, reason="Key person off sick.")
    response = manager.post(fix, {"option": first.pk})
    assert response.status_code == 400 and "held or cancelled" in page(response)


# --- offering times: the first one picked is booked ----------------------------------------------------


def test_offer_mode_the_family_books_at_once(world: Any) -> None:
    meeting = arrange(world, mode="offer")
    assert "please book a time" in told()[world.parent_a.pk][0]
    options = list(meeting.options.order_by("starts_at"))
    mum = client_for(world.parent_a)
    html = page(mum.get(reverse("comms:meeting", args=[meeting.pk])))
    assert "Book a time" in html and "Step-free by the side gate." in html
    # in the parent's own language, labelled, with the original one tap away
    world.adult_a.preferred_language = "Polish"
    world.adult_a.save()
    Translation.objects.create(
        content_type=ContentType.objects.get_for_model(Meeting),
        object_id=meeting.pk,
        language="pl",
        fields={"title": "Postępy Amelii", "venue_access_notes": "Wejście bez schodów."},
        source=Translation.Source.HUMAN,
        original_hash=fields_hash(original_fields(meeting)),
    )
    html = page(mum.get(reverse("comms:meeting", args=[meeting.pk])))
    assert '<h1 lang="pl" dir="ltr">Postępy Amelii</h1>' in html and "Wejście bez schodów." in html
    assert "Translated into Polish" in html
    assert "Amelia&#x27;s progress" in page(
        mum.get(reverse("comms:meetings_child", args=[world.child_a.pk]) + "?original=1")
    )
    Notification.objects.all().delete()
    response = mum.post(reverse("comms:meeting_pick", args=[meeting.pk]), {"option": options[1].pk})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Status.FIXED and meeting.starts_at == options[1].starts_at
    assert set(told()) == {world.parent_a.pk, world.key_person_a.pk}
    with pytest.raises(ValidationError) as error:
        services.pick_slot(actor=world.parent_a, meeting=meeting, option_id=options[0].pk)
    assert "already fixed" in str(error.value)
    # cannot come after all: ask for another time; staff are told
    Notification.objects.all().delete()
    response = mum.post(reverse("comms:meeting_another_time", args=[meeting.pk]), {"note": "Saturday morning?"})
    assert response.status_code == 302 and set(told()) == {world.key_person_a.pk}
    meeting.refresh_from_db()
    assert meeting.family_times_note == "Penny Parentish: Saturday morning?"


# --- parents' evening ------------------------------------------------------------------------------


def room_1_family(world: Any, first: str) -> tuple[Any, Any]:
    child = ChildFactory(setting=world.setting, room=world.room_1, first_name=first, key_person=world.room_practitioner)
    user: Any = UserFactory(first_name=f"{first}'s", last_name="Mum")
    adult = AdultFactory(user=user, setting=world.setting, preferred_language="Urdu", interpreter_needed=True)
    ChildAdultFactory(child=child, adult=adult, parental_responsibility=True)
    return child, user


def test_parents_evening_slots_are_booked_once(world: Any, committed: Any) -> None:
    child_c, parent_c = room_1_family(world, "Cora")
    child_d, parent_d = room_1_family(world, "Dylan")
    ChildFactory(setting=world.setting, room=world.room_1, leaving_date=timezone.localdate() - dt.timedelta(days=9))
    new = reverse("comms:meeting_round_new", args=[world.setting.pk])
    day = timezone.localdate() + dt.timedelta(days=10)
    post = {
        "room": world.room_1.pk,
        "title": "Acorn spring evening",
        "date": day.isoformat(),
        "start_time": "16:00",
        "slot_minutes": 15,
        "slot_count": 2,
        "venue": "Acorn room",
        "venue_access_notes": "Step-free.",
    }
    manager = client_for(world.manager)
    response = manager.post(new, post)
    assert response.status_code == 400 and "offer at least 3 slots" in page(response)  # 3 current children
    assert client_for(world.key_person_a).get(new).status_code == 404
    with committed():
        response = manager.post(new, post | {"slot_count": 4})
    meeting_round = MeetingRound.objects.get(title="Acorn spring evening")
    assert response.status_code == 302
    timetable = reverse("comms:meeting_round", args=[meeting_round.pk])
    empty_timetable = queries(client_for(world.room_practitioner), timetable)[0]
    slots = list(meeting_round.slots.order_by("starts_at"))
    assert [timezone.localtime(s.starts_at).strftime("%H:%M") for s in slots] == ["16:00", "16:15", "16:30", "16:45"]
    meetings = {m.child_id: m for m in meeting_round.meetings.all()}
    assert set(meetings) == {world.child_a.pk, child_c.pk, child_d.pk}
    assert all(m.mode == "offer" and m.duration_minutes == 15 for m in meetings.values())
    assert list(meetings[child_c.pk].staff.all()) == [world.room_practitioner]
    assert (meetings[child_c.pk].interpreter_needed, meetings[child_c.pk].interpreter_language) == (True, "Urdu")
    assert set(told()) == {world.parent_a.pk, parent_c.pk, parent_d.pk}  # told in the background

    # Cora's family books 16:15; Dylan's family no longer sees it, and cannot have it
    meeting_c, meeting_d = meetings[child_c.pk], meetings[child_d.pk]
    assert (
        client_for(parent_c)
        .post(reverse("comms:meeting_pick", args=[meeting_c.pk]), {"option": slots[1].pk})
        .status_code
        == 302
    )
    assert client_for(parent_d).get(reverse("comms:meeting_pick", args=[meeting_d.pk])).status_code == 405
    html = page(client_for(parent_d).get(reverse("comms:meeting", args=[meeting_d.pk])))
    assert "16:00" in html and "16:15" not in html
    response = client_for(parent_d).post(reverse("comms:meeting_pick", args=[meeting_d.pk]), {"option": slots[1].pk})
    assert response.status_code == 400 and "no longer free" in page(response)
    # the database refuses a second booking of the same slot, and the service says so plainly
    with pytest.raises(ValidationError) as error:
        services.pick_slot(actor=parent_d, meeting=meeting_d, option_id=slots[1].pk)
    assert services.TAKEN in str(error.value)
    meeting_d.refresh_from_db()
    assert meeting_d.status == Status.ASKING and meeting_d.slot_id is None
    # a family may move to another free slot, which frees theirs; another setting's slot is refused
    services.pick_slot(actor=parent_c, meeting=meeting_c, option_id=slots[3].pk)
    services.pick_slot(actor=parent_d, meeting=meeting_d, option_id=slots[1].pk)
    with pytest.raises(ValidationError):
        services.pick_slot(actor=parent_d, meeting=meeting_d, option_id=world.meeting_a.options.first().pk)
    # staff book for a family who phoned; cancelling frees the slot
    services.fix_meeting(actor=world.manager, meeting=meetings[world.child_a.pk], option_id=slots[0].pk)
    services.cancel_meeting(actor=world.manager, meeting=meeting_c, reason="Moved away.")
    assert not Meeting.objects.filter(slot=slots[3]).exists()

    practitioner = client_for(world.room_practitioner)
    count, html = queries(practitioner, timetable)
    assert count == empty_timetable  # the same however many slots are booked
    assert "Amelia Ashcombe" in html and "Dylan" in html and "2 of 4 slots booked" in html
    assert client_for(world.volunteer).get(timetable).status_code == 404
    assert client_for(parent_c).get(timetable).status_code == 404


# --- after the meeting ------------------------------------------------------------------------------


def test_notes_are_seen_by_the_family_only_once_shared(world: Any, committed: Any) -> None:
    meeting = arrange(world)
    services.fix_meeting(actor=world.key_person_a, meeting=meeting, option_id=first_option(meeting).pk)
    with pytest.raises(ValidationError):  # it has not happened yet
        services.record_notes(actor=world.key_person_a, meeting=meeting, notes="Too early.")
    with committed():  # audit rows are written after commit
        past(meeting)
        staff = client_for(world.key_person_a)
        notes = reverse("comms:meeting_notes", args=[meeting.pk])
        detail = reverse("comms:meeting", args=[meeting.pk])
        Notification.objects.all().delete()
        assert staff.post(notes, {"notes": "Agreed: **more mark-making** at home."}).status_code == 302
        meeting.refresh_from_db()
        assert meeting.status == Status.HELD and meeting.notes_shared_at is None
        mum = client_for(world.parent_a)
        html = page(mum.get(detail))
        assert "mark-making" not in html and "will be shared with you here" in html
        assert not told() and "Not shared with the family yet" in page(staff.get(detail))
        assert mum.post(reverse("comms:meeting_reply", args=[meeting.pk]), {"reply": "Hi"}).status_code == 400
        staff.post(notes, {"notes": "Agreed: **more mark-making** at home.", "share": "on"})
        meeting.refresh_from_db()
        assert meeting.notes_shared_at is not None and set(told()) == {world.parent_a.pk}
        html = page(mum.get(detail))
        assert "<strong>more mark-making</strong>" in html
        Notification.objects.all().delete()
        assert mum.post(reverse("comms:meeting_reply", args=[meeting.pk]), {"reply": "We will try!"}).status_code == 302
        meeting.refresh_from_db()
        assert meeting.family_reply == "Penny Parentish: We will try!" and set(told()) == {world.key_person_a.pk}
        assert "We will try!" in page(staff.get(detail))
        assert client_for(world.restricted_parent).get(detail).status_code == 404
    events = set(AuditEvent.objects.values_list("event", flat=True))
    assert {"comms.meeting.held", "comms.meeting.notes_shared", "comms.meeting.family_replied"} <= events


# --- home visits ------------------------------------------------------------------------------------


def test_home_visit_requested_arranged_and_recorded(world: Any) -> None:
    family = client_for(world.parent_b_no_pr)  # no parental responsibility: still may ask
    ask = reverse("comms:meeting_request", args=[world.child_b.pk])
    assert "two members of staff" in page(family.get(ask + "?kind=home_visit"))
    assert family.post(ask, {"kind": "home_visit", "reason": "", "times": ""}).status_code == 400
    response = family.post(ask, {"kind": "home_visit", "reason": "Barnaby is anxious.", "times": "Mornings"})
    visit = Meeting.objects.get(child=world.child_b, kind="home_visit")
    assert response.status_code == 302 and visit.status == Status.REQUESTED
    assert set(told()) == {world.manager.pk, world.deputy.pk}  # B has no key person: the managers hear
    assert (
        client_for(world.restricted_parent)
        .post(reverse("comms:meeting_request", args=[world.child_a.pk]), {})
        .status_code
        == 404
    )

    manager = client_for(world.manager)
    overview = page(manager.get(reverse("comms:meetings_overview", args=[world.setting.pk]) + "?show=requested"))
    assert "Home visit for Barnaby" in overview
    arrange_url = reverse("comms:meeting_arrange", args=[visit.pk])
    html = page(manager.get(arrange_url))
    assert "Barnaby is anxious." in html and "two members of staff" in html
    post = {
        "kind": "home_visit",
        "title": "Home visit for Barnaby",
        "mode": "offer",
        "duration_minutes": 60,
        "venue": "",
        "staff": [world.manager.pk],
        "time_1": field(soon(4, 10, 0)),
    }
    response = manager.post(arrange_url, post)
    assert response.status_code == 400 and "lone-working safety" in page(response)
    Notification.objects.all().delete()
    response = manager.post(arrange_url, post | {"staff": [world.manager.pk, world.room_practitioner.pk]})
    assert response.status_code == 302
    visit.refresh_from_db()
    assert (visit.status, visit.venue, visit.organiser_id) == (Status.ASKING, "The family's home", world.manager.pk)
    assert set(told()) == {world.parent_b_no_pr.pk}
    services.pick_slot(actor=world.parent_b_no_pr, meeting=visit, option_id=visit.options.get().pk)
    past(visit)
    services.record_notes(actor=world.manager, meeting=visit, notes="Saw his bedroom; agreed a comforter.", share=True)
    visit.refresh_from_db()
    assert visit.status == Status.HELD and visit.notes_shared_at
    # a request declined, with the reason told to the family
    other = services.request_meeting(
        actor=world.parent_b_no_pr, child=world.child_b, kind="key_person", reason="Speech", times="Any"
    )
    Notification.objects.all().delete()
    response = manager.post(
        reverse("comms:meeting_decline", args=[other.pk]), {"reason": "Please see the SENCO on Friday."}
    )
    other.refresh_from_db()
    assert response.status_code == 302 and other.status == Status.CANCELLED
    assert set(told()) == {world.parent_b_no_pr.pk}
    assert "Declined" in page(family.get(reverse("comms:meeting", args=[other.pk])))


# --- changing, cancelling, reminders --------------------------------------------------------------------


def test_change_cancel_and_reminder(world: Any) -> None:
    meeting = arrange(world, mode="offer")
    services.pick_slot(actor=world.parent_a, meeting=meeting, option_id=first_option(meeting).pk)
    meeting.refresh_from_db()
    Notification.objects.all().delete()
    edit = reverse("comms:meeting_edit", args=[meeting.pk])
    staff = client_for(world.key_person_a)
    assert staff.get(edit).status_code == 200
    data = {
        "title": meeting.title,
        "duration_minutes": 20,
        "venue": "The garden room",
        "staff": [world.key_person_a.pk],
    }
    assert staff.post(edit, data).status_code == 302
    assert "A change" in told()[world.parent_a.pk][0]
    # the reminder runs only when it is due, and only for the time it was set for
    assert remind_meeting.call(meeting.pk, iso(meeting)) == 0  # more than a day away
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() + dt.timedelta(hours=20))
    meeting.refresh_from_db()
    assert remind_meeting.call(meeting.pk, "2001-01-01T00:00:00+00:00") == 0
    assert remind_meeting.call(meeting.pk, iso(meeting)) == 1
    Notification.objects.all().delete()
    response = staff.post(reverse("comms:meeting_cancel", args=[meeting.pk]), {"reason": "I am on a course."})
    meeting.refresh_from_db()
    assert response.status_code == 302 and meeting.status == Status.CANCELLED and meeting.slot_id is None
    assert set(told()) == {world.parent_a.pk} and "Cancelled" in told()[world.parent_a.pk][0]
    assert remind_meeting.call(meeting.pk, iso(meeting)) == 0


# --- the setting's overview ---------------------------------------------------------------------------


def test_overview_sections_and_bounded_queries(world: Any, settings: Any) -> None:
    settings.TANDEM_PAGE_SIZE = 5
    url = reverse("comms:meetings_overview", args=[world.setting.pk])
    manager = client_for(world.manager)
    MeetingAvailability.objects.create(option=first_option(world.meeting_a), user=world.parent_a, suits=True)

    def more(start: int, stop: int) -> None:
        for n in range(start, stop):
            child = ChildFactory(setting=world.setting, room=world.room_2, first_name=f"Kid{n}")
            m = arrange(world, child=child, actor=world.manager, staff=[world.manager], title=f"Meeting {n}")
            if n % 3 == 0:
                past(m)
            elif n % 3 == 1:
                services.fix_meeting(actor=world.manager, meeting=m, option_id=first_option(m).pk)

    sections = ("", "?show=requested", "?show=asking", "?show=upcoming", "?show=notes", "?show=asking&kind=review")
    more(0, 3)
    few = [queries(manager, url + query)[0] for query in sections]
    more(3, 30)
    many = [queries(manager, url + query)[0] for query in sections]
    assert many == few  # the same number of queries however many meetings
    html = queries(manager, url + "?show=asking")[1]
    assert "1 of 1 answered" in html and "Amelia&#x27;s key person meeting" in html
    assert ">Meeting 2<" in html and "Page 1 of 3" in html  # 12 finding a time, 5 a page
    assert ">Meeting 2<" not in queries(manager, url + "?show=asking&kind=review")[1]
    notes = queries(manager, url + "?show=notes")[1]  # the latest first
    assert ">Meeting 27<" in notes and "Notes to write" in notes and ">Meeting 28<" not in notes
    upcoming = queries(manager, url + "?show=upcoming&page=99")[1]  # a page too far: the last page
    assert "Page 2 of 2" in upcoming and ">Meeting 28<" in upcoming  # the latest fixed last
    assert client_for(world.key_person_a).get(url).status_code == 404
    assert client_for(world.other_manager).get(url).status_code == 404
