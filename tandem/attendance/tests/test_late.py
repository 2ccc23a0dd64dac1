"""Late and non-collection (R45): the threshold, the alert, the case, the cascade, the plan, access."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from tandem.attendance.models import Attendance, AttendanceSettings, LateCase, LateStep
from tandem.attendance.selectors.late import DEFAULT_PLAN, cascade, late_children, late_cutoff, plan_steps
from tandem.attendance.services import late as services
from tandem.conftest import login
from tandem.core.models import AuditEvent
from tandem.factories import AdultFactory, ChildAdultFactory, ChildFactory


def at(hour: int, minute: int, second: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(hour, minute, second)))


def present(child: Any, end: dt.time | None = dt.time(15, 0), **kw: Any) -> Attendance:
    return Attendance.objects.create(
        child=child, date=timezone.localdate(), state=Attendance.State.PRESENT, expected_end=end, **kw
    )


def test_threshold_edges(world: Any) -> None:
    present(world.child_a)
    s = world.setting
    assert late_children(setting=s, now=at(15, 10)) == []  # exactly at the threshold: not yet late
    assert [a.child_id for a in late_children(setting=s, now=at(15, 10, 1))] == [world.child_a.pk]
    row = late_children(setting=s, now=at(15, 22))[0]
    assert row.minutes_late == 22 and row.case is None
    AttendanceSettings.objects.create(setting=s, late_after_minutes=0)
    assert late_children(setting=s, now=at(15, 0)) == []
    assert len(late_children(setting=s, now=at(15, 0, 1))) == 1


def test_threshold_does_not_wrap_past_midnight() -> None:
    early = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(0, 5)))
    assert late_cutoff(early, 10) is None
    assert late_cutoff(early, 5) == dt.time(0, 0)


def test_only_present_children_with_an_end_time_are_late(world: Any) -> None:
    present(world.child_a, end=None)
    Attendance.objects.create(
        child=world.child_b, date=timezone.localdate(), state=Attendance.State.WAITING, expected_end=dt.time(12, 0)
    )
    other = ChildFactory(setting=world.setting, room=world.room_1)
    Attendance.objects.create(
        child=other,
        date=timezone.localdate() - dt.timedelta(days=1),
        state=Attendance.State.PRESENT,
        expected_end=dt.time(9, 0),
    )
    assert late_children(setting=world.setting, now=at(23, 0)) == []


def test_late_children_queries_do_not_grow(world: Any, django_assert_max_num_queries: Any) -> None:
    for _ in range(12):
        present(ChildFactory(setting=world.setting, room=world.room_1))
    with django_assert_max_num_queries(3):
        rows = late_children(setting=world.setting, now=at(16, 0), actor=world.room_practitioner)
        assert len(rows) == 12


def test_alert_include_says_it_in_words(world: Any) -> None:
    present(world.child_a)
    rows = late_children(setting=world.setting, now=at(15, 12))
    html = render_to_string("attendance/late/_alerts.html", {"late": rows, "setting": world.setting})
    assert 'role="alert"' in html and "should have been collected at 15:00" in html and "12 minutes ago" in html
    assert "Open a case" in html
    assert render_to_string("attendance/late/_alerts.html", {"late": [], "setting": world.setting}).strip() == ""


def test_case_opens_once_and_alerts_the_manager(world: Any, committed: Any) -> None:
    attendance = present(world.child_a)
    with committed():
        case, created = services.open_case(actor=world.room_practitioner, attendance=attendance)
        again, created_again = services.open_case(actor=world.key_person_a, attendance=attendance)
    assert created and not created_again and case.pk == again.pk
    assert LateCase.objects.filter(attendance=attendance).count() == 1
    sent = [m for m in mail.outbox if world.manager.email in m.to]
    assert len(sent) == 1 and "Amelia" not in sent[0].subject and "not been collected" in sent[0].subject
    assert AuditEvent.objects.filter(event="attendance.late.opened").count() == 1


def test_cascade_order_and_restrictions(world: Any) -> None:
    gran = AdultFactory(setting=world.setting, first_name="Gwen", last_name="Granby", phone="07700 900333")
    ChildAdultFactory(
        child=world.child_a, adult=gran, relationship="grandparent", emergency_contact=True, emergency_priority=2
    )
    aunt = AdultFactory(setting=world.setting, first_name="Alma", last_name="Auntley", phone="07700 900444")
    ChildAdultFactory(
        child=world.child_a, adult=aunt, relationship="other", emergency_contact=True, emergency_priority=3
    )
    neighbour = AdultFactory(setting=world.setting, first_name="Ned", last_name="Nextdoor")
    ChildAdultFactory(
        child=world.child_a, adult=neighbour, relationship="other", parental_responsibility=False
    )  # neither: not called
    names = [c.adult.first_name for c in cascade(world.child_a)]
    assert names == ["Penny", "Gwen", "Alma"]  # the restricted parent is never called
    assert "Rex" not in names and "Ned" not in names


def test_steps_are_recorded_and_audited(world: Any, committed: Any) -> None:
    attendance = present(world.child_a)
    with committed():
        case, _ = services.open_case(actor=world.room_practitioner, attendance=attendance)
        services.record_call(actor=world.room_practitioner, case=case, link_id=world.link_a.pk, kind="no_answer")
        services.record_call(actor=world.room_practitioner, case=case, link_id=world.link_a.pk, kind="spoke")
        services.tick_plan_step(actor=world.room_practitioner, case=case, number=1)
        services.tick_plan_step(actor=world.room_practitioner, case=case, number=1)  # once only
    kinds = list(case.steps.values_list("kind", flat=True))
    assert kinds == ["no_answer", "spoke", "plan"]
    events = set(AuditEvent.objects.filter(event__startswith="attendance.late.").values_list("event", flat=True))
    assert {"attendance.late.step_no_answer", "attendance.late.step_spoke", "attendance.late.step_plan"} <= events
    with pytest.raises(ValidationError):
        services.record_call(actor=world.room_practitioner, case=case, link_id=world.restricted_link.pk, kind="spoke")
    with pytest.raises(ValidationError):
        services.tick_plan_step(actor=world.room_practitioner, case=case, number=99)


def test_close_needs_summary_and_collection_first(world: Any) -> None:
    attendance = present(world.child_a)
    case, _ = services.open_case(actor=world.manager, attendance=attendance)
    with pytest.raises(ValidationError) as error:
        services.close_case(actor=world.manager, case=case, outcome="collected", summary="Mum came.")
    assert "going home" in str(error.value)
    with pytest.raises(ValidationError):
        services.close_case(actor=world.manager, case=case, outcome="other", summary="  ")
    Attendance.objects.filter(pk=attendance.pk).update(state=Attendance.State.LEFT, left_at=at(15, 40))
    # collected but not closed: still shown, with "close the case"
    rows = late_children(setting=world.setting, now=at(15, 45))
    assert [r.pk for r in rows] == [attendance.pk]
    html = render_to_string("attendance/late/_alerts.html", {"late": rows, "setting": world.setting})
    assert "collected at 15:40" in html and "Close the case" in html
    closed = services.close_case(actor=world.manager, case=case, outcome="collected", summary="Mum came at 15:40.")
    assert closed.closed_at and closed.closed_by == world.manager
    assert late_children(setting=world.setting, now=at(15, 45)) == []
    with pytest.raises(ValidationError):
        services.record_call(actor=world.manager, case=case, link_id=world.link_a.pk, kind="spoke")


def test_case_page_flow(world: Any, client: Any) -> None:
    present(world.child_a)
    login(client, world.room_practitioner)
    page = client.get(reverse("attendance:late_case", args=[world.child_a.pk]))
    assert page.status_code == 200 and "Open a late collection case" in page.content.decode()
    response = client.post(reverse("attendance:late_open", args=[world.child_a.pk]))
    case = LateCase.objects.get(attendance__child=world.child_a)
    assert response.status_code == 302 and response["Location"].endswith(f"/late/{case.pk}/")
    body = client.get(response["Location"]).content.decode()
    assert "07700" in body or "Penny" in body
    assert "Penny" in body and "Rex" not in body
    for step in plan_steps(AttendanceSettings()):
        assert escape(step) in body
    client.post(
        reverse("attendance:late_call", args=[world.child_a.pk, case.pk]), {"link": world.link_a.pk, "kind": "message"}
    )
    assert case.steps.get().kind == LateStep.Kind.MESSAGE
    bad = client.post(
        reverse("attendance:late_close", args=[world.child_a.pk, case.pk]), {"outcome": "other", "summary": ""}
    )
    assert bad.status_code == 400 and "summary" in bad.content.decode()
    client.post(
        reverse("attendance:late_close", args=[world.child_a.pk, case.pk]),
        {"outcome": "other", "summary": "Aunt came."},
    )
    case.refresh_from_db()
    assert case.outcome == "other" and case.closed_at


def test_phone_numbers_only_for_staff_who_handle(world: Any, client: Any) -> None:
    world.adult_a.phone = "07700 900555"
    world.adult_a.save()
    attendance = present(world.child_a)
    case, _ = services.open_case(actor=world.manager, attendance=attendance)
    url = reverse("attendance:late_case_detail", args=[world.child_a.pk, case.pk])
    login(client, world.room_practitioner)
    assert "07700 900555" in client.get(url).content.decode()
    for person in (
        world.volunteer,
        world.parent_a,
        world.restricted_parent,
        world.parent_b_no_pr,
        world.other_manager,
        world.nobody,
        world.administrator,
    ):
        login(client, person)
        assert client.get(url).status_code == 404, person
        assert client.get(reverse("attendance:late_case", args=[world.child_a.pk])).status_code == 404


def test_a_case_of_another_child_is_404(world: Any, client: Any) -> None:
    case, _ = services.open_case(actor=world.manager, attendance=present(world.child_a))
    login(client, world.manager)
    assert client.get(reverse("attendance:late_case_detail", args=[world.child_b.pk, case.pk])).status_code == 404
    with pytest.raises(Http404):
        services.open_case(actor=world.other_manager, attendance=present(world.child_b))


def test_manager_sees_every_case_paginated(world: Any, client: Any, django_assert_max_num_queries: Any) -> None:
    for day in range(1, 30):
        child = ChildFactory(setting=world.setting, room=world.room_1)
        a = Attendance.objects.create(
            child=child, date=timezone.localdate() - dt.timedelta(days=day), expected_end=dt.time(15, 0)
        )
        LateCase.objects.create(attendance=a, opened_by=world.manager)
    login(client, world.manager)
    url = reverse("attendance:late_cases", args=[world.setting.pk])
    client.get(url)
    with django_assert_max_num_queries(14):
        page = client.get(url)
    assert page.status_code == 200 and "Page 1 of" in page.content.decode()
    for person in (world.room_practitioner, world.senco, world.other_manager, world.parent_a):
        login(client, person)
        assert client.get(url).status_code == 404, person


def test_day_settings_saved_with_plan(world: Any, client: Any) -> None:
    login(client, world.manager)
    url = reverse("attendance:day_settings", args=[world.setting.pk])
    assert client.get(url).status_code == 200
    data = {
        "morning_start": "08:30",
        "morning_end": "11:30",
        "afternoon_start": "12:00",
        "afternoon_end": "15:00",
        "late_after_minutes": "15",
        "emergency_plan": "1. Stay with the child\n2. Call the family\n\n- Call the manager",
    }
    bad = client.post(url, {**data, "morning_end": "08:00"})
    assert bad.status_code == 200 and "must end after it starts" in bad.content.decode()
    assert client.post(url, data).status_code == 302
    rules = AttendanceSettings.objects.get(setting=world.setting)
    assert rules.late_after_minutes == 15 and rules.morning_start == dt.time(8, 30)
    assert plan_steps(rules) == ["Stay with the child", "Call the family", "Call the manager"]
    assert plan_steps(AttendanceSettings()) == [line for line in DEFAULT_PLAN.splitlines() if line]
    login(client, world.room_practitioner)
    assert client.get(url).status_code == 404
