"""Journal uploads: checked in the request from their own bytes, cleaned in the task queue (R20)."""

from __future__ import annotations

import io
import re
import struct
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from tandem.core.tests.test_photos import jpeg_with_gps
from tandem.enrolment.models import ConsentCode, ConsentDecision
from tandem.journal.models import Media, Observation
from tandem.journal.selectors.media import blocking_children, family_visible
from tandem.journal.services.media import MAX_PHOTO_BYTES, check_upload, keep_uploads, sniff_video
from tandem.journal.tasks_media import blank_metadata, process_media

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def phone_video() -> bytes:
    """A minimal MP4 shaped like a phone's: ftyp, moov with a udta holding a place, then mdat."""
    place = box(b"\xa9xyz", b"+51.5074-000.1278/")
    udta = box(b"udta", place)
    meta = box(b"meta", b"\x00\x00\x00\x00" + box(b"keys", b"com.apple.quicktime.location.ISO6709"))
    trak = box(b"trak", box(b"tkhd", bytes(84)) + box(b"udta", box(b"\xa9nam", b"Phone")))
    moov = box(b"moov", box(b"mvhd", bytes(100)) + trak + udta + meta)
    return box(b"ftyp", b"isom\x00\x00\x02\x00isomiso2mp41") + moov + box(b"mdat", b"\x01\x02\x03pictures")


def test_a_video_is_recognised_from_its_bytes_not_its_name() -> None:
    assert sniff_video(phone_video()[:64]) == "video/mp4"
    assert sniff_video(b"\x00\x00\x00\x14ftypqt  " + bytes(8)) == "video/quicktime"
    assert sniff_video(b"<html>not a video</html>") is None
    assert sniff_video(b"\x00\x00\x00\x14ftypXXXX" + bytes(8)) is None  # an unknown brand


def test_blanking_removes_the_place_and_device_but_keeps_every_offset() -> None:
    original = phone_video()
    cleaned = bytearray(original)
    assert blank_metadata(cleaned) == 3  # moov/udta, moov/meta, trak/udta
    assert len(cleaned) == len(original)
    assert b"+51.5074" not in cleaned and b"Phone" not in cleaned and b"location" not in cleaned
    assert cleaned.endswith(b"\x01\x02\x03pictures")  # the media data is where it was
    assert original.index(b"mdat") == cleaned.index(b"mdat")


def test_a_malformed_video_is_refused() -> None:
    broken = bytearray(box(b"ftyp", b"isom") + struct.pack(">I", 9999) + b"moov")
    with pytest.raises(ValueError):
        blank_metadata(broken)


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"just some text", "photo.jpg"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "photo.svg"),
        (b"%PDF-1.7 pretending", "video.mp4"),
    ],
)
def test_what_is_neither_photo_nor_video_is_refused_with_a_clear_message(content: bytes, name: str) -> None:
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile(name, content))
    assert "photo or video we can use" in " ".join(error.value.messages)


def test_a_photo_over_the_limit_is_refused() -> None:
    big = SimpleUploadedFile("big.jpg", b"\xff\xd8" + bytes(MAX_PHOTO_BYTES))
    with pytest.raises(ValidationError, match="too large"):
        check_upload(big)


def test_a_decompression_bomb_is_refused_in_the_request() -> None:
    bomb = io.BytesIO()
    Image.new("1", (12000, 12000)).save(bomb, format="PNG")
    with pytest.raises(ValidationError):
        check_upload(SimpleUploadedFile("bomb.png", bomb.getvalue()))


def observation_of(world: Any, *children: Any) -> Observation:
    observation = Observation.objects.create(setting=world.setting, text="Building a tower", author=world.manager)
    observation.children.set(children)
    return observation


def test_a_photo_is_kept_pending_then_cleaned_resized_and_thumbnailed(world: Any, committed: Any) -> None:
    observation = observation_of(world, world.child_a)
    upload = SimpleUploadedFile("IMG_0001.jpg", jpeg_with_gps((3000, 2000)), content_type="image/jpeg")
    with committed():
        [media] = keep_uploads(
            actor=world.manager,
            setting=world.setting,
            uploads=[upload],
            observation_id=observation.pk,
            children=[world.child_a.pk],
        )
        assert media.state == Media.State.PENDING and media.original  # nothing processed in the request
    media.refresh_from_db()
    assert media.state == Media.State.READY
    assert not media.original  # the upload as it came is gone
    display = Image.open(io.BytesIO(media.display.read()))
    thumb = Image.open(io.BytesIO(media.thumbnail.read()))
    assert display.format == "JPEG" and dict(display.getexif()) == {}
    assert max(display.size) == 1600 and max(thumb.size) == 480
    assert display.size == (1067, 1600)  # turned upright by its orientation tag
    assert re.fullmatch(r"journal/\d+/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", media.display.name)  # ids and random only


def test_a_video_is_cleaned_in_the_task(world: Any, committed: Any) -> None:
    observation = observation_of(world, world.child_a)
    with committed():
        [media] = keep_uploads(
            actor=world.manager,
            setting=world.setting,
            uploads=[SimpleUploadedFile("clip.mp4", phone_video())],
            observation_id=observation.pk,
        )
    media.refresh_from_db()
    assert media.kind == Media.Kind.VIDEO and media.state == Media.State.READY
    assert b"+51.5074" not in media.display.read()


def test_a_file_that_fails_in_the_task_is_marked_and_its_upload_deleted(world: Any) -> None:
    media = Media.objects.create(setting=world.setting, kind=Media.Kind.PHOTO)
    media.original.save("upload.img", io.BytesIO(b"\xff\xd8\xff garbage"), save=True)
    name = media.original.name
    assert process_media.call(media.pk) is False
    media.refresh_from_db()
    assert media.state == Media.State.FAILED and media.failure
    assert not default_storage.exists(name)


def ready_photo(world: Any, observation: Observation, *children: Any) -> Media:
    media = Media.objects.create(
        setting=world.setting, observation=observation, state=Media.State.READY, display="x.jpg"
    )
    media.children.set(children)
    return media


def give(world: Any, child: Any, kind: str = "given") -> None:
    consent_type = world.consent_types[ConsentCode.PHOTOS_RECORDS]
    ConsentDecision.objects.create(
        child=child,
        consent_type=consent_type,
        type_version=consent_type.version,
        kind=kind,
        given=kind == "given",
        decided_by=world.adult_a,
        at=timezone.now(),
    )


def test_a_group_photo_is_seen_only_while_every_pictured_child_has_consent(world: Any) -> None:
    observation = observation_of(world, world.child_a, world.child_b)
    group = ready_photo(world, observation, world.child_a, world.child_b)
    alone = ready_photo(world, observation, world.child_a)
    visible = lambda: set(family_visible(Media.objects.filter(observation=observation)))  # noqa: E731
    assert visible() == set()  # nobody has consented yet
    give(world, world.child_a)
    assert visible() == {alone}
    assert blocking_children([world.child_a, world.child_b]) == [world.child_b]
    give(world, world.child_b)
    assert visible() == {alone, group}
    give(world, world.child_a, "withdrawn")  # withdrawn: hidden at once, from every family
    assert visible() == set()
