"""Retention and archiving (R67): minimums, retained-until dates, archiving, the write guard on real
pages, destruction and its log."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.db.utils import DatabaseError
from django.urls import reverse
from django.utils import timezone

from tandem.agencies.models import SupportPlan
from tandem.attendance.models import Medicine
from tandem.core.models import AuditEvent
from tandem.factories import ChildFactory
from tandem.people.models import Adult, Child, ChildAdult, Need, Relationship
from tandem.records.models import Archive, DestructionLog, RecordType, RetentionRule
from tandem.records.retention import CHILD_RECORDS, MINIMUMS, RECORD_TYPES, retained_until
from tandem.records.services import retention as services

TODAY = dt.date(2030, 6, 15)


def leaver(w: Any, left: dt.date, born: dt.date = dt.date(2022, 3, 10), **extra: Any) -> Child:
    return ChildFactory(
        setting=w.setting,
        first_name="Lottie",
        last_name="Leaver",
        date_of_birth=born,
        start_date=left - dt.timedelta(days=700),
        leaving_date=left,
        **extra,
    )


def archived(w: Any, child: Child) -> Child:
    Archive.objects.create(child=child, setting=w.setting, archived_by=w.manager)
    return child


def plan(child: Child, by: Any) -> SupportPlan:
    return SupportPlan.objects.create(
        child=child,
        kind=SupportPlan.Kind.SEN,
        status=SupportPlan.Status.AGREED,
        concern="c",
        created_by=by,
        review_on=dt.date(2026, 1, 1),
    )


# --- periods --------------------------------------------------------------------------------------


def test_every_model_about_a_child_has_a_record_type() -> None:
    """A new model with a foreign key to a child must be placed: in RECORD_TYPES or CHILD_RECORDS."""
    unplaced = []
    for model in apps.get_models():
        if model.__name__.startswith("Historical"):
            continue
        for f in model._meta.get_fields():
            if (
                f.concrete
                and getattr(f, "related_model", None) is Child
                and (f.many_to_one or f.one_to_one or f.many_to_many)
            ):
                label = model._meta.label
                if label not in RECORD_TYPES and label not in CHILD_RECORDS:
                    unplaced.append(label)
    assert unplaced == []
    assert not set(RECORD_TYPES) & CHILD_RECORDS


@pytest.mark.django_db
def test_retained_until_per_type_and_basis(time_machine: Any) -> None:
    time_machine.move_to(dt.datetime(2030, 6, 15, 12, 0, tzinfo=dt.UTC))
    child = Child(date_of_birth=dt.date(2022, 3, 10), leaving_date=dt.date(2026, 7, 31))
    child.pk = 999999  # no complaints
    assert retained_until(child, RecordType.CHILD) == dt.date(2029, 7, 31)
    assert retained_until(child, RecordType.SEN) == dt.date(2047, 3, 10)
    assert retained_until(child, RecordType.SAFEGUARDING) == dt.date(2047, 3, 10)
    assert retained_until(child, RecordType.ACCIDENTS) == dt.date(2043, 3, 10)
    assert retained_until(child, RecordType.FINANCIAL) == dt.date(2033, 3, 31)  # FY ends 31/03/2027
    assert retained_until(child, RecordType.COMPLAINTS) == dt.date(2026, 7, 31)  # none held
    # the setting's longer period counts; a shorter one is raised to the minimum
    assert retained_until(child, RecordType.CHILD, {"child": 5}) == dt.date(2031, 7, 31)
    assert retained_until(child, RecordType.CHILD, {"child": 1}) == dt.date(2029, 7, 31)
    # on roll: nothing is due
    assert retained_until(Child(date_of_birth=dt.date(2022, 3, 10)), RecordType.SEN) is None
    assert retained_until(Child(date_of_birth=dt.date(2022, 3, 10), leaving_date=dt.date(2031, 1, 1)), "sen") is None


def test_complaints_minimum_reuses_the_complaints_rule() -> None:
    from tandem.complaints.models.complaints import RETENTION_YEARS

    assert MINIMUMS[RecordType.COMPLAINTS].years == RETENTION_YEARS == 3


@pytest.mark.django_db
def test_complaint_periods_count_from_closing(world: Any, time_machine: Any) -> None:
    from tandem.complaints.models import Complaint

    time_machine.move_to(dt.datetime(2030, 6, 15, 12, 0, tzinfo=dt.UTC))
    child = leaver(world, dt.date(2026, 7, 31))
    fields = {"setting": world.setting, "child": child, "complainant_name": "A parent", "summary": "s"}
    Complaint.objects.create(reference="C1", closed_at=dt.datetime(2027, 1, 5, 10, tzinfo=dt.UTC), **fields)
    assert retained_until(child, RecordType.COMPLAINTS) == dt.date(2030, 1, 5)
    Complaint.objects.create(reference="C2", **fields)  # still open
    assert retained_until(child, RecordType.COMPLAINTS) is None


# --- the schedule ---------------------------------------------------------------------------------


def test_a_period_below_the_minimum_is_refused(world: Any, as_user: Any) -> None:
    url = reverse("records:retention_rule", kwargs={"pk": world.setting.pk, "record_type": "sen"})
    response = as_user(world.manager).post(url, {"years": "18", "policy_note": "Too short"})
    assert response.status_code == 400
    assert "must be kept at least until the child is 25" in response.content.decode()
    assert not RetentionRule.objects.filter(setting=world.setting).exists()
    response = as_user(world.manager).post(url, {"years": "30", "policy_note": "Our SEND policy"})
    assert response.status_code == 302
    rule = RetentionRule.objects.get(setting=world.setting, record_type="sen")
    assert (rule.years, rule.policy_note, rule.updated_by) == (30, "Our SEND policy", world.manager)
    page = as_user(world.manager).get(reverse("records:retention_schedule", args=[world.setting.pk])).content.decode()
    assert "until the child is 30" in page and "Our SEND policy" in page and "holds no financial records" in page


def test_service_refuses_below_minimum(world: Any) -> None:
    with pytest.raises(ValidationError) as error:
        services.save_rule(actor=world.manager, setting=world.setting, record_type="child", years=2)
    assert "years" in error.value.message_dict


def test_schedule_is_the_managers(world: Any, as_user: Any) -> None:
    url = reverse("records:retention_schedule", args=[world.setting.pk])
    assert as_user(world.deputy).get(url).status_code == 404
    assert as_user(world.manager).get(url).status_code == 200


# --- archiving ------------------------------------------------------------------------------------


def test_archive_only_after_leaving(world: Any, as_user: Any, committed: Any) -> None:
    url = reverse("records:retention_archive", args=[world.child_a.pk])
    response = as_user(world.manager).post(url, {"note": ""})
    assert response.status_code == 400 and "has not left yet" in response.content.decode()
    child = leaver(world, timezone.localdate())
    with committed():
        response = as_user(world.deputy).post(reverse("records:retention_archive", args=[child.pk]), {"note": "Left"})
    assert response.status_code == 302
    assert Archive.objects.get(child=child).archived_by == world.deputy
    assert AuditEvent.objects.filter(event="records.retention.archived", object_id=child.archive.pk).exists()
    page = as_user(world.manager).get(reverse("people:child", args=[child.pk])).content.decode()
    assert "Archived" in page and "Undo the archive" in page


def test_archive_everyone_who_left_and_the_command(world: Any, as_user: Any) -> None:
    gone = leaver(world, timezone.localdate() - dt.timedelta(days=3))
    other = ChildFactory(
        setting=world.other_setting,
        start_date=timezone.localdate() - dt.timedelta(days=400),
        leaving_date=timezone.localdate() - dt.timedelta(days=1),
    )
    response = as_user(world.deputy).post(reverse("records:retention_archive_leavers", args=[world.setting.pk]))
    assert response.status_code == 302
    assert Archive.objects.filter(child=gone).exists() and not Archive.objects.filter(child=other).exists()
    assert not Archive.objects.filter(child=world.child_a).exists()
    call_command("archive_leavers")
    assert Archive.objects.filter(child=other).exists()
    call_command("archive_leavers")  # idempotent
    assert Archive.objects.filter(child=other).count() == 1


def test_unarchive_needs_a_reason(world: Any, as_user: Any) -> None:
    child = archived(world, leaver(world, timezone.localdate()))
    url = reverse("records:retention_unarchive", args=[child.pk])
    assert as_user(world.deputy).post(url, {"reason": "Mistake"}).status_code == 404
    assert as_user(world.manager).post(url, {"reason": ""}).status_code == 400
    assert as_user(world.manager).post(url, {"reason": "Archived the wrong child"}).status_code == 302
    assert not Archive.objects.filter(child=child).exists()


# --- the write guard ------------------------------------------------------------------------------


def test_archived_record_is_read_only_on_real_pages(world: Any, as_user: Any) -> None:
    world.child_a.leaving_date = timezone.localdate()
    world.child_a.save()
    archived(world, world.child_a)
    manager = as_user(world.manager)
    need_url = reverse("people:need_edit", args=[world.child_a.pk, world.need_a.pk])
    assert manager.get(need_url).status_code == 200
    response = manager.post(need_url, {"kind": "allergy", "summary": "Changed", "severe": "on"})
    assert response.status_code == 409
    assert "Amelia Ashcombe&#x27;s record is archived: it can be read but not changed." in response.content.decode()
    assert Need.objects.get(pk=world.need_a.pk).summary == "Peanut allergy"
    # the child's own edit page and a journal page on the child
    assert manager.post(reverse("people:child_edit", args=[world.child_a.pk]), {"first_name": "X"}).status_code == 409
    home = reverse("journal:home_add", args=[world.child_a.pk])
    assert as_user(world.parent_a).post(home, {"text": "We baked bread"}).status_code == 409
    assert as_user(world.parent_a).get(reverse("people:child", args=[world.child_a.pk])).status_code == 200
    assert Child.objects.get(pk=world.child_a.pk).first_name == "Amelia"
    # another child is not affected
    assert manager.post(reverse("people:need_add", args=[world.child_b.pk]), {}).status_code != 409


def test_records_actions_are_exempt_from_the_guard(world: Any, as_user: Any) -> None:
    from tandem.core.decorators import refused_change

    from ..actions.retention import UNARCHIVE
    from ..hooks.retention import archived_guard

    child = archived(world, leaver(world, timezone.localdate()))
    assert archived_guard(child) and archived_guard(Need(child=child))
    assert archived_guard(world.child_b) is None and archived_guard(world.setting) is None
    assert refused_change(UNARCHIVE, child) is None
    response = as_user(world.manager).post(reverse("records:retention_unarchive", args=[child.pk]), {"reason": "Oops"})
    assert response.status_code == 302


# --- destruction ----------------------------------------------------------------------------------


def old_leaver(w: Any) -> Child:
    """Left on 31/07/2026, born 10/03/2022: children's records kept until 31/07/2029, SEN until 10/03/2047."""
    return archived(w, leaver(w, dt.date(2026, 7, 31)))


