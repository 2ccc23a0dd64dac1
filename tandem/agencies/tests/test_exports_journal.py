"""The journal's staff exports state a purpose (R51): a member of staff who asks for a child's
learning journal book, or downloads a progress check at two, says why, and the export is logged
(``core.ExportRecord``) before anything leaves; without a purpose nothing does. The child's family
is never asked."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tandem.conftest import login
from tandem.core.models import ExportRecord
from tandem.journal.models import Book
from tandem.journal.services import twocheck as twocheck_services
from tandem.journal.services.book import request_book
from tandem.journal.tests.helpers_boards_book import observation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def book_page(world: Any) -> str:
    return reverse("journal:book", args=[world.child_a.pk])


def ready_check(world: Any, committed: Any) -> Any:
    check = twocheck_services.start_check(actor=world.key_person_a, child=world.child_a)
    areas = {row.area_id: ("Enjoys it.", "") for row in check.areas.all()}
    check = twocheck_services.save_check(
        actor=world.key_person_a,
        check=check,
        areas=areas,
        concerns=False,
        parents_contribution="Mum says she sings.",
        plan="",
    )
    twocheck_services.sign_off(actor=world.manager, check=check)
    with committed():
        return twocheck_services.share_with_family(actor=world.key_person_a, check=check)


# --- the learning journal book -------------------------------------------------------------------


def test_staff_asking_for_the_book_without_a_purpose_is_refused(world: Any, client: Any) -> None:
    observation(world, [world.child_a])
    login(client, world.key_person_a)
    html = client.get(book_page(world)).content.decode()
    assert "Why do you need it?" in html and "For the child&#x27;s move to school" in html
    response = client.post(book_page(world))
    assert response.status_code == 400 and "Say why you need it." in response.content.decode()
    response = client.post(book_page(world), {"reason": "other", "other": ""})
    assert response.status_code == 400 and "Write the reason." in response.content.decode()
    assert not Book.objects.exists() and not ExportRecord.objects.exists()
    with pytest.raises(ValidationError):
        request_book(actor=world.manager, child=world.child_a)
    assert not Book.objects.exists() and not ExportRecord.objects.exists()


def test_staff_asking_for_the_book_with_a_purpose_is_logged(world: Any, client: Any, committed: Any) -> None:
    observation(world, [world.child_a])
    login(client, world.room_practitioner)
    with committed():
        response = client.post(book_page(world), {"reason": "transition"})
    assert response.status_code == 302
    row = ExportRecord.objects.get()
    assert (row.actor, row.child_id, row.setting_id) == (world.room_practitioner, world.child_a.pk, world.setting.pk)
    assert row.what == "Learning journal book"
    assert row.purpose == "For the child's move to school or another setting"
    book = Book.objects.get()
    download = reverse("journal:book_download", args=[world.child_a.pk, book.pk])
    assert download in client.get(book_page(world)).content.decode()
    assert client.get(download).status_code == 200


def test_staff_do_not_download_a_book_they_did_not_ask_for(world: Any, client: Any, committed: Any) -> None:
    observation(world, [world.child_a])
    with committed():
        book = request_book(actor=world.parent_a, child=world.child_a)  # the family asked: no purpose
    assert not ExportRecord.objects.exists()
    download = reverse("journal:book_download", args=[world.child_a.pk, book.pk])
    login(client, world.manager)
    html = client.get(book_page(world)).content.decode()
    assert download not in html and "say why you need it" in html
    response = client.get(download)
    assert response.status_code == 302 and response["Location"] == book_page(world)
    login(client, world.parent_a)
    assert client.get(download).status_code == 200


def test_the_family_is_never_asked_for_a_purpose(world: Any, client: Any, committed: Any) -> None:
    observation(world, [world.child_a])
    login(client, world.parent_a)
    html = client.get(book_page(world)).content.decode()
    assert "Why do you need it?" not in html
    with committed():
        assert client.post(book_page(world)).status_code == 302
    assert Book.objects.get().state == Book.State.READY and not ExportRecord.objects.exists()


# --- the progress check at two -------------------------------------------------------------------


def test_staff_downloading_a_check_without_a_purpose_is_refused(world: Any, client: Any, committed: Any) -> None:
    check = ready_check(world, committed)
    url = reverse("journal:twocheck_pdf", args=[world.child_a.pk, check.pk])
    detail = reverse("journal:twocheck_detail", args=[world.child_a.pk, check.pk])
    login(client, world.key_person_a)
    html = client.get(detail).content.decode()
    assert f'action="{url}"' in html and "For the health visitor" in html and f'href="{url}"' not in html
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == detail + "#download"
    response = client.post(url, {})
    assert response.status_code == 400 and "Say why you need it." in response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert not ExportRecord.objects.exists()


def test_staff_downloading_a_check_with_a_purpose_is_logged(world: Any, client: Any, committed: Any) -> None:
    check = ready_check(world, committed)
    url = reverse("journal:twocheck_pdf", args=[world.child_a.pk, check.pk])
    login(client, world.senco)
    with committed():
        response = client.post(url, {"reason": "other", "other": "For the area SENCO"})
    assert response.status_code == 200 and b"".join(response.streaming_content)[:4] == b"%PDF"
    row = ExportRecord.objects.get()
    assert (row.actor, row.child_id, row.what, row.purpose) == (
        world.senco,
        world.child_a.pk,
        "Progress check at two",
        "For the area SENCO",
    )


def test_a_parent_downloads_their_childs_check_without_being_asked(world: Any, client: Any, committed: Any) -> None:
    check = ready_check(world, committed)
    login(client, world.parent_a)
    detail = client.get(reverse("journal:twocheck_detail", args=[world.child_a.pk, check.pk])).content.decode()
    assert "Why do you need it?" not in detail
    response = client.get(reverse("journal:twocheck_pdf", args=[world.child_a.pk, check.pk]))
    assert response.status_code == 200 and not ExportRecord.objects.exists()
