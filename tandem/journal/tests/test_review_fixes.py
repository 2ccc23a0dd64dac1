"""Defects found in review of the learning journal, each with the test that showed it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tandem.conftest import login
from tandem.enrolment.models import ConsentCode
from tandem.journal import tasks_media
from tandem.journal.models import Book, Media, Observation, ObservationChild
from tandem.journal.services import home as home_services
from tandem.journal.services import observations as services
from tandem.journal.services.media import keep_uploads

from .helpers_boards_book import decide, jpeg, observation, ready_photo

pytestmark = pytest.mark.django_db

HUGE = 10**20


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def files_in(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


# --- 500 on an out-of-range observation id -------------------------------------------------------


@pytest.mark.parametrize("who", ["manager", "parent_a"])
def test_an_out_of_range_observation_id_is_not_found(world: Any, client: Any, who: str) -> None:
    login(client, world[who])
    detail = reverse("journal:observation", args=[world.child_a.pk, 987654]).replace("987654", str(HUGE))
    assert client.get(detail).status_code == 404
    comment = reverse("journal:observation_comment", args=[world.child_a.pk, 987654]).replace("987654", str(HUGE))
    assert client.post(comment, {"text": "Hello"}).status_code == 404


# --- staff editing a home observation could show a family's own photos to another family ---------


def _acknowledged_home_observation(world: Any, committed: Any) -> Observation:
    with committed():
        obs = home_services.add_home_observation(
            actor=world.parent_a,
            child=world.child_a,
            text="Baked bread with Grandma.",
            photos=[SimpleUploadedFile("bread.jpg", jpeg(), content_type="image/jpeg")],
        )
    home_services.acknowledge(actor=world.manager, child=world.child_a, observation=obs)
    obs.refresh_from_db()
    assert obs.is_published and obs.media.get().is_ready
    return obs


def test_a_home_observation_cannot_be_given_another_child(world: Any, client: Any, committed: Any) -> None:
    obs = _acknowledged_home_observation(world, committed)
    with pytest.raises(ValidationError) as error:
        services.update_observation(
            actor=world.manager, observation=obs, child_ids=[world.child_a.pk, world.child_b.pk], text=obs.text
        )
    assert "children" in error.value.message_dict
    assert not ObservationChild.objects.filter(observation=obs, child=world.child_b).exists()
    # child B's family never sees the photos child A's family took at home
    media = obs.media.get()
    login(client, world.parent_b_no_pr)
    assert client.get(reverse("journal:child_media", args=[world.child_b.pk, media.pk])).status_code == 404


def test_staff_cannot_add_photos_to_a_home_observation(world: Any, committed: Any) -> None:
    """The family's photos from home are shown without the setting's photo consent (the family chose
    to share them); a photo staff add there would bypass the consent of every child it pictures."""
    obs = _acknowledged_home_observation(world, committed)
    with pytest.raises(ValidationError) as error:
        services.update_observation(
            actor=world.manager,
            observation=obs,
            child_ids=[world.child_a.pk],
            text=obs.text,
            uploads=[SimpleUploadedFile("group.jpg", jpeg(), content_type="image/jpeg")],
        )
    assert "uploads" in error.value.message_dict
    assert obs.media.count() == 1


# --- a photo removed while it is being prepared ----------------------------------------------------


def test_a_photo_deleted_while_being_prepared_leaves_no_files_and_no_crash(
    world: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    obs = observation(world, [world.child_a], shared=False)
    (media,) = keep_uploads(
        actor=world.key_person_a,
        setting=world.setting,
        uploads=[SimpleUploadedFile("a.jpg", jpeg(), content_type="image/jpeg")],
        observation_id=obs.pk,
        children=[world.child_a.pk],
    )
    real = tasks_media.reencode_photo

    def reencode_then_removed(data: bytes, sides: list[int]) -> Any:
        result = real(data, sides)
        Media.objects.filter(pk=media.pk).delete()  # someone removes it meanwhile
        return result

    monkeypatch.setattr(tasks_media, "reencode_photo", reencode_then_removed)
    assert tasks_media.process_media.call(media.pk) is False
    assert files_in(tmp_path) == []


# --- a ready book still handed out after consent was withdrawn or an observation unshared ----------


def _ready_book(world: Any) -> Book:
    book = Book.objects.create(
        child=world.child_a,
        requested_by=world.parent_a,
        state=Book.State.READY,
        progress=100,
        finished_at=timezone.now(),
    )
    book.pdf.save("book.pdf", ContentFile(b"%PDF-1.7 fake"), save=True)
    return book


def test_a_book_made_before_photo_consent_was_withdrawn_is_not_downloaded(
    world: Any, client: Any, committed: Any
) -> None:
    decide(world, world.child_a, ConsentCode.PHOTOS_RECORDS)
    obs = observation(world, [world.child_a], title="Den building")
    ready_photo(obs, children=[world.child_a])
    book = _ready_book(world)
    login(client, world.parent_a)
    download = reverse("journal:book_download", args=[world.child_a.pk, book.pk])
    assert client.get(download).status_code == 200  # nothing changed yet
    decide(world, world.child_a, ConsentCode.PHOTOS_RECORDS, kind="withdrawn")
    name = book.pdf.name
    with committed():
        response = client.get(download)
    assert response.status_code == 302
    book.refresh_from_db()
    assert book.state == Book.State.FAILED and not book.pdf
    assert not default_storage.exists(name)
    assert client.get(download).status_code == 404


def test_a_book_made_before_an_observation_was_unshared_is_not_downloaded(world: Any, client: Any) -> None:
    obs = observation(world, [world.child_a], title="Wrong child")
    draft = observation(world, [world.child_a], title="Never shared", shared=False)
    book = _ready_book(world)
    services.update_observation(actor=world.manager, observation=draft, child_ids=[world.child_a.pk], text="Changed")
    login(client, world.parent_a)
    download = reverse("journal:book_download", args=[world.child_a.pk, book.pk])
    assert client.get(download).status_code == 200  # a draft changed since: the book is still right
    services.unpublish_observation(actor=world.manager, observation=obs)
    response = client.get(download)
    assert response.status_code == 302
    book.refresh_from_db()
    assert book.state == Book.State.FAILED


def test_two_people_starting_the_same_days_board_get_a_message_not_an_error(world: Any) -> None:
    from unittest import mock

    from django.db import IntegrityError

    from tandem.journal.services.boards import save_board

    today = timezone.localdate()
    # the other person's board lands between our check and our insert: the database refuses ours
    with (
        mock.patch("tandem.journal.models.DailyBoard.save", side_effect=IntegrityError("unique")),
        pytest.raises(ValidationError) as error,
    ):
        save_board(actor=world.room_practitioner, room=world.room_1, date=today, today="Sand and water")
    assert "already a board for that day" in str(error.value)


def test_a_book_is_a_snapshot_kept_for_a_week_or_until_the_photo_consent_is_reworded(world: Any, client: Any) -> None:
    import datetime as dt

    observation(world, [world.child_a], title="Den building")
    login(client, world.parent_a)
    week_old = _ready_book(world)
    Book.objects.filter(pk=week_old.pk).update(finished_at=timezone.now() - dt.timedelta(days=8))
    assert client.get(reverse("journal:book_download", args=[world.child_a.pk, week_old.pk])).status_code == 302
    fresh = _ready_book(world)
    download = reverse("journal:book_download", args=[world.child_a.pk, fresh.pk])
    assert client.get(download).status_code == 200
    world.consent_types[ConsentCode.PHOTOS_RECORDS].__class__.objects.filter(
        setting=world.setting, code=ConsentCode.PHOTOS_RECORDS
    ).update(version=2, updated_at=timezone.now() + dt.timedelta(seconds=1))
    assert client.get(download).status_code == 302
