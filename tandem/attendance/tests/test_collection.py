"""Collection (R43, R44): who may collect, one-off permission, the collection password, release at the door."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.contrib.auth.hashers import check_password as check_hash
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from tandem.attendance.models import Attendance, CollectionPassword, Collector, OneOffCollector, PasswordAttempt
from tandem.attendance.selectors.collection import BLOCKED, collectors_today
from tandem.attendance.services import collection as services
from tandem.conftest import login
from tandem.core.audit import AuditEvent


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def present(child: Any, by: Any = None) -> Attendance:
    return Attendance.objects.create(
        child=child, state=Attendance.State.PRESENT, arrived_at=timezone.now(), received_by=by
    )


def photo_upload(name: str = "nan.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (600, 800), (200, 150, 120)).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def key_of(child: Any, name: str) -> str:
    return next(r.key for r in collectors_today(child) if r.name == name)


def one_off_for(world: Any, day: dt.date | None = None) -> OneOffCollector:
    return services.grant_one_off(
        actor=world.parent_a,
        child=world.child_a,
        date=day or timezone.localdate(),
        name="Gina Goodneighbour",
        relationship="Neighbour",
        description="Short, curly red hair",
        is_adult=True,
        typed_name="Penny Parentish",
    )


# --- who may collect --------------------------------------------------------------------------


def test_collectors_today_lists_parents_collectors_one_offs_and_blocked(world: Any) -> None:
    services.add_collector(
        actor=world.parent_a, child=world.child_a, name="Nora Nan", relationship="Grandmother", is_adult=True
    )
    one_off_for(world)
    one_off_for(world, timezone.localdate() + dt.timedelta(days=1))  # not today: not listed
    rows = {r.name: r for r in collectors_today(world.child_a)}
    assert set(rows) == {"Penny Parentish", "Rex Restrictham", "Nora Nan", "Gina Goodneighbour"}
    assert rows["Penny Parentish"].allowed and rows["Penny Parentish"].kind == "parent"
    assert rows["Nora Nan"].allowed and rows["Nora Nan"].kind == "collector"
    assert rows["Gina Goodneighbour"].allowed and rows["Gina Goodneighbour"].needs_identity
    rex = rows["Rex Restrictham"]
    assert rex.kind == BLOCKED and not rex.allowed
    assert "Prohibited steps order" in rex.reason and "no collection" in rex.reason


def test_collectors_today_is_a_constant_number_of_queries(world: Any, django_assert_max_num_queries: Any) -> None:
    Collector.objects.bulk_create(
        [Collector(child=world.child_a, name=f"Person {i}", relationship="Friend", is_adult=True) for i in range(60)]
    )
    OneOffCollector.objects.bulk_create(
        [
            OneOffCollector(
                child=world.child_a,
                date=timezone.localdate(),
                name=f"Once {i}",
                is_adult=True,
                granted_by=world.adult_a,
            )
            for i in range(30)
        ]
    )
    with django_assert_max_num_queries(3):
        rows = collectors_today(world.child_a)
    assert len(rows) == 92


def test_add_collector_needs_an_adult_and_keeps_a_clean_photo(world: Any, client: Any) -> None:
    with pytest.raises(ValidationError) as error:
        services.add_collector(
            actor=world.parent_a, child=world.child_a, name="Tim Teen", relationship="Cousin", is_adult=False
        )
    assert "is_adult" in error.value.message_dict
    assert not Collector.objects.exists()
    collector = services.add_collector(
        actor=world.parent_a,
        child=world.child_a,
        name="Nora Nan",
        relationship="Grandmother",
        is_adult=True,
        photo=photo_upload(),
    )
    assert collector.photo.name.startswith(f"collectors/{world.setting.pk}/")
    with Image.open(collector.photo.open("rb")) as img:
        assert max(img.size) <= services.PHOTO_SIDE and img.format == "JPEG"
    url = reverse("attendance:collector_photo", args=[world.child_a.pk, collector.pk])
    response = login(client, world.room_practitioner).get(url)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert login(client, world.other_manager).get(url).status_code == 404
    assert login(client, world.parent_b_no_pr).get(url).status_code == 404


def test_add_collector_through_the_page_and_remove(world: Any, client: Any) -> None:
    login(client, world.parent_a)
    url = reverse("attendance:collector_add", args=[world.child_a.pk])
    response = client.post(url, {"name": "Nora Nan", "relationship": "Grandmother", "photo": photo_upload()})
    assert response.status_code == 200 and b"16 or over" in response.content
    response = client.post(
        url, {"name": "Nora Nan", "relationship": "Grandmother", "photo": photo_upload(), "is_adult": "on"}
    )
    assert response.status_code == 302
    collector = Collector.objects.get()
    page = client.get(reverse("attendance:collectors", args=[world.child_a.pk]))
    assert b"Nora Nan" in page.content and b"Rex Restrictham" not in page.content  # blocked: staff only
    staff_page = login(client, world.key_person_a).get(reverse("attendance:collectors", args=[world.child_a.pk]))
    assert b"Rex Restrictham" in staff_page.content and b"Must NOT collect" in staff_page.content
    login(client, world.administrator)  # the office, on the family's behalf
    response = client.post(reverse("attendance:collector_remove", args=[world.child_a.pk, collector.pk]))
    assert response.status_code == 302
    collector.refresh_from_db()
    assert collector.removed_at is not None
    assert "Nora Nan" not in {r.name for r in collectors_today(world.child_a)}


# --- release at the door ----------------------------------------------------------------------


def test_release_to_a_parent_records_who_released_to_whom(world: Any, committed: Any) -> None:
    attendance = present(world.child_a)
    with committed():
        done = services.release(
            actor=world.room_practitioner,
            attendance=attendance,
            collector=key_of(world.child_a, "Penny Parentish"),
            check="known",
        )
    assert done.state == Attendance.State.LEFT and done.left_at is not None
    assert done.released_by == world.room_practitioner and done.collected_by == world.adult_a
    assert done.collected_by_name == "Penny Parentish" and done.collection_check == "known"
    assert AuditEvent.objects.filter(event="attendance.child.released", object_id=attendance.pk).exists()


def test_restricted_adult_is_blocked_and_audited(world: Any, committed: Any) -> None:
    attendance = present(world.child_a)
    with committed(), pytest.raises(ValidationError) as error:
        services.release(
            actor=world.key_person_a,
            attendance=attendance,
            collector=key_of(world.child_a, "Rex Restrictham"),
            check="known",
        )
    text = " ".join(error.value.messages)
    assert "Do not release Amelia Ashcombe to Rex Restrictham" in text and "manager" in text
    attendance.refresh_from_db()
    assert attendance.state == Attendance.State.PRESENT
    assert AuditEvent.objects.filter(event="attendance.release.blocked").count() == 1


def test_restricted_adult_is_blocked_on_the_page(world: Any, client: Any) -> None:
    attendance = present(world.child_a)
    login(client, world.room_practitioner)
    url = reverse("attendance:release", args=[world.child_a.pk])
    page = client.get(url)
    assert page.status_code == 200 and b"Must NOT collect" in page.content and b"Rex Restrictham" in page.content
    response = client.post(url, {"collector": key_of(world.child_a, "Rex Restrictham"), "known": "on"})
    assert response.status_code == 400
    assert b"Do not release Amelia Ashcombe to Rex Restrictham" in response.content
    attendance.refresh_from_db()
    assert attendance.state == Attendance.State.PRESENT


def test_someone_not_on_the_list_is_refused(world: Any, client: Any) -> None:
    attendance = present(world.child_a)
    for key in ("adult:999999", f"adult:{world.adult_b.pk}", "collector:1", "nonsense"):
        with pytest.raises(ValidationError) as error:
            services.release(actor=world.key_person_a, attendance=attendance, collector=key, check="known")
        assert "Not authorised" in " ".join(error.value.messages)
    response = login(client, world.key_person_a).post(
        reverse("attendance:release", args=[world.child_a.pk]), {"collector": f"adult:{world.adult_b.pk}"}
    )
    assert response.status_code == 400
    attendance.refresh_from_db()
    assert attendance.state == Attendance.State.PRESENT


def test_release_through_the_page(world: Any, client: Any) -> None:
    attendance = present(world.child_a)
    login(client, world.room_practitioner)
    url = reverse("attendance:release", args=[world.child_a.pk])
    response = client.post(url, {"collector": key_of(world.child_a, "Penny Parentish"), "known": "on"})
    assert response.status_code == 302
    attendance.refresh_from_db()
    assert attendance.state == Attendance.State.LEFT and attendance.released_by == world.room_practitioner
    page = client.get(url)
    assert b"has gone home" in page.content


def test_a_second_release_is_refused_and_says_by_whom(world: Any) -> None:
    attendance = present(world.child_a)
    key = key_of(world.child_a, "Penny Parentish")
    stale = Attendance.objects.get(pk=attendance.pk)  # the other tablet's copy, loaded before
    services.release(actor=world.room_practitioner, attendance=attendance, collector=key, check="known")
    with pytest.raises(ValidationError) as error:
        services.release(actor=world.key_person_a, attendance=stale, collector=key, check="known")
    text = " ".join(error.value.messages)
    assert "already gone home" in text and "Rowan Roomfield" in text
    attendance.refresh_from_db()
    assert attendance.released_by == world.room_practitioner


def test_a_child_not_signed_in_cannot_be_released(world: Any) -> None:
    attendance = Attendance.objects.create(child=world.child_a, state=Attendance.State.WAITING)
    with pytest.raises(ValidationError, match="not been signed in"):
        services.release(
            actor=world.manager,
            attendance=attendance,
            collector=key_of(world.child_a, "Penny Parentish"),
            check="known",
        )


def test_unknown_collector_needs_identity_and_never_its_number(world: Any) -> None:
    services.add_collector(
        actor=world.manager, child=world.child_a, name="Nora Nan", relationship="Grandmother", is_adult=True
    )
    attendance = present(world.child_a)
    key = key_of(world.child_a, "Nora Nan")
    with pytest.raises(ValidationError) as error:
        services.release(actor=world.manager, attendance=attendance, collector=key, check="identity")
    assert "identity_note" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.release(
            actor=world.manager,
            attendance=attendance,
            collector=key,
            check="identity",
            identity_note="Passport 123456789",
        )
    assert "never" in " ".join(error.value.message_dict["identity_note"]).lower()
    done = services.release(
        actor=world.manager, attendance=attendance, collector=key, check="identity", identity_note="Driving licence"
    )
    assert done.identity_note == "Driving licence" and done.collection_check == "identity"
    assert done.collected_by_name == "Nora Nan"


# --- one-off permission -----------------------------------------------------------------------


def test_one_off_works_only_on_its_day_and_needs_identity(world: Any) -> None:
    tomorrow = one_off_for(world, timezone.localdate() + dt.timedelta(days=1))
    attendance = present(world.child_a)
    with pytest.raises(ValidationError, match="Not authorised"):
        services.release(
            actor=world.key_person_a,
            attendance=attendance,
            collector=f"one_off:{tomorrow.pk}",
            check="identity",
            identity_note="Passport",
        )
    today = one_off_for(world)
    assert today.granted_by == world.adult_a and today.signed_name == "Penny Parentish"
    with pytest.raises(ValidationError) as error:
        services.release(
            actor=world.key_person_a, attendance=attendance, collector=f"one_off:{today.pk}", check="known"
        )
    assert "identity_note" in error.value.message_dict
    done = services.release(
        actor=world.key_person_a,
        attendance=attendance,
        collector=f"one_off:{today.pk}",
        check="identity",
        identity_note="Passport",
    )
    assert done.one_off == today and done.collected_by_name == "Gina Goodneighbour" and done.collected_by is None
    with pytest.raises(ValidationError, match="already collected"):
        services.cancel_one_off(actor=world.parent_a, one_off=today)


def test_one_off_only_from_a_parent_with_parental_responsibility(world: Any, client: Any) -> None:
    kwargs = dict(date=timezone.localdate(), name="Gina G", relationship="Friend", description="Tall", is_adult=True)
    for actor, child in (
        (world.manager, world.child_a),
        (world.parent_b_no_pr, world.child_b),
        (world.restricted_parent, world.child_a),
    ):
        with pytest.raises(Http404):
            services.grant_one_off(actor=actor, child=child, typed_name=actor.get_full_name(), **kwargs)
    with pytest.raises(ValidationError) as error:
        services.grant_one_off(
            actor=world.parent_a,
            child=world.child_a,
            typed_name="Someone Else",
            **{**kwargs, "date": timezone.localdate() - dt.timedelta(days=1), "is_adult": False},
        )
    assert {"date", "is_adult", "typed_name"} <= set(error.value.message_dict)
    assert not OneOffCollector.objects.exists()
    url = reverse("attendance:one_off", args=[world.child_b.pk])
    assert login(client, world.parent_b_no_pr).get(url).status_code == 404


def test_one_off_through_the_page_then_cancelled(world: Any, client: Any) -> None:
    login(client, world.parent_a)
    response = client.post(
        reverse("attendance:one_off", args=[world.child_a.pk]),
        {
            "date": timezone.localdate().isoformat(),
            "name": "Gina Goodneighbour",
            "relationship": "Neighbour",
            "description": "Red coat",
            "is_adult": "on",
            "typed_name": "Penny Parentish",
        },
    )
    assert response.status_code == 302
    one_off = OneOffCollector.objects.get()
    staff = login(client, world.room_practitioner).get(reverse("attendance:release", args=[world.child_a.pk]))
    assert b"Gina Goodneighbour" not in staff.content  # not signed in: no form
    present(world.child_a)
    staff = client.get(reverse("attendance:release", args=[world.child_a.pk]))
    assert b"Gina Goodneighbour" in staff.content and b"Red coat" in staff.content
    login(client, world.parent_a)
    client.post(reverse("attendance:one_off_cancel", args=[world.child_a.pk, one_off.pk]))
    one_off.refresh_from_db()
    assert one_off.cancelled_at is not None
    assert "Gina Goodneighbour" not in {r.name for r in collectors_today(world.child_a)}


# --- the collection password ------------------------------------------------------------------


def test_password_is_hashed_at_rest(world: Any, client: Any) -> None:
    row = services.set_password(actor=world.parent_a, child=world.child_a, password="purple giraffe")
    stored = CollectionPassword.objects.get(child=world.child_a)
    assert stored.password_hash != "purple giraffe" and "giraffe" not in stored.password_hash
    assert check_hash("purple giraffe", stored.password_hash)
    assert row.set_by == world.parent_a
    for bad in ("abc", "Amelia", "amelia ashcombe", "AmeliaRocks"):
        with pytest.raises(ValidationError):
            services.set_password(actor=world.parent_a, child=world.child_a, password=bad)
    page = login(client, world.parent_a).get(reverse("attendance:collection_password", args=[world.child_a.pk]))
    assert b"purple giraffe" not in page.content
    response = client.post(
        reverse("attendance:collection_password", args=[world.child_a.pk]), {"password": "blue whale"}
    )
    assert response.status_code == 302
    assert check_hash("blue whale", CollectionPassword.objects.get(child=world.child_a).password_hash)


def test_only_a_parent_with_pr_sets_the_password(world: Any, client: Any) -> None:
    for actor, child in (
        (world.parent_b_no_pr, world.child_b),
        (world.manager, world.child_a),
        (world.restricted_parent, world.child_a),
    ):
        with pytest.raises(Http404):
            services.set_password(actor=actor, child=child, password="secret words")
    url = reverse("attendance:collection_password", args=[world.child_b.pk])
    assert login(client, world.parent_b_no_pr).post(url, {"password": "secret words"}).status_code == 404
    assert (
        login(client, world.parent_b_no_pr)
        .post(
            reverse("attendance:collector_add", args=[world.child_b.pk]),
            {"name": "X Y", "relationship": "Friend", "is_adult": "on"},
        )
        .status_code
        == 404
    )
    assert not CollectionPassword.objects.exists() and not Collector.objects.exists()


def test_failed_password_alerts_managers_and_is_audited(world: Any, committed: Any) -> None:
    services.set_password(actor=world.parent_a, child=world.child_a, password="purple giraffe")
    mail.outbox.clear()
    with committed(), pytest.raises(ValidationError) as error:
        services.check_password(actor=world.key_person_a, child=world.child_a, attempt="purple hippo")
    assert "not Amelia Ashcombe's collection password" in " ".join(error.value.messages)
    attempt = PasswordAttempt.objects.get()
    assert not attempt.succeeded and attempt.checked_by == world.key_person_a
    assert AuditEvent.objects.filter(event="attendance.password.failed", object_id=attempt.pk).exists()
    to = sorted(m.to[0] for m in mail.outbox)
    assert to == sorted([world.manager.email, world.deputy.email])
    assert "purple" not in mail.outbox[0].body and "hippo" not in mail.outbox[0].body


def test_three_failures_lock_the_password_for_the_day(world: Any, committed: Any) -> None:
    services.set_password(actor=world.parent_a, child=world.child_a, password="purple giraffe")
    for _ in range(3):
        with pytest.raises(ValidationError):
            services.check_password(actor=world.key_person_a, child=world.child_a, attempt="wrong")
    with pytest.raises(ValidationError) as error:
        services.check_password(actor=world.key_person_a, child=world.child_a, attempt="purple giraffe")
    assert "locked until tomorrow" in " ".join(error.value.messages)
    assert PasswordAttempt.objects.filter(succeeded=False).count() == 3
    # yesterday's failures do not count today
    PasswordAttempt.objects.update(at=timezone.now() - dt.timedelta(days=1))
    assert services.check_password(actor=world.key_person_a, child=world.child_a, attempt="purple giraffe").succeeded


def test_release_on_the_password_with_a_one_off_and_identity(world: Any, client: Any) -> None:
    services.set_password(actor=world.parent_a, child=world.child_a, password="purple giraffe")
    attendance = present(world.child_a)
    with pytest.raises(ValidationError):
        services.release(
            actor=world.manager,
            attendance=attendance,
            collector="password",
            check="password",
            collector_name="Sam Stranger",
            collector_is_adult=True,
            identity_note="Passport",
            password="wrong words",
        )
    attendance.refresh_from_db()
    assert attendance.state == Attendance.State.PRESENT
    assert PasswordAttempt.objects.filter(succeeded=False).count() == 1  # kept though the release failed
    login(client, world.room_practitioner)
    response = client.post(
        reverse("attendance:release", args=[world.child_a.pk]),
        {
            "collector": "password",
            "collector_name": "Sam Stranger",
            "is_adult": "on",
            "password": "purple giraffe",
            "identity_note": "Driving licence",
        },
    )
    assert response.status_code == 302
    attendance.refresh_from_db()
    assert attendance.state == Attendance.State.LEFT and attendance.collection_check == "password"
    assert attendance.collected_by_name == "Sam Stranger" and attendance.identity_note == "Driving licence"


# --- access -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, extra",
    [
        ("attendance:collectors", []),
        ("attendance:collector_add", []),
        ("attendance:one_off", []),
        ("attendance:collection_password", []),
        ("attendance:release", []),
    ],
)
def test_strangers_and_other_families_get_404(world: Any, client: Any, name: str, extra: list[int]) -> None:
    url = reverse(name, args=[world.child_a.pk, *extra])
    for persona in ("nobody", "other_manager", "parent_b_no_pr", "restricted_parent", "other_parent"):
        assert login(client, world[persona]).get(url).status_code == 404, persona


def test_volunteer_and_administrator_cannot_release(world: Any, client: Any) -> None:
    attendance = present(world.child_a)
    for persona in ("volunteer", "administrator", "parent_a"):
        with pytest.raises(Http404):
            services.release(
                actor=world[persona],
                attendance=attendance,
                collector=key_of(world.child_a, "Penny Parentish"),
                check="known",
            )
        assert (
            login(client, world[persona]).get(reverse("attendance:release", args=[world.child_a.pk])).status_code == 404
        )


def test_release_page_queries_do_not_grow(world: Any, client: Any, django_assert_max_num_queries: Any) -> None:
    present(world.child_a)
    Collector.objects.bulk_create(
        [Collector(child=world.child_a, name=f"Person {i}", relationship="Friend", is_adult=True) for i in range(50)]
    )
    login(client, world.room_practitioner)
    url = reverse("attendance:release", args=[world.child_a.pk])
    client.get(url)
    with django_assert_max_num_queries(25):
        page = client.get(url)
    assert page.status_code == 200 and b"Person 49" in page.content
