"""The register (R42): signing in, self-registration with the door code, absences, access, queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from tandem.attendance.models import Absence, Attendance, AttendanceSettings
from tandem.attendance.selectors import register as selectors
from tandem.attendance.services import register as services
from tandem.core.models import AuditEvent
from tandem.enrolment.models.registration import Registration, SessionChangeRequest
from tandem.factories import ChildFactory

DAY = selectors.DAY_CODES


def today_code(part: str) -> str:
    return f"{DAY[timezone.localdate().weekday()]}_{part}"


def give_sessions(child: Any, part: str) -> None:
    Registration.objects.update_or_create(
        child=child, defaults={"status": Registration.Status.REVIEWED, "sessions": [today_code(part)]}
    )


def code_for(world: Any) -> str:
    return services.door_code(actor=world.manager, setting=world.setting)


# --- sessions ---------------------------------------------------------------------------------


def test_sessions_today_in_bulk_mirror_sessions_of(world: Any) -> None:
    give_sessions(world.child_a, "am")
    give_sessions(world.child_b, "day")
    today = timezone.localdate()
    SessionChangeRequest.objects.create(
        child=world.child_b,
        sessions=[today_code("pm")],
        from_date=today - dt.timedelta(days=1),
        status=SessionChangeRequest.Status.APPROVED,
        decided_at=timezone.now(),
    )
    SessionChangeRequest.objects.create(
        child=world.child_a, sessions=[today_code("day")], from_date=today + dt.timedelta(days=3), status="approved"
    )
    found = selectors.sessions_today([world.child_a.pk, world.child_b.pk, world.other_child.pk])
    assert selectors.todays_part(found[world.child_a.pk], today) == "am"  # the change is still to come
    assert selectors.todays_part(found[world.child_b.pk], today) == "pm"  # the change is in force
    assert found[world.other_child.pk] == []


# --- signing in -------------------------------------------------------------------------------


def test_sign_in_sets_expected_end_from_sessions(world: Any) -> None:
    give_sessions(world.child_a, "am")
    record, changed = services.sign_in(actor=world.room_practitioner, child=world.child_a)
    assert changed and record.state == Attendance.State.PRESENT
    assert record.expected_end == dt.time(12, 0) and record.received_by == world.room_practitioner
    # a child without a session today is signed in for an extra session: home at the afternoon's end
    extra, _ = services.sign_in(actor=world.manager, child=world.child_b)
    assert extra.expected_end == AttendanceSettings.objects.get(setting=world.setting).afternoon_end


def test_two_tablets_one_record_first_time_kept(world: Any) -> None:
    first_at = timezone.now() - dt.timedelta(minutes=2)
    first, changed = services.sign_in(actor=world.room_practitioner, child=world.child_a, now=first_at)
    second, changed_again = services.sign_in(actor=world.manager, child=world.child_a, brought_by=world.adult_a)
    assert changed and not changed_again
    assert Attendance.objects.filter(child=world.child_a).count() == 1
    kept = Attendance.objects.get(child=world.child_a)
    assert kept.arrived_at == first_at and kept.received_by == world.room_practitioner and kept.brought_by is None
    assert first.pk == second.pk


def test_the_integrity_error_path_uses_the_other_tablets_record(world: Any, monkeypatch: Any) -> None:
    """The other tablet created the record between our look and our insert."""
    other = Attendance.objects.create(
        child=world.child_a, state=Attendance.State.PRESENT, arrived_at=timezone.now(), received_by=world.manager
    )
    monkeypatch.setattr(services, "_find", lambda child, day: None)
    record, changed = services.sign_in(actor=world.room_practitioner, child=world.child_a)
    assert record.pk == other.pk and not changed
    assert Attendance.objects.filter(child=world.child_a).count() == 1
    assert Attendance.objects.get(pk=other.pk).received_by == world.manager


def test_the_unique_constraint_holds(world: Any) -> None:
    Attendance.objects.create(child=world.child_a)
    with pytest.raises(IntegrityError):
        Attendance.objects.create(child=world.child_a)


def test_brought_by_a_restricted_adult_is_refused(world: Any) -> None:
    with pytest.raises(ValidationError) as error:
        services.sign_in(actor=world.manager, child=world.child_a, brought_by=world.restricted_adult)
    assert "may not have contact" in str(error.value)
    with pytest.raises(ValidationError):
        services.sign_in(actor=world.manager, child=world.child_a, brought_by=world.adult_b)  # not A's adult
    assert not Attendance.objects.filter(child=world.child_a).exists()
    record, _ = services.sign_in(actor=world.manager, child=world.child_a, brought_by_name="Auntie Jo")
    assert record.brought_by_name == "Auntie Jo"


def test_staff_of_another_room_may_not_sign_in(world: Any) -> None:
    from django.http import Http404

    with pytest.raises(Http404):
        services.sign_in(actor=world.other_practitioner, child=world.child_a)
    with pytest.raises(Http404):
        services.sign_in(actor=world.volunteer, child=world.child_a)


# --- self-registration ------------------------------------------------------------------------


def test_self_register_waits_for_staff_and_is_never_counted(world: Any, committed: Any) -> None:
    give_sessions(world.child_a, "day")
    code = code_for(world)
    with committed():
        record = services.self_register(actor=world.parent_a, child=world.child_a, code=code)
    assert record.state == Attendance.State.WAITING and record.brought_by == world.adult_a
    assert record.arrived_at is None
    assert selectors.head_counts(setting=world.setting) == {}
    reg = selectors.room_register(room=world.room_1)
    assert reg["counts"].present == 0 and reg["counts"].waiting == 1
    # pressing twice changes nothing
    again = services.self_register(actor=world.parent_a, child=world.child_a, code=code)
    assert again.self_registered_at == record.self_registered_at
    # staff confirm with one tap
    confirmed, changed = services.sign_in(actor=world.room_practitioner, child=world.child_a)
    assert changed and confirmed.state == Attendance.State.PRESENT and confirmed.brought_by == world.adult_a
    assert confirmed.received_by == world.room_practitioner and confirmed.arrived_at is not None
    assert selectors.head_counts(setting=world.setting) == {world.room_1.pk: 1}
    # confirming again changes nothing
    arrived = confirmed.arrived_at
    _, changed = services.sign_in(actor=world.manager, child=world.child_a)
    assert not changed and Attendance.objects.get(pk=confirmed.pk).arrived_at == arrived
    assert Attendance.objects.get(pk=confirmed.pk).received_by == world.room_practitioner
    # a parent pressing after staff confirmed changes nothing either
    services.self_register(actor=world.parent_a, child=world.child_a, code=code)
    assert Attendance.objects.get(pk=confirmed.pk).state == Attendance.State.PRESENT


def test_wrong_door_code_is_refused_and_audited(world: Any, committed: Any) -> None:
    code = code_for(world)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    with committed(), pytest.raises(ValidationError) as error:
        services.self_register(actor=world.parent_a, child=world.child_a, code=wrong)
    assert "not today's door code" in str(error.value)
    assert not Attendance.objects.filter(child=world.child_a).exists()
    assert AuditEvent.objects.filter(event="attendance.register.door_code_failed", actor_id=world.parent_a.pk).exists()
    with pytest.raises(ValidationError, match="6 digits"):
        services.self_register(actor=world.parent_a, child=world.child_a, code="12ab")


def test_guessing_the_door_code_stops_after_five_wrong_codes(world: Any, committed: Any) -> None:
    code = code_for(world)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(services.MAX_WRONG_CODES):
        with committed(), pytest.raises(ValidationError, match="not today's door code"):
            services.self_register(actor=world.parent_a, child=world.child_a, code=wrong)
    with pytest.raises(ValidationError, match="too many wrong codes"):
        services.self_register(actor=world.parent_a, child=world.child_a, code=code)  # even the right one, today
    assert not Attendance.objects.filter(child=world.child_a).exists()
    # staff are not affected: they sign the child in at the door
    services.sign_in(actor=world.room_practitioner, child=world.child_a)
    assert Attendance.objects.get(child=world.child_a).state == Attendance.State.PRESENT


def test_yesterdays_code_and_a_changed_code_stop_working(world: Any) -> None:
    code = code_for(world)
    assert code_for(world) == code  # the same all day
    AttendanceSettings.objects.filter(setting=world.setting).update(
        door_code_date=timezone.localdate() - dt.timedelta(days=1)
    )
    with pytest.raises(ValidationError):
        services.self_register(actor=world.parent_a, child=world.child_a, code=code)
    fresh = code_for(world)
    new = services.change_door_code(actor=world.manager, setting=world.setting)
    assert code_for(world) == new
    if new != fresh:
        with pytest.raises(ValidationError):
            services.self_register(actor=world.parent_a, child=world.child_a, code=fresh)
    services.self_register(actor=world.parent_a, child=world.child_a, code=new)
    stored = AttendanceSettings.objects.get(setting=world.setting)
    assert new not in stored.door_code_hash


def test_restricted_adult_may_not_self_register(world: Any) -> None:
    from django.http import Http404

    code = code_for(world)
    with pytest.raises(Http404):
        services.self_register(actor=world.restricted_parent, child=world.child_a, code=code)


# --- absences ---------------------------------------------------------------------------------


def test_absence_reported_ahead_shows_on_the_register_and_can_be_cancelled(world: Any) -> None:
    give_sessions(world.child_a, "am")
    today = timezone.localdate()
    absence = services.report_absence(
        actor=world.parent_a, child=world.child_a, first_day=today, last_day=None, reason="illness", detail="Cold"
    )
    reg = selectors.room_register(room=world.room_1)
    assert reg["counts"].absent == 1 and reg["rows"][0].state == "absent"
    with pytest.raises(ValidationError, match="already reported"):
        services.report_absence(
            actor=world.parent_a, child=world.child_a, first_day=today, last_day=None, reason="other"
        )
    with pytest.raises(ValidationError, match="has started"):
        services.cancel_absence(actor=world.parent_a, absence=absence)
    future = services.report_absence(
        actor=world.parent_a,
        child=world.child_a,
        first_day=today + dt.timedelta(days=7),
        last_day=today + dt.timedelta(days=8),
        reason="holiday",
    )
    services.cancel_absence(actor=world.parent_a, absence=future)
    assert Absence.objects.get(pk=future.pk).cancelled_at is not None
    services.cancel_absence(actor=world.manager, absence=absence)  # staff may cancel a started one
    with pytest.raises(ValidationError) as error:
        services.report_absence(
            actor=world.parent_a,
            child=world.child_a,
            first_day=today - dt.timedelta(days=2),
            last_day=today - dt.timedelta(days=3),
            reason="nonsense",
        )
    assert set(error.value.message_dict) == {"first_day", "last_day", "reason"}


# --- pages ------------------------------------------------------------------------------------


def test_register_page_and_one_tap_arrival(world: Any, as_user: Any) -> None:
    give_sessions(world.child_a, "am")
    client = as_user(world.room_practitioner)
    url = reverse("attendance:register", args=[world.room_1.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Amelia Ashcombe" in page.content.decode()
    assert "Not arrived" in page.content.decode()
    assert reverse("attendance:absence", args=[world.child_a.pk]) in page.content.decode()  # staff record it here
    response = client.post(reverse("attendance:arrive", args=[world.child_a.pk]))
    assert response.status_code == 302 and response["Location"] == url
    assert Attendance.objects.get(child=world.child_a).state == Attendance.State.PRESENT
    page = client.get(url).content.decode()
    assert "Since" in page
    # htmx: the live part comes back in one request
    live = client.post(reverse("attendance:arrive", args=[world.child_a.pk]), headers={"HX-Request": "true"})
    assert live.status_code == 200 and 'id="register-live"' in live.content.decode()
    assert "nothing changed" in live.content.decode()


def test_someone_else_brought_them(world: Any, as_user: Any) -> None:
    client = as_user(world.manager)
    client.post(
        reverse("attendance:arrive", args=[world.child_a.pk]), {"brought_by": "other", "brought_by_name": "Gran Ivy"}
    )
    assert Attendance.objects.get(child=world.child_a).brought_by_name == "Gran Ivy"
    client.post(reverse("attendance:arrive", args=[world.child_b.pk]), {"brought_by": str(world.adult_a.pk)})
    assert not Attendance.objects.filter(child=world.child_b).exists()  # not B's adult


def test_today_page(world: Any, as_user: Any) -> None:
    give_sessions(world.child_a, "am")
    give_sessions(world.child_b, "pm")
    services.sign_in(actor=world.manager, child=world.child_b)
    page = as_user(world.room_practitioner).get(reverse("attendance:today", args=[world.setting.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Acorn Room: 0 here" in body and "Bluebell Room: 1 here" in body
    assert reverse("attendance:register", args=[world.room_1.pk]) in body
    assert reverse("attendance:register", args=[world.room_2.pk]) not in body  # not their room
    assert AttendanceSettings.objects.get(setting=world.setting).door_code_date == timezone.localdate()
    assert as_user(world.volunteer).get(reverse("attendance:today", args=[world.setting.pk])).status_code == 404
    assert as_user(world.other_manager).get(reverse("attendance:today", args=[world.setting.pk])).status_code == 404


def test_parent_self_registers_from_the_child_page(world: Any, as_user: Any) -> None:
    code = code_for(world)
    client = as_user(world.parent_a)
    url = reverse("attendance:child_day", args=[world.child_a.pk])
    assert "We have arrived" in client.get(url).content.decode()
    bad = client.post(
        reverse("attendance:self_register", args=[world.child_a.pk]),
        {"code": "000000" if code != "000000" else "111111"},
    )
    assert bad.status_code == 400 and "not today&#x27;s door code" in bad.content.decode()
    ok = client.post(reverse("attendance:self_register", args=[world.child_a.pk]), {"code": code})
    assert ok.status_code == 302
    assert "Waiting for staff" in client.get(url).content.decode()


def test_family_access(world: Any, as_user: Any) -> None:
    url = reverse("attendance:child_day", args=[world.child_a.pk])
    assert as_user(world.parent_b_no_pr).get(url).status_code == 404  # other family
    assert as_user(world.restricted_parent).get(url).status_code == 404
    assert as_user(world.parent_a).get(reverse("attendance:register", args=[world.room_1.pk])).status_code == 404
    post = as_user(world.restricted_parent).post(
        reverse("attendance:self_register", args=[world.child_a.pk]), {"code": "123456"}
    )
    assert post.status_code == 404
    assert as_user(world.parent_a).post(reverse("attendance:arrive", args=[world.child_a.pk])).status_code == 404


def test_absence_pages(world: Any, as_user: Any) -> None:
    client = as_user(world.parent_a)
    day = timezone.localdate() + dt.timedelta(days=2)
    response = client.post(
        reverse("attendance:absence", args=[world.child_a.pk]),
        {"first_day": day.isoformat(), "reason": "appointment", "detail": "Dentist"},
    )
    assert response.status_code == 302
    absence = Absence.objects.get(child=world.child_a)
    assert (
        "Cancel this absence" in client.get(reverse("attendance:child_day", args=[world.child_a.pk])).content.decode()
    )
    other = as_user(world.parent_b_no_pr).post(
        reverse("attendance:absence_cancel", args=[world.child_a.pk, absence.pk])
    )
    assert other.status_code == 404
    bad = as_user(world.parent_a).post(reverse("attendance:absence", args=[world.child_a.pk]), {"reason": "illness"})
    assert bad.status_code == 400
    as_user(world.parent_a).post(reverse("attendance:absence_cancel", args=[world.child_a.pk, absence.pk]))
    assert Absence.objects.get(pk=absence.pk).cancelled_at is not None


def _crowd(world: Any, start: int, stop: int) -> None:
    for i in range(start, stop):
        child: Any = ChildFactory(setting=world.setting, room=world.room_1, first_name=f"Kid{i}", last_name="Crowd")
        give_sessions(child, "day")
        if i % 3 == 0:
            services.sign_in(actor=world.manager, child=child)
        elif i % 3 == 1:
            Absence.objects.create(
                child=child, first_day=timezone.localdate(), last_day=timezone.localdate(), reason="illness"
            )


def _queries(client: Any, url: str, **kwargs: Any) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        assert client.get(url, **kwargs).status_code == 200
    return len(context)


def test_register_queries_are_flat_from_5_to_40_children(world: Any, as_user: Any) -> None:
    client = as_user(world.room_practitioner)
    register = reverse("attendance:register", args=[world.room_1.pk])
    today = reverse("attendance:today", args=[world.setting.pk])
    _crowd(world, 0, 5)
    client.get(register)
    client.get(today)
    small = (
        _queries(client, register),
        _queries(client, register, headers={"HX-Request": "true"}),
        _queries(client, today),
    )
    _crowd(world, 5, 40)
    large = (
        _queries(client, register),
        _queries(client, register, headers={"HX-Request": "true"}),
        _queries(client, today),
    )
    assert small == large, (small, large)
    assert large[0] <= 24 and large[2] <= 30