def test_early_destruction_is_refused(world: Any, time_machine: Any) -> None:
    time_machine.move_to(dt.datetime(2029, 7, 30, 12, 0, tzinfo=dt.UTC))
    child = old_leaver(world)
    with pytest.raises(ValidationError, match="must be kept until 31/07/2029"):
        services.destroy(actor=world.manager, child=child, record_type="child", reason="Past")
    plan(child, world.manager)
    time_machine.move_to(dt.datetime(2030, 6, 15, 12, 0, tzinfo=dt.UTC))
    with pytest.raises(ValidationError, match="must be kept until 10/03/2047"):
        services.destroy(actor=world.manager, child=child, record_type="sen", reason="Past")
    with pytest.raises(ValidationError, match="cannot go while special educational needs records must be kept"):
        services.destroy(actor=world.manager, child=child, record_type="child", reason="Past")
    assert Child.objects.filter(pk=child.pk).exists() and not DestructionLog.objects.exists()


def test_not_archived_is_refused(world: Any, time_machine: Any) -> None:
    time_machine.move_to(dt.datetime(2030, 6, 15, 12, 0, tzinfo=dt.UTC))
    child = leaver(world, dt.date(2026, 7, 31))
    with pytest.raises(ValidationError, match="not archived"):
        services.destroy(actor=world.manager, child=child, record_type="child", reason="Past")


