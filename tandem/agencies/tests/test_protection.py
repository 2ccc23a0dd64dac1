"""Child protection plans and their tasks (R24): recorded and ended by the DSL or the manager; tasks
added and marked done by them and the key person; seen by nobody else, not even as a panel, a link, a
tile or a count; every read audited, a refused read a 404 that writes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem.agencies.models import ProtectionPlan, ProtectionTask
from tandem.agencies.services import protection as services
from tandem.comms.models import Notification
from tandem.conftest import PERSONAS, login
from tandem.core.models import AuditEvent, AuditSubject
from tandem.factories import ChildFactory

VIEWED = "agencies.protection.viewed"
ALLOWED = {"key_person_a", "dsl", "manager"}
Owner = ProtectionTask.Owner


def reads(child: Any, actor: Any | None = None) -> int:
    rows = AuditEvent.objects.filter(
        event=VIEWED, subjects__kind=AuditSubject.Kind.CHILD, subjects__subject_id=child.pk
    )
    if actor is not None:
        rows = rows.filter(actor_id=actor.pk)
    return rows.count()


def child_url(child: Any) -> str:
    return reverse("agencies:protection_child", args=[child.pk])


# --- every read audited; refused reads are 404 and write nothing -----------------------------------------
@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"])
def test_the_child_page_is_for_three_people_and_every_read_is_audited(
    world: Any, client: Any, committed: Any, persona: str
) -> None:
    user = world[persona]
    login(client, user)
    before = AuditEvent.objects.count()
    with committed():
        response = client.get(child_url(world.child_a))
    if persona in ALLOWED:
        assert response.status_code == 200
        page = response.content.decode()
        assert "Jo Fenwick-Quillfeather" in page and "Marmoset" in page and "Overdue" in page
        assert reads(world.child_a, user) == 1
        event = AuditEvent.objects.get(event=VIEWED, actor_id=user.pk)
        assert event.setting_id == world.setting.pk
    else:
        assert response.status_code == 404
        assert AuditEvent.objects.count() == before, "a refused read writes nothing"


def test_each_read_is_one_more_audit_row(world: Any, client: Any, committed: Any) -> None:
    login(client, world.key_person_a)
    for n in (1, 2, 3):
        with committed():
            assert client.get(child_url(world.child_a)).status_code == 200
        assert reads(world.child_a, world.key_person_a) == n


def test_other_pages_that_show_a_plan_are_audited(world: Any, client: Any, committed: Any) -> None:
    login(client, world.manager)
    with committed():
        assert client.get(reverse("agencies:protection_change", args=[world.protection_plan.pk])).status_code == 200
    assert reads(world.child_a, world.manager) == 1
    # the staff child record shows the plan in its panel: audited too
    with committed():
        page = client.get(reverse("people:child", args=[world.child_a.pk])).content.decode()
    assert "A child protection plan is in place" in page and "1 overdue" in page
    assert reads(world.child_a, world.manager) == 2
    # a child with no plan: the panel offers to record one, and shows no plan to audit
    with committed():
        page = client.get(reverse("people:child", args=[world.child_b.pk])).content.decode()
    assert "No child protection plan is in place" in page and reads(world.child_b) == 0


def test_a_bad_post_shows_the_page_again_and_is_audited(world: Any, client: Any, committed: Any) -> None:
    login(client, world.dsl)
    with committed():
        response = client.post(reverse("agencies:protection_task_add", args=[world.protection_plan.pk]), {"task": ""})
    assert response.status_code == 400
    assert "Say what the task is." in response.content.decode()
    assert reads(world.child_a, world.dsl) == 1


@pytest.mark.parametrize("persona", ["deputy", "senco", "room_practitioner", "administrator", "volunteer", "parent_a"])
def test_others_never_learn_that_a_plan_exists(world: Any, client: Any, persona: str) -> None:
    user = world[persona]
    login(client, user)
    record = client.get(reverse("people:child", args=[world.child_a.pk]))
    home = client.get(reverse("people:home")).content.decode()
    office = client.get(reverse("core:office"))
    pages = [home, *(r.content.decode() for r in (record, office) if r.status_code == 200)]
    for page in pages:
        assert "/child-protection/" not in page and "protection-panel-heading" not in page
        assert "Child protection plans" not in page and "Fenwick-Quillfeather" not in page
    for name, pk in (
        ("agencies:protection_child", world.child_a.pk),
        ("agencies:protection_record", world.child_a.pk),
        ("agencies:protection_change", world.protection_plan.pk),
        ("agencies:protection_setting", world.setting.pk),
    ):
        assert client.get(reverse(name, args=[pk])).status_code == 404
    for name, pk in (
        ("agencies:protection_task_add", world.protection_plan.pk),
        ("agencies:protection_task_done", world.protection_task.pk),
        ("agencies:protection_end", world.protection_plan.pk),
    ):
        assert client.post(reverse(name, args=[pk]), {"task": "x", "note": "x"}).status_code == 404
    assert ProtectionTask.objects.filter(plan=world.protection_plan).count() == 2


def test_the_office_tile_is_for_the_dsl_and_the_manager(world: Any, client: Any) -> None:
    for persona, shown in (("dsl", True), ("manager", True), ("deputy", False), ("senco", False)):
        login(client, world[persona])
        page = client.get(reverse("core:office")).content.decode()
        assert ("Child protection plans" in page) is shown, persona
        if shown:
            assert reverse("agencies:protection_setting", args=[world.setting.pk]) in page


# --- the setting's list ---------------------------------------------------------------------------------
def test_the_setting_list_counts_overdue_tasks_and_audits_each_child_listed(
    world: Any, client: Any, committed: Any, django_assert_max_num_queries: Any
) -> None:
    services.record_plan(
        actor=world.dsl, child=world.child_b, started_on=timezone.localdate(), lead_professional="Sam Tern"
    )
    login(client, world.manager)
    url = reverse("agencies:protection_setting", args=[world.setting.pk])
    with committed():
        page = client.get(url).content.decode()
    assert "Amelia" in page and "Barnaby" in page and "1 overdue" in page and "Ottilie" not in page
    event = AuditEvent.objects.get(event=VIEWED, actor_id=world.manager.pk)
    assert set(event.subjects.values_list("subject_id", flat=True)) == {world.child_a.pk, world.child_b.pk}
    # more plans, the same number of queries
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    day = timezone.localdate() - dt.timedelta(days=30)
    for n in range(30):
        child: Any = ChildFactory(setting=world.setting, first_name=f"Child{n}", last_name="Extra")
        plan = ProtectionPlan.objects.create(child=child, started_on=day, lead_professional="X")
        ProtectionTask.objects.create(plan=plan, task="T", owner=Owner.PARENTS, due_on=day)
        ProtectionTask.objects.create(plan=plan, task="T", owner=Owner.SETTING)
    with django_assert_max_num_queries(len(before.captured_queries)):
        page = client.get(url).content.decode()
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert "Page 2 of 2" in client.get(url + "?page=2").content.decode()
    assert "Child1" in page and "Page 1 of 2" in page
    login(client, world.other_manager)
    assert client.get(url).status_code == 404


# --- writing: services and pages ---------------------------------------------------------------------------
def test_the_dsl_records_a_plan_the_key_person_adds_tasks_and_the_manager_ends_it(
    world: Any, client: Any, committed: Any
) -> None:
    w = world
    today = timezone.localdate()
    login(client, w.dsl)
    url = reverse("agencies:protection_record", args=[w.child_b.pk])
    with committed():
        response = client.post(
            url,
            {
                "started_on": (today - dt.timedelta(days=2)).isoformat(),
                "lead_professional": "Ada Brightwater, Children's Social Care",
                "lead_contact": "01632 960000",
                "next_conference_on": (today + dt.timedelta(days=90)).isoformat(),
            },
        )
    assert response.status_code == 302 and response["Location"] == child_url(w.child_b)
    plan = ProtectionPlan.objects.get(child=w.child_b)
    assert plan.recorded_by == w.dsl and plan.ended_on is None
    assert AuditEvent.objects.filter(event="agencies.protection.plan.recorded", object_id=plan.pk).exists()
    # a second plan while one is in place: refused with a message
    response = client.post(url, {"started_on": today.isoformat(), "lead_professional": "Someone"})
    assert response.status_code == 400 and "already in place" in response.content.decode()

    # the key person of A adds a task to A's plan; the setting's task tells no one (they added it)
    login(client, w.key_person_a)
    add = reverse("agencies:protection_task_add", args=[w.protection_plan.pk])
    with committed():
        response = client.post(
            add,
            {
                "task": "Bring Amelia to the dentist",
                "owner": Owner.PARENTS,
                "due_on": (today + dt.timedelta(days=7)).isoformat(),
                "agreed_with_parents_on": today.isoformat(),
            },
        )
    assert response.status_code == 302
    task = ProtectionTask.objects.get(task="Bring Amelia to the dentist")
    assert task.recorded_by == w.key_person_a and task.agreed_with_parents_on == today
    # ... and marks one done, with a note
    done = reverse("agencies:protection_task_done", args=[task.pk])
    response = client.post(done, {f"done-{task.pk}-note": ""})
    assert response.status_code == 400 and "Say what was done." in response.content.decode()
    assert client.post(done, {f"done-{task.pk}-note": "Seen on Monday."}).status_code == 302
    task.refresh_from_db()
    assert task.done_at and task.done_note == "Seen on Monday."
    response = client.post(done, {f"done-{task.pk}-note": "Again."})
    assert response.status_code == 400 and "already marked done" in response.content.decode()

    # the key person may not end the plan; the manager does
    end = reverse("agencies:protection_end", args=[w.protection_plan.pk])
    assert client.post(end, {"ended_on": today.isoformat()}).status_code == 404
    login(client, w.manager)
    response = client.post(end, {"ended_on": (today + dt.timedelta(days=1)).isoformat()})
    assert response.status_code == 400 and "cannot be in the future" in response.content.decode()
    assert client.post(end, {"ended_on": today.isoformat()}).status_code == 302
    w.protection_plan.refresh_from_db()
    assert w.protection_plan.ended_on == today
    # nothing more is added to an ended plan
    response = client.post(add, {"task": "More", "owner": Owner.SETTING})
    assert response.status_code == 400 and "has ended" in response.content.decode()
    page = client.get(child_url(w.child_a)).content.decode()
    assert "Earlier plans" in page and "Record a child protection plan" in page


def test_the_key_person_is_told_of_a_task_for_them_or_the_setting(world: Any) -> None:
    w = world
    for owner, told in ((Owner.KEY_PERSON, True), (Owner.SETTING, True), (Owner.PARENTS, False)):
        Notification.objects.all().delete()
        services.add_task(actor=w.dsl, plan=w.protection_plan, task=f"Task for {owner}", owner=owner)
        found = list(Notification.objects.filter(recipient=w.key_person_a, kind=services.TASK_KIND))
        assert bool(found) is told, owner
        if found:
            assert "Amelia" not in found[0].title + found[0].body  # names no child
            assert found[0].url == child_url(w.child_a)
    # not when they added it themselves
    Notification.objects.all().delete()
    services.add_task(actor=w.key_person_a, plan=w.protection_plan, task="Mine", owner=Owner.KEY_PERSON)
    assert not Notification.objects.exists()


def test_bad_input_is_refused_in_plain_english(world: Any) -> None:
    w, today = world, timezone.localdate()
    cases = [
        (
            lambda: services.record_plan(
                actor=w.dsl, child=w.child_b, started_on=today + dt.timedelta(days=1), lead_professional="X"
            ),
            "started_on",
        ),
        (
            lambda: services.record_plan(
                actor=w.dsl,
                child=w.child_b,
                started_on=today,
                lead_professional="X",
                next_conference_on=today - dt.timedelta(days=1),
            ),
            "next_conference_on",
        ),
        (
            lambda: services.record_plan(actor=w.dsl, child=w.child_b, started_on=today, lead_professional=" "),
            "lead_professional",
        ),
        (lambda: services.add_task(actor=w.dsl, plan=w.protection_plan, task="T", owner=Owner.AGENCY), "owner_detail"),
        (lambda: services.add_task(actor=w.dsl, plan=w.protection_plan, task="T", owner="nobody"), "owner"),
        (
            lambda: services.add_task(
                actor=w.dsl, plan=w.protection_plan, task="T", owner=Owner.PARENTS, due_on=dt.date(2000, 1, 1)
            ),
            "due_on",
        ),
        (
            lambda: services.end_plan(actor=w.dsl, plan=w.protection_plan, ended_on=dt.date(2000, 1, 1)),
            "ended_on",
        ),
    ]
    for call, field in cases:
        with pytest.raises(ValidationError) as error:
            call()
        assert field in error.value.error_dict, field
    assert not ProtectionPlan.objects.filter(child=w.child_b).exists()


def test_forms_refuse_bad_dates_with_a_message_not_an_error(world: Any, client: Any) -> None:
    login(client, world.manager)
    url = reverse("agencies:protection_record", args=[world.child_b.pk])
    response = client.post(url, {"started_on": "31/02/2026", "lead_professional": ""})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter a real date" in page and "lead social worker" in page
    response = client.post(
        reverse("agencies:protection_change", args=[world.protection_plan.pk]),
        {"lead_professional": "New Name", "next_conference_on": "2000-01-01"},
    )
    assert response.status_code == 400 and "cannot be before the plan started" in response.content.decode()
    response = client.post(
        reverse("agencies:protection_change", args=[world.protection_plan.pk]),
        {"lead_professional": "New Name", "lead_contact": "", "next_conference_on": ""},
    )
    assert response.status_code == 302
    world.protection_plan.refresh_from_db()
    assert world.protection_plan.lead_professional == "New Name" and world.protection_plan.next_conference_on is None


def test_a_key_person_who_is_not_this_childs_is_refused(world: Any) -> None:
    w = world
    with pytest.raises(Exception) as error:
        services.add_task(actor=w.room_practitioner, plan=w.protection_plan, task="T", owner=Owner.PARENTS)
    assert error.type.__name__ == "Http404"
    with pytest.raises(Exception) as error:
        services.record_plan(
            actor=w.key_person_a, child=w.child_a, started_on=timezone.localdate(), lead_professional="X"
        )
    assert error.type.__name__ == "Http404"
