"""Exports and prints of a child's record (R51): the setting's leaders choose the parts and state a
purpose; the export is logged first, the PDF is made in the task queue and downloaded only by whoever
asked; nothing received from another agency goes in; the manager and the DSL see the log; the log
itself is append-only down to the database."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from tandem.agencies.selectors import exports as selectors
from tandem.agencies.services.exports import request_export
from tandem.agencies.tasks_exports import make_child_export
from tandem.conftest import login
from tandem.core.exports import record_export
from tandem.core.models import AuditEvent, ExportRecord
from tandem.core.roles import SettingRole
from tandem.enrolment.models.aboutme import AllAboutMe
from tandem.factories import ChildFactory, SettingMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def page(child: Any) -> str:
    return reverse("agencies:export_child", args=[child.pk])


def log_url(setting: Any) -> str:
    return reverse("agencies:exports_log", args=[setting.pk])


# --- the log is append-only, down to the database ------------------------------------------------


@pytest.fixture
def row(world: Any) -> ExportRecord:
    return record_export(
        actor=world.manager, setting_id=world.setting.pk, what="Child's record", purpose="A test", child_id=1
    )


def test_the_model_refuses_changes(row: ExportRecord) -> None:
    row.purpose = "Changed"
    with pytest.raises(PermissionError):
        row.save()
    with pytest.raises(PermissionError):
        ExportRecord.objects.filter(pk=row.pk).update(purpose="Changed")
    with pytest.raises(PermissionError):
        ExportRecord.objects.filter(pk=row.pk).delete()


@pytest.mark.parametrize(
    "change", ["purpose = 'changed'", "what = 'changed'", "child_id = 99", "actor_id = NULL, purpose = 'changed'"]
)
def test_raw_sql_update_is_refused_by_the_database(row: ExportRecord, change: str) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE core_exportrecord SET {change}")
    assert ExportRecord.objects.get(pk=row.pk).purpose == "A test"


def test_raw_sql_delete_is_refused_by_postgresql(row: ExportRecord) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite keeps DELETE open for the test runner's table flush; the model refuses it")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_exportrecord")
    assert ExportRecord.objects.filter(pk=row.pk).exists()


def test_deleting_the_actors_account_only_forgets_who(world: Any) -> None:
    leaver = UserFactory(first_name="Lee", last_name="Leaver")
    SettingMembershipFactory(user=leaver, setting=world.setting, role=SettingRole.DEPUTY)
    row = record_export(actor=leaver, setting_id=world.setting.pk, what="Child's record", purpose="Transition")
    leaver.delete()
    kept = ExportRecord.objects.get(pk=row.pk)
    assert kept.actor_id is None and kept.purpose == "Transition" and kept.what == "Child's record"


# --- printing or exporting a child's record ----------------------------------------------------------


def test_a_leader_exports_with_a_purpose_logged_first(world: Any, client: Any, committed: Any) -> None:
    login(client, world.manager)
    html = client.get(page(world.child_a)).content.decode()
    assert "Profile and family contacts" in html and "Particular needs" in html and "Consents" in html
    assert "All About Me" not in html  # Amelia has no booklet
    with committed():
        response = client.post(page(world.child_a), {"sections": ["profile", "needs"], "reason": "transition"})
    assert response.status_code == 302
    row = ExportRecord.objects.get()
    assert (row.actor, row.child_id, row.setting_id) == (world.manager, world.child_a.pk, world.setting.pk)
    assert row.what == "Child's record: profile and family contacts, particular needs"
    assert row.purpose == "For the child's move to school or another setting"
    assert AuditEvent.objects.filter(event="core.export.made", object_id=row.pk).exists()
    status = client.get(reverse("agencies:export_status", args=[world.child_a.pk])).content.decode()
    download = reverse("agencies:export_download", args=[world.child_a.pk, row.pk])
    assert "Your PDF is ready" in status and download in status and "hx-trigger" not in status
    with committed():
        response = client.get(download)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store" and response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'attachment; filename="amelia-ashcombe-record.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(event="agencies.exports.downloaded", object_id=row.pk).exists()
    assert "amelia" not in selectors.pdf_name(row).lower()


def test_only_whoever_asked_downloads_it(world: Any, client: Any, committed: Any) -> None:
    with committed():
        row = request_export(actor=world.manager, child=world.child_a, sections=["profile"], purpose="A meeting")
    download = reverse("agencies:export_download", args=[world.child_a.pk, row.pk])
    for persona in ("deputy", "dsl", "senco"):
        login(client, world[persona])
        assert client.get(download).status_code == 404, persona
        assert download not in client.get(page(world.child_a)).content.decode()
    login(client, world.manager)
    assert client.get(download).status_code == 200


@pytest.mark.parametrize(
    "data, message",
    [
        ({"sections": ["profile"]}, "Say why you are exporting or printing it."),
        ({"sections": ["profile"], "reason": "other", "other": "  "}, "Write the reason."),
        ({"reason": "meeting"}, "Choose at least one part of the record."),
        ({"sections": ["aboutme"], "reason": "meeting"}, "Select a valid choice"),
        ({}, "Say why you are exporting or printing it."),
    ],
)
def test_without_a_purpose_or_a_section_nothing_is_exported(
    world: Any, client: Any, data: dict[str, Any], message: str
) -> None:
    login(client, world.senco)
    response = client.post(page(world.child_a), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not ExportRecord.objects.exists()


def test_a_typed_purpose_is_kept(world: Any, client: Any, committed: Any) -> None:
    login(client, world.dsl)
    with committed():
        client.post(page(world.child_a), {"sections": ["consents"], "reason": "other", "other": "  For the  LADO "})
    assert ExportRecord.objects.get().purpose == "For the LADO"


def test_the_service_refuses_a_part_the_person_may_not_export(world: Any) -> None:
    with pytest.raises(ValidationError) as error:
        request_export(actor=world.manager, child=world.child_a, sections=["aboutme"], purpose="A meeting")
    assert "sections" in error.value.message_dict
    with pytest.raises(ValidationError):
        request_export(actor=world.manager, child=world.child_a, sections=["profile"], purpose=" ")
    assert not ExportRecord.objects.exists()


def test_one_export_at_a_time(world: Any) -> None:
    request_export(actor=world.manager, child=world.child_a, sections=["profile"], purpose="A meeting")  # not run
    with pytest.raises(ValidationError) as error:
        request_export(actor=world.manager, child=world.child_a, sections=["profile"], purpose="A meeting")
    assert "still being made" in str(error.value)
    assert ExportRecord.objects.count() == 1


def test_the_record_holds_the_chosen_parts_and_nothing_received(world: Any) -> None:
    AllAboutMe.objects.create(child=world.child_a, interests="Dinosaurs and puddles")
    row = record_export(actor=world.manager, setting_id=world.setting.pk, what="x", purpose="y", child_id=1)
    sections = [code for code, _ in selectors.available_sections(world.manager, world.child_a)]
    assert sections == ["profile", "needs", "consents", "aboutme"]
    context = selectors.record_context(world.manager, world.child_a, sections, row)
    html = render_to_string("agencies/exports/pdf.html", context)
    assert "Amelia Ashcombe" in html and "Penny Parentish" in html  # profile and family
    assert "Peanut allergy" in html and "Dinosaurs and puddles" in html
    for received in (world.received_note_a, world.received_safeguarding_a):
        assert received.title not in html and received.body not in html
    assert "<script" not in html
    only_needs = render_to_string(
        "agencies/exports/pdf.html", selectors.record_context(world.manager, world.child_a, ["needs"], row)
    )
    assert "Peanut allergy" in only_needs and "Penny Parentish" not in only_needs


def test_a_failure_is_plain_and_logged_anyway(world: Any, client: Any, committed: Any, monkeypatch: Any) -> None:
    def broken(html: str) -> bytes:
        raise RuntimeError("boom")

    monkeypatch.setattr("tandem.agencies.tasks_exports.render_pdf", broken)
    login(client, world.deputy)
    with committed():
        client.post(page(world.child_a), {"sections": ["profile"], "reason": "meeting"})
    row = ExportRecord.objects.get()  # the purpose was logged before anything was made
    html = client.get(page(world.child_a)).content.decode()
    assert "could not be made" in html and "boom" not in html
    assert client.get(reverse("agencies:export_download", args=[world.child_a.pk, row.pk])).status_code == 404
    monkeypatch.undo()
    with committed():
        client.post(page(world.child_a), {"sections": ["profile"], "reason": "meeting"})
    assert ExportRecord.objects.count() == 2
    assert "Your PDF is ready" in client.get(page(world.child_a)).content.decode()


def test_progress_is_polled_while_it_is_made(world: Any, client: Any) -> None:
    request_export(actor=world.manager, child=world.child_a, sections=["profile"], purpose="A meeting")  # not run
    login(client, world.manager)
    html = client.get(page(world.child_a)).content.decode()
    status = reverse("agencies:export_status", args=[world.child_a.pk])
    assert "being made" in html and f'hx-get="{status}"' in html and 'hx-trigger="every 2s"' in html


def test_the_task_checks_the_person_may_still_export(world: Any) -> None:
    row = request_export(actor=world.senco, child=world.child_a, sections=["profile"], purpose="A meeting")
    world.senco.setting_memberships.update(active=False)
    assert make_child_export.call(row.pk, ["profile"]) is False
    assert not default_storage.exists(selectors.pdf_name(row))
    assert selectors.state_of(row).state == "failed"


def test_a_pdf_is_kept_for_a_day(world: Any, client: Any, committed: Any) -> None:
    with committed():
        row = request_export(actor=world.manager, child=world.child_a, sections=["profile"], purpose="A meeting")
    name = selectors.pdf_name(row)
    assert default_storage.exists(name)
    with time_machine.travel(timezone.now() + dt.timedelta(days=2)):
        login(client, world.manager)
        assert client.get(reverse("agencies:export_download", args=[world.child_a.pk, row.pk])).status_code == 404
    assert not default_storage.exists(name)


def test_a_new_export_replaces_the_last_pdf(world: Any, committed: Any) -> None:
    with committed():
        first = request_export(actor=world.manager, child=world.child_a, sections=["profile"], purpose="A meeting")
    with committed():
        request_export(actor=world.manager, child=world.child_a, sections=["needs"], purpose="A meeting")
    assert not default_storage.exists(selectors.pdf_name(first))
    assert ExportRecord.objects.count() == 2  # the log keeps both


@pytest.mark.parametrize(
    "persona",
    [
        "key_person_a",
        "room_practitioner",
        "administrator",
        "volunteer",
        "parent_a",
        "owner",
        "professional",
        "other_manager",
        "nobody",
    ],
)
def test_others_may_not_export(world: Any, client: Any, persona: str) -> None:
    with transaction.atomic():
        row = request_export(actor=world.manager, child=world.child_a, sections=["profile"], purpose="A meeting")
    login(client, world[persona])
    for url in (
        page(world.child_a),
        reverse("agencies:export_status", args=[world.child_a.pk]),
        reverse("agencies:export_download", args=[world.child_a.pk, row.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(page(world.child_a), {"sections": ["profile"], "reason": "meeting"}).status_code == 404
    assert ExportRecord.objects.count() == 1


def test_the_staff_record_links_to_the_export_for_leaders_only(world: Any, client: Any) -> None:
    login(client, world.senco)
    assert page(world.child_a) in client.get(reverse("people:child", args=[world.child_a.pk])).content.decode()
    login(client, world.key_person_a)
    assert page(world.child_a) not in client.get(reverse("people:child", args=[world.child_a.pk])).content.decode()


# --- the log ------------------------------------------------------------------------------------


def _log_rows(world: Any, count: int) -> None:
    other = ChildFactory(setting=world.setting, room=world.room_1, first_name="Fenella", last_name="Fernsby")
    for i in range(count):
        record_export(
            actor=world.senco if i % 2 else world.deputy,
            setting_id=world.setting.pk,
            what="Learning journal book" if i % 3 else "Child's record: needs",
            purpose=f"Purpose number {i}",
            child_id=world.child_a.pk if i % 2 else other.pk,
        )


@pytest.mark.parametrize("persona", ["manager", "dsl"])
def test_the_manager_and_dsl_see_every_export_newest_first(world: Any, client: Any, persona: str) -> None:
    _log_rows(world, 3)
    record_export(actor=world.other_manager, setting_id=world.other_setting.pk, what="x", purpose="Elsewhere")
    login(client, world[persona])
    html = client.get(log_url(world.setting)).content.decode()
    assert html.index("Purpose number 2") < html.index("Purpose number 1") < html.index("Purpose number 0")
    assert "Elsewhere" not in html
    assert "Amelia Ashcombe" in html and "Fenella Fernsby" in html and "Selma Sencourt" in html
    assert "Child&#x27;s record: needs" in html and "Learning journal book" in html
    office = client.get(reverse("core:office")).content.decode()
    assert "Exports and prints" in office and log_url(world.setting) in office


def test_the_log_filters_by_child(world: Any, client: Any) -> None:
    _log_rows(world, 4)
    login(client, world.manager)
    html = client.get(log_url(world.setting), {"child": world.child_a.pk}).content.decode()
    assert "Purpose number 1" in html and "Purpose number 3" in html
    assert "Purpose number 0" not in html and "Purpose number 2" not in html
    assert client.get(log_url(world.setting), {"child": "nonsense"}).status_code == 200


def test_the_log_is_paginated_and_its_queries_do_not_grow(
    world: Any, client: Any, django_assert_max_num_queries: Any
) -> None:
    from django.test.utils import CaptureQueriesContext

    login(client, world.manager)
    _log_rows(world, 2)
    client.get(log_url(world.setting))
    with CaptureQueriesContext(connection) as few:
        client.get(log_url(world.setting))
    _log_rows(world, 60)
    with django_assert_max_num_queries(len(few)):
        html = client.get(log_url(world.setting)).content.decode()
    assert "Page 1 of 3" in html
    assert "Page 3 of 3" in client.get(log_url(world.setting), {"page": 3}).content.decode()


@pytest.mark.parametrize(
    "persona", ["deputy", "senco", "key_person_a", "administrator", "parent_a", "owner", "other_manager", "nobody"]
)
def test_others_do_not_see_the_log(world: Any, client: Any, persona: str) -> None:
    login(client, world[persona])
    assert client.get(log_url(world.setting)).status_code == 404