def test_destruction_deletes_that_childs_rows_of_that_type(world: Any, time_machine: Any, committed: Any) -> None:
    time_machine.move_to(dt.datetime(2048, 1, 2, 12, 0, tzinfo=dt.UTC))
    child = old_leaver(world)
    mine = plan(child, world.manager)
    theirs = plan(world.child_a, world.manager)
    Medicine_count = Medicine.objects.count()
    sen_need = Need.objects.create(child=child, kind=Need.Kind.SEN, summary="Speech delay")
    diet = Need.objects.create(child=child, kind=Need.Kind.DIETARY, summary="Vegetarian")
    with committed():
        log = services.destroy(actor=world.manager, child=child, record_type="sen", reason="Past its period")
    assert not SupportPlan.objects.filter(pk=mine.pk).exists() and not Need.objects.filter(pk=sen_need.pk).exists()
    assert SupportPlan.objects.filter(pk=theirs.pk).exists() and Need.objects.filter(pk=diet.pk).exists()
    assert Medicine.objects.count() == Medicine_count and Child.objects.filter(pk=child.pk).exists()
    # the need's history: its creation, and the deletion simple_history wrote as it went
    assert log.counts == {"Earlier versions (history)": 2, "Needs": 1, "Support plans": 1}
    assert not Need.history.filter(id=sen_need.pk).exists() and Need.history.filter(id=diet.pk).exists()
    assert (log.record_type, log.retained_until, log.decided_by) == ("sen", dt.date(2047, 3, 10), world.manager)
    assert log.child_ref == "LL, born 2022, left 31/07/2026" and log.child_id_was == child.pk
    assert AuditEvent.objects.filter(event="records.retention.destroyed", object_id=log.pk).exists()


