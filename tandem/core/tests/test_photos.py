"""Photos are checked, cleaned of EXIF and GPS, and served only through the access layer."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from tandem.conftest import login
from tandem.core.images import clean_photo

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def jpeg_with_gps(size: tuple[int, int] = (2400, 1600)) -> bytes:
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to show upright
    gps = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}
    exif[0x8825] = gps  # GPSInfo
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_clean_photo_strips_exif_and_gps_and_turns_it_upright() -> None:
    raw = jpeg_with_gps()
    assert Image.open(io.BytesIO(raw)).getexif().get_ifd(0x8825)  # the input really has GPS
    cleaned = clean_photo(SimpleUploadedFile("p.jpg", raw), max_side=512)
    result = Image.open(io.BytesIO(cleaned.read()))
    assert result.format == "JPEG"
    assert dict(result.getexif()) == {}
    assert result.size == (341, 512)  # turned upright (portrait), longer side 512
    assert b"PhoneMaker" not in cleaned.open().read()


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"this is not an image", "photo.jpg"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "photo.svg"),
        (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x00\x00\x00\x00\x00,", "a.gif"),
    ],
)
def test_clean_photo_refuses_what_is_not_a_photo(content: bytes, name: str) -> None:
    with pytest.raises(ValidationError):
        clean_photo(SimpleUploadedFile(name, content))


def test_clean_photo_refuses_a_decompression_bomb() -> None:
    bomb = io.BytesIO()
    Image.new("1", (12000, 12000)).save(bomb, format="PNG")  # 144 megapixels in a few kilobytes
    assert len(bomb.getvalue()) < 200_000
    with pytest.raises(ValidationError):
        clean_photo(SimpleUploadedFile("bomb.png", bomb.getvalue()))


def test_staff_upload_their_photo_and_parents_of_their_setting_see_it(client: Client, world: Any) -> None:
    login(client, world.key_person_a)
    response = client.post("/account/photo/", {"photo": SimpleUploadedFile("me.jpg", jpeg_with_gps())})
    assert response.status_code == 302
    world.key_person_a.refresh_from_db()
    assert world.key_person_a.photo.name.endswith(".jpg")
    url = f"/staff/{world.key_person_a.pk}/photo/"

    login(client, world.parent_a)
    served = client.get(url)
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"
    body = b"".join(served.streaming_content)
    assert dict(Image.open(io.BytesIO(body)).getexif()) == {}
    home = client.get("/")
    assert url.encode() in home.content

    for stranger in (world.other_parent, world.nobody, world.other_manager):
        login(client, stranger)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_a_bad_upload_is_refused_on_the_form_and_changes_nothing(client: Client, world: Any) -> None:
    login(client, world.manager)
    response = client.post("/account/photo/", {"photo": SimpleUploadedFile("x.jpg", b"not a photo")})
    assert response.status_code == 200
    assert "not a photo we can use" in response.content.decode()
    world.manager.refresh_from_db()
    assert not world.manager.photo


def test_parents_have_no_staff_photo_page(client: Client, world: Any) -> None:
    login(client, world.parent_a)
    assert client.get("/account/photo/").status_code == 403
