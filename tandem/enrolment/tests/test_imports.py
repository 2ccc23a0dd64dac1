"""Bringing families in from a CSV file: a preview, every bad row named, all or nothing."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tandem.conftest import login
from tandem.enrolment.models import ImportBatch
from tandem.enrolment.services import imports as services
from tandem.people.models import Adult, Child, ChildAdult

pytestmark = pytest.mark.django_db
HEADER = list(services.COLUMNS)


def csv_text(*rows: dict[str, str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER)
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue()


def row(**values: str) -> dict[str, str]:
    base = {
        "child_first_name": "Poppy",
        "child_last_name": "Pennington",
        "child_date_of_birth": "14/03/2023",
        "adult_first_name": "Grace",
        "adult_last_name": "Pennington",
        "adult_email": "grace.pennington@example.com",
        "relationship": "Birth parent",
        "parental_responsibility": "yes",
        "lives_with_child": "yes",
        "emergency_contact_order": "1",
    }
    return base | values


def upload(client: Client, world: Any, text: str) -> Any:
    data = SimpleUploadedFile("families.csv", text.encode(), content_type="text/csv")
    return client.post(f"/settings/{world.setting.pk}/import/", {"file": data})


def test_a_good_file_is_previewed_then_imported_with_siblings_and_invitations(
    client: Client, world: Any, committed: Any
) -> None:
    text = csv_text(
        row(room="Acorn Room", key_person_email=world.key_person_a.email),
        row(adult_first_name="Tom", adult_email="tom.pennington@example.com", parental_responsibility="yes",
            emergency_contact_order="2"),
        row(child_first_name="Jasper", child_date_of_birth="2024-01-02", room="Acorn Room"),  # a sibling
    )  # fmt: skip
    login(client, world.manager)
    before = Child.objects.count()
    response = upload(client, world, text)
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Every row is right" in page
    assert "Poppy Pennington" in page and "Jasper Pennington" in page
    assert Child.objects.count() == before  # nothing written by the preview

    with committed():
        done = client.post(response["Location"], {"invite": "on"})
    assert done.status_code == 302
    poppy = Child.objects.get(first_name="Poppy", last_name="Pennington")
    jasper = Child.objects.get(first_name="Jasper", last_name="Pennington")
    assert poppy.room == world.room_1 and poppy.key_person == world.key_person_a
    grace = Adult.objects.get(email="grace.pennington@example.com")
    assert set(ChildAdult.objects.filter(adult=grace).values_list("child", flat=True)) == {poppy.pk, jasper.pk}
    assert ChildAdult.objects.get(child=poppy, adult__first_name="Tom").emergency_priority == 2
    batch = ImportBatch.objects.get()
    assert batch.children_created == 2 and batch.adults_created == 2 and batch.invitations_sent == 2
    assert batch.content == ""  # no second copy of the families' data
    assert sorted(m.to[0] for m in mail.outbox) == ["grace.pennington@example.com", "tom.pennington@example.com"]
    again = client.get(response["Location"])
    assert "Import finished" in again.content.decode()


def test_every_bad_row_is_named_and_nothing_is_written(client: Client, world: Any) -> None:
    text = csv_text(
        row(),
        row(child_first_name="Nodate", child_date_of_birth="31/02/2023"),
        row(child_first_name="Roomless", room="Narnia"),
        row(child_first_name="Bad", adult_email="not-an-email", parental_responsibility="maybe"),
        row(child_first_name="Amelia", child_last_name="Ashcombe", child_date_of_birth=world.child_a.date_of_birth
            .strftime("%d/%m/%Y")),
    )  # fmt: skip
    login(client, world.manager)
    before = (Child.objects.count(), Adult.objects.count())
    response = upload(client, world, text)
    page = client.get(response["Location"]).content.decode()
    assert "need fixing" in page
    assert "child_date_of_birth is not a date" in page
    assert "there is no room called &#x27;Narnia&#x27;" in page
    assert "adult_email is not an email address; parental_responsibility must be yes or no" in page
    assert "This child is already in Tandem" in page
    # confirming anyway writes nothing
    client.post(response["Location"], {"invite": "on"})
    assert (Child.objects.count(), Adult.objects.count()) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"child_first_name,child_last_name\nA,B\n", "Missing: child_date_of_birth"),
        ("\ufeffwhat,ever\n1,2\n".encode(), "Missing"),
        (b"\xff\xfe\x00\x00garbage", "not a CSV file"),
        ("child_first_name\n".encode("utf-16"), "not a CSV file"),
    ],
)
def test_a_file_that_is_not_our_csv_gets_a_clear_message(
    client: Client, world: Any, content: bytes, message: str
) -> None:
    login(client, world.manager)
    response = client.post(
        f"/settings/{world.setting.pk}/import/", {"file": SimpleUploadedFile("x.csv", content)}, follow=True
    )
    assert response.status_code == 200
    assert message in response.content.decode()


def test_only_record_keepers_of_this_setting_may_import(client: Client, world: Any) -> None:
    for persona, status in [("key_person_a", 403), ("parent_a", 403), ("other_manager", 404), ("administrator", 200)]:
        login(client, world[persona])
        assert client.get(f"/settings/{world.setting.pk}/import/").status_code in (
            status,
            404 if status == 403 else status,
        )
    login(client, world.other_manager)
    assert client.get(f"/settings/{world.setting.pk}/import/template.csv").status_code == 404


def test_a_batch_of_another_setting_is_not_found(client: Client, world: Any) -> None:
    batch = ImportBatch.objects.create(setting=world.other_setting, uploaded_by=world.other_manager, file_name="x.csv")
    login(client, world.manager)
    assert client.get(f"/settings/{world.setting.pk}/import/{batch.pk}/").status_code == 404


def test_the_template_downloads_and_is_itself_valid(client: Client, world: Any) -> None:
    login(client, world.manager)
    response = client.get(f"/settings/{world.setting.pk}/import/template.csv")
    assert response["Content-Type"].startswith("text/csv")
    world.setting.rooms.create(name="Caterpillars")
    plan = services.plan_import(setting=world.setting, content=response.content.decode())
    assert plan.ok, plan.errors


def test_a_later_row_may_leave_child_details_empty_but_not_contradict_them(world: Any) -> None:
    world.setting.rooms.create(name="Oak Room")
    ok = services.plan_import(
        setting=world.setting,
        content=csv_text(row(room="Acorn Room"), row(adult_first_name="Tom", adult_email="tom@example.com")),
    )
    assert ok.ok and len(ok.children) == 1 and len(ok.adults) == 2
    clash = services.plan_import(
        setting=world.setting,
        content=csv_text(
            row(room="Acorn Room"), row(adult_first_name="Tom", adult_email="t@example.com", room="Oak Room")
        ),
    )
    assert [(e.row, e.message) for e in clash.errors] == [(3, "This child is on row 2 with a different room.")]


def test_cells_that_once_crashed_the_preview_are_named_instead(world: Any) -> None:
    superscript = services.plan_import(setting=world.setting, content=csv_text(row(emergency_contact_order="²")))
    assert [e.message for e in superscript.errors] == [
        "emergency_contact_order must be a number from 1 to 9, or empty."
    ]
    long_name = services.plan_import(setting=world.setting, content=csv_text(row(child_first_name="A" * 150)))
    assert "child_first_name is longer than 100 characters" in long_name.errors[0].message
    with pytest.raises(ValidationError):  # a cell beyond the CSV reader's limit is refused at upload
        services.upload(
            actor=world.manager, setting=world.setting, file_name="x.csv",
            data=(",".join(HEADER) + '\n"' + "x" * 140_000 + '"\n').encode(),
        )  # fmt: skip


def test_importing_twice_writes_once(world: Any) -> None:
    batch = services.upload(
        actor=world.manager, setting=world.setting, file_name="f.csv", data=csv_text(row()).encode()
    )
    stale = ImportBatch.objects.get(pk=batch.pk)  # a second request that loaded the batch before the first finished
    services.run_import(actor=world.manager, batch=batch, invite=False)
    with pytest.raises(ValidationError, match="already been imported"):
        services.run_import(actor=world.manager, batch=stale, invite=False)
    assert Child.objects.filter(first_name="Poppy").count() == 1


def test_an_abandoned_upload_keeps_no_copy_once_another_is_made(world: Any) -> None:
    first = services.upload(
        actor=world.manager, setting=world.setting, file_name="a.csv", data=csv_text(row()).encode()
    )
    services.upload(actor=world.manager, setting=world.setting, file_name="b.csv", data=csv_text(row()).encode())
    first.refresh_from_db()
    assert first.content == ""