def test_destroying_the_childs_record(world: Any, time_machine: Any, committed: Any) -> None:
    time_machine.move_to(dt.datetime(2030, 6, 15, 12, 0, tzinfo=dt.UTC))
    child = old_leaver(world)
    only_here = Adult.objects.create(setting=world.setting, first_name="Solo", last_name="Parent")
    ChildAdult.objects.create(child=child, adult=only_here, relationship=Relationship.BIRTH_PARENT)
    ChildAdult.objects.create(child=child, adult=world.adult_a, relationship=Relationship.OTHER)  # also A's
    Need.objects.create(child=child, kind=Need.Kind.DIETARY, summary="Vegetarian")
    pk = child.pk
    with committed():
        log = services.destroy(actor=world.manager, child=child, record_type="child", reason="Three years passed")
    assert not Child.objects.filter(pk=pk).exists() and not Need.objects.filter(child_id=pk).exists()
    assert not Adult.objects.filter(pk=only_here.pk).exists() and Adult.objects.filter(pk=world.adult_a.pk).exists()
    assert not apps.get_model("people", "HistoricalChild").objects.filter(id=pk).exists()
    assert Child.objects.filter(pk=world.child_a.pk).exists()
    assert log.counts["Children"] == 1 and log.counts["Family adults"] == 1
    assert DestructionLog.objects.filter(child_id_was=pk, record_type="child").count() == 1


