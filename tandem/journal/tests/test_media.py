"""Journal photos and videos (R20): upload checks on the form, cleaning, serving, consent at the point of use."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from tandem.conftest import login
from tandem.core.tests.test_photos import jpeg_with_gps
from tandem.journal.models import Media, Observation
from tandem.journal.selectors.observations import media_blocks
from tandem.journal.services import observations as services

from .helpers_observations import decide, jpeg, observation, ready_photo, share
from .test_processing import phone_video

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _world_observation_shared(world: Any) -> None:
    share(world.observation_a)


def files_in(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def media_url(child: Any, media: Media, variant: str = "display") -> str:
    name = "journal:child_media_thumb" if variant == "thumb" else "journal:child_media"
    return reverse(name, args=[child.pk, media.pk])


def new_observation_post(world: Any, files: list[Any], **extra: Any) -> dict[str, Any]:
    return {
        "children": [world.child_a.pk],
        "title": "Mud kitchen",
        "text": "Made mud pies.",
        "observed_on": timezone.localdate().isoformat(),
        "status": "draft",
        "uploads": files,
        **extra,
    }


# --- upload checks on the form ------------------------------------------------------------------


def test_a_text_file_renamed_jpg_is_refused_on_the_form_and_nothing_is_written(
    world: Any, client: Any, tmp_path: Path
) -> None:
    login(client, world.key_person_a)
    fake = SimpleUploadedFile("holiday.jpg", b"just some words, not a photo", content_type="image/jpeg")
    response = client.post(
        reverse("journal:observation_new", args=[world.setting.pk]), new_observation_post(world, [fake])
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "holiday.jpg: This file is not a photo or video we can use." in body
    assert 'type="file" name="uploads"' in body and "field__error" in body
    assert not Observation.objects.filter(title="Mud kitchen").exists()
    assert not Media.objects.exists()
    assert files_in(tmp_path) == []


def test_an_oversized_photo_is_refused(world: Any, client: Any, tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr("tandem.journal.services.media.MAX_PHOTO_BYTES", 1000)
    login(client, world.key_person_a)
    big = SimpleUploadedFile("big.jpg", jpeg((400, 300), (10, 20, 30)) + bytes(2000))
    response = client.post(
        reverse("journal:observation_new", args=[world.setting.pk]), new_observation_post(world, [big])
    )
    assert "The photo is too large" in response.content.decode()
    assert not Observation.objects.exists() or not Observation.objects.filter(title="Mud kitchen").exists()
    assert files_in(tmp_path) == []


def test_photos_are_cleaned_of_exif_and_gps_after_commit(world: Any, client: Any, committed: Any) -> None:
    login(client, world.key_person_a)
    photo = SimpleUploadedFile("garden.jpg", jpeg_with_gps((800, 600)))
    with committed():
        response = client.post(
            reverse("journal:observation_new", args=[world.setting.pk]), new_observation_post(world, [photo])
        )
    assert response.status_code == 302
    media = Media.objects.get()
    assert media.state == Media.State.READY and not media.original
    assert list(media.children.all()) == [world.child_a]  # pictures every child of the observation by default
    served = client.get(media_url(world.child_a, media))
    data = b"".join(served.streaming_content)
    image = Image.open(io.BytesIO(data))
    assert dict(image.getexif()) == {} and b"PhoneMaker" not in data
    assert image.size == (600, 800)  # turned upright
    thumb = Image.open(io.BytesIO(b"".join(client.get(media_url(world.child_a, media, "thumb")).streaming_content)))
    assert max(thumb.size) <= 480


def test_a_video_is_kept_played_with_controls_and_never_autoplays(world: Any, client: Any, committed: Any) -> None:
    login(client, world.key_person_a)
    video = SimpleUploadedFile("clip.mp4", phone_video())
    with committed():
        client.post(
            reverse("journal:observation_new", args=[world.setting.pk]),
            new_observation_post(world, [video], status="published"),
        )
    media = Media.objects.get()
    assert media.kind == "video" and media.is_ready
    obs = media.observation
    body = client.get(reverse("journal:observation", args=[world.child_a.pk, obs.pk])).content.decode()
    assert "<video controls" in body and "autoplay" not in body
    served = client.get(media_url(world.child_a, media))
    assert served["Content-Type"] == "video/mp4"
    assert b"+51.5074" not in b"".join(served.streaming_content)


# --- serving ---------------------------------------------------------------------------------------


def test_served_with_private_headers(world: Any, client: Any) -> None:
    decide(world, world.child_a, given=True)
    media = ready_photo(world.observation_a, [world.child_a])
    login(client, world.parent_a)
    response = client.get(media_url(world.child_a, media, "thumb"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == "inline"
    assert client.get(f"/children/{world.child_a.pk}/journal/media/{media.pk}/original/").status_code == 404


def test_media_is_reached_only_through_a_child_in_its_observation(world: Any, client: Any) -> None:
    decide(world, world.child_a, given=True)
    media = ready_photo(world.observation_a, [world.child_a])
    login(client, world.manager)
    assert client.get(media_url(world.child_a, media)).status_code == 200
    assert client.get(media_url(world.child_b, media)).status_code == 404  # B is not in it
    for persona in ("parent_b_no_pr", "restricted_parent", "nobody", "other_manager"):
        login(client, world[persona])
        assert client.get(media_url(world.child_a, media)).status_code == 404, persona


def test_a_family_never_gets_media_of_an_unshared_observation(world: Any, client: Any) -> None:
    decide(world, world.child_a, given=True)
    draft = observation(world, [world.child_a], status=Observation.Status.STAFF)
    media = ready_photo(draft, [world.child_a])
    login(client, world.parent_a)
    assert client.get(media_url(world.child_a, media)).status_code == 404
    login(client, world.room_practitioner)
    assert client.get(media_url(world.child_a, media)).status_code == 200


# --- consent at the point of use --------------------------------------------------------------------


def test_withdrawing_consent_hides_the_photo_at_once(world: Any, client: Any) -> None:
    decide(world, world.child_a, given=True)
    media = ready_photo(world.observation_a, [world.child_a], caption="Stacking the blocks")
    login(client, world.parent_a)
    journal = reverse("journal:child_journal", args=[world.child_a.pk])
    assert "Stacking the blocks" in client.get(journal).content.decode()
    assert client.get(media_url(world.child_a, media)).status_code == 200
    decide(world, world.child_a, given=False, minutes=1)
    assert "Stacking the blocks" not in client.get(journal).content.decode()
    assert client.get(media_url(world.child_a, media)).status_code == 404


def test_a_group_photo_is_hidden_from_both_families_until_everyone_consents(world: Any, client: Any) -> None:
    decide(world, world.child_a, given=True)  # B's family has not given photo consent
    obs = observation(world, [world.child_a, world.child_b])
    both = ready_photo(obs, [world.child_a, world.child_b], caption="Both at the sandpit")
    only_a = ready_photo(obs, [world.child_a], order=1, caption="Amelia at the sandpit")
    for parent, child in ((world.parent_a, world.child_a), (world.parent_b_no_pr, world.child_b)):
        login(client, parent)
        body = client.get(reverse("journal:observation", args=[child.pk, obs.pk])).content.decode()
        assert "Both at the sandpit" not in body
        assert client.get(media_url(child, both)).status_code == 404
        assert client.get(media_url(child, only_a)).status_code == 200
    # staff are told before sharing which child blocks which photo
    blocks = media_blocks(obs)
    assert [(b.number, [c.pk for c in b.children]) for b in blocks] == [(1, [world.child_b.pk])]
    assert blocks[0].message == (
        "Photo 1 will not be shown to any family: Barnaby Brackenbury has no photo consent. "
        "Untick Barnaby in this photo or remove it."
    )
    login(client, world.manager)
    share = client.get(reverse("journal:observation_share", args=[obs.pk])).content.decode()
    assert "Barnaby Brackenbury has no photo consent" in share
    # once B's family consents, both families see it
    decide(world, world.child_b, given=True)
    for parent, child in ((world.parent_a, world.child_a), (world.parent_b_no_pr, world.child_b)):
        login(client, parent)
        assert client.get(media_url(child, both)).status_code == 200
    assert media_blocks(obs) == []


def test_unticking_the_blocking_child_shows_the_photo(world: Any, client: Any) -> None:
    decide(world, world.child_a, given=True)
    obs = observation(world, [world.child_a, world.child_b])
    media = ready_photo(obs, [world.child_a, world.child_b])
    login(client, world.manager)
    url = reverse("journal:media_edit", args=[obs.pk, media.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"caption": "Amelia digging", "children": [world.child_a.pk]})
    media.refresh_from_db()
    assert media.caption == "Amelia digging" and list(media.children.all()) == [world.child_a]
    login(client, world.parent_a)
    assert client.get(media_url(world.child_a, media)).status_code == 200


def test_a_photo_may_picture_only_children_of_its_observation(world: Any) -> None:
    media = ready_photo(world.observation_a, [world.child_a])
    with pytest.raises(Exception) as error:
        services.update_media(actor=world.manager, media=media, caption="", child_ids=[world.child_b.pk])
    assert "children" in error.value.error_dict  # type: ignore[attr-defined]


def test_removing_a_photo_deletes_its_files(world: Any, client: Any, committed: Any, tmp_path: Path) -> None:
    media = ready_photo(world.observation_a, [world.child_a])
    assert len(files_in(tmp_path)) == 2
    login(client, world.room_practitioner)
    with committed():
        client.post(reverse("journal:media_remove", args=[world.observation_a.pk, media.pk]))
    assert not Media.objects.filter(pk=media.pk).exists()
    assert files_in(tmp_path) == []


def test_staff_see_pending_and_failed_items_explained(world: Any, client: Any) -> None:
    Media.objects.create(setting=world.setting, observation=world.observation_a, state=Media.State.PENDING)
    Media.objects.create(
        setting=world.setting,
        observation=world.observation_a,
        state=Media.State.FAILED,
        failure="This file could not be read as a photo or video.",
        order=1,
    )
    login(client, world.key_person_a)
    body = client.get(reverse("journal:observation", args=[world.child_a.pk, world.observation_a.pk])).content.decode()
    assert "is being prepared" in body and "This file could not be read as a photo or video." in body
    assert 'hx-trigger="every 2s"' in body  # the page checks again until it is ready
    login(client, world.parent_a)
    body = client.get(reverse("journal:observation", args=[world.child_a.pk, world.observation_a.pk])).content.decode()
    assert "being prepared" not in body and "could not be read" not in body


def test_adding_photos_when_editing_keeps_order_and_checks_them(world: Any, client: Any, committed: Any) -> None:
    ready_photo(world.observation_a, [world.child_a])
    login(client, world.room_practitioner)
    url = reverse("journal:observation_edit", args=[world.observation_a.pk])
    post = {
        "children": [world.child_a.pk],
        "title": "Tower",
        "text": "Tall.",
        "observed_on": timezone.localdate().isoformat(),
    }
    with committed():
        client.post(url, {**post, "uploads": [SimpleUploadedFile("a.png", jpeg())]})
    assert world.observation_a.media.count() == 2
    assert list(world.observation_a.media.values_list("order", flat=True)) == [0, 1]
    response = client.post(url, {**post, "uploads": [SimpleUploadedFile("b.jpg", b"not a photo")]})
    assert "b.jpg: This file is not a photo or video we can use." in response.content.decode()
    assert world.observation_a.media.count() == 2