def test_destruction_leaves_no_history_behind(world: Any, time_machine: Any, committed: Any) -> None:
    """The history rows of everything destroyed go too, cascades and orphans included; another
    child's stay."""
    from tandem.enrolment.models import SettlingPlan, SettlingVisit
    from tandem.journal.models import Observation, ObservationChild

    time_machine.move_to(dt.datetime(2048, 1, 2, 12, 0, tzinfo=dt.UTC))
    child = old_leaver(world)
    sen = Need.objects.create(child=child, kind=Need.Kind.SEN, summary="Speech delay")
    sen.summary = "Speech and language delay"
    sen.save()
    theirs = Need.objects.create(child=world.child_a, kind=Need.Kind.SEN, summary="Theirs")
    with committed():
        services.destroy(actor=world.manager, child=child, record_type="sen", reason="Past its period")
    assert not Need.history.filter(id=sen.pk).exists() and Need.history.filter(id=theirs.pk).exists()

    observation = Observation.objects.create(setting=world.setting, text="Only about this child")
    ObservationChild.objects.create(observation=observation, child=child)
    shared = Observation.objects.create(setting=world.setting, text="About both")
    ObservationChild.objects.create(observation=shared, child=child)
    ObservationChild.objects.create(observation=shared, child=world.child_a)
    visit = SettlingVisit.objects.create(plan=SettlingPlan.objects.create(child=child), date=TODAY, duration_minutes=30)
    diet = Need.objects.create(child=child, kind=Need.Kind.DIETARY, summary="Vegetarian")
    pk = child.pk
    with committed():
        log = services.destroy(actor=world.manager, child=child, record_type="child", reason="Past its period")
    assert not Observation.objects.filter(pk=observation.pk).exists()
    assert not Observation.history.filter(id=observation.pk).exists()
    assert not SettlingVisit.history.filter(id=visit.pk).exists()
    assert not Need.history.filter(id=diet.pk).exists() and not Child.history.filter(id=pk).exists()
    assert Observation.history.filter(id=shared.pk).exists() and Need.history.filter(id=theirs.pk).exists()
    assert Child.history.filter(id=world.child_a.pk).exists() or not Child.history.exists()
    assert log.counts["Earlier versions (history)"] >= 6


def test_archiving_twice_is_refused_not_a_500(world: Any, monkeypatch: Any) -> None:
    child = leaver(world, timezone.localdate())
    services.archive(actor=world.manager, child=child)
    with pytest.raises(ValidationError, match="already archived"):
        services.archive(actor=world.manager, child=child)
    # two at once: both passed the check before either wrote
    monkeypatch.setattr(services, "_is_archived", lambda child: False)
    with pytest.raises(ValidationError, match="already archived"):
        services.archive(actor=world.manager, child=child)
    assert Archive.objects.filter(child=child).count() == 1


def test_a_second_destroy_finds_nothing_and_logs_nothing(world: Any, time_machine: Any, monkeypatch: Any) -> None:
    time_machine.move_to(dt.datetime(2048, 1, 2, 12, 0, tzinfo=dt.UTC))
    child = old_leaver(world)
    Need.objects.create(child=child, kind=Need.Kind.SEN, summary="Speech delay")
    services.destroy(actor=world.manager, child=child, record_type="sen", reason="Past")
    with pytest.raises(ValidationError, match="no special educational needs records left"):
        services.destroy(actor=world.manager, child=child, record_type="sen", reason="Past")
    services.destroy(actor=world.manager, child=child, record_type="child", reason="Past")
    monkeypatch.setattr(services, "require", lambda *args: None)  # as if it had passed just before
    with pytest.raises(ValidationError, match="already been destroyed"):
        services.destroy(actor=world.manager, child=child, record_type="child", reason="Past")
    assert DestructionLog.objects.filter(child_id_was=child.pk).count() == 2


def test_destroy_page_refuses_the_recent_leaver(world: Any, as_user: Any, time_machine: Any) -> None:
    time_machine.move_to(dt.datetime(2027, 6, 15, 12, 0, tzinfo=dt.UTC))
    child = old_leaver(world)
    url = reverse("records:retention_destroy", kwargs={"pk": child.pk, "record_type": "child"})
    manager = as_user(world.manager)
    assert "Children: 1" in manager.get(url).content.decode()
    response = manager.post(url, {"reason": "Tidy up", "confirm": "on"})
    assert response.status_code == 400 and "must be kept until 31/07/2029" in response.content.decode()
    assert as_user(world.deputy).post(url, {"reason": "x", "confirm": "on"}).status_code == 404
    assert Child.objects.filter(pk=child.pk).exists()


def test_the_log_is_append_only(world: Any) -> None:
    log = DestructionLog.objects.create(
        setting=world.setting, record_type="child", child_ref="AB", retained_until=dt.date(2020, 1, 1), reason="r"
    )
    with pytest.raises(PermissionError):
        log.save()
    with pytest.raises(PermissionError):
        log.delete()
    with pytest.raises(PermissionError):
        DestructionLog.objects.filter(pk=log.pk).update(reason="changed")
    with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic():
        DestructionLog.objects.filter(pk=log.pk).values("pk")  # the database refuses an UPDATE too
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("UPDATE records_destructionlog SET reason = 'x' WHERE id = %s", [log.pk])


# --- pages and their query counts -----------------------------------------------------------------


def many_archived(w: Any, n: int) -> None:
    for i in range(n):
        archived(
            w,
            ChildFactory(
                setting=w.setting,
                start_date=dt.date(2022, 9, 1),
                leaving_date=dt.date(2024, 7, 31),
                date_of_birth=dt.date(2020, 1, i + 1),
            ),
        )


def test_archive_page_query_count_is_flat(world: Any, as_user: Any, django_assert_max_num_queries: Any) -> None:
    client = as_user(world.manager)
    url = reverse("records:retention_archived", args=[world.setting.pk])
    many_archived(world, 2)
    client.get(url)
    with django_assert_max_num_queries(30) as few:
        assert client.get(url).status_code == 200
    many_archived(world, 15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url)
    assert page.status_code == 200 and "Due for review" in page.content.decode()


def test_log_page_query_count_is_flat(world: Any, as_user: Any, django_assert_max_num_queries: Any) -> None:
    def lines(n: int) -> None:
        for _ in range(n):
            DestructionLog.objects.create(
                setting=world.setting,
                record_type="child",
                child_ref="AB, born 2020",
                retained_until=dt.date(2020, 1, 1),
                reason="Past",
                decided_by=world.manager,
                counts={"Children": 1},
            )

    client = as_user(world.owner)
    url = reverse("records:retention_log", args=[world.setting.pk])
    lines(2)
    client.get(url)
    with django_assert_max_num_queries(30) as few:
        assert client.get(url).status_code == 200
    lines(15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url)
    assert "Children: 1" in page.content.decode()
    assert as_user(world.deputy).get(url).status_code == 404


def test_demo_is_idempotent(world: Any) -> None:
    from tandem.records.demo import retention as demo

    demo.seed(setting=world.setting)
    demo.seed(setting=world.setting)
    assert RetentionRule.objects.filter(setting=world.setting).count() == len(MINIMUMS)
    old = Child.objects.get(setting=world.setting, first_name="Poppy")
    recent = Child.objects.get(setting=world.setting, first_name="Oscar")
    assert Archive.objects.filter(child__in=[old, recent]).count() == 2
    rules = services.rules_of(world.setting)
    today = timezone.localdate()
    assert retained_until(old, "child", rules) < today < retained_until(recent, "child", rules)  # type: ignore[operator]
