"""Background processing of journal photos and videos. Tasks take ids only.

A photo is decoded once, turned upright and re-encoded as a display copy and a thumbnail, with
nothing of its metadata (EXIF, GPS, comments). A video keeps its pictures and sound, but every
metadata box where phones record place, device and time (``udta``, ``meta``, ``uuid``/XMP) is turned
into a ``free`` box of the same size filled with zeros, so no offset in the file moves.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django_tasks import task

from tandem.core.images import reencode_photo

from .models import Media

logger = logging.getLogger("tandem.journal")

DISPLAY_SIDE = 1600
THUMBNAIL_SIDE = 480
CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl", b"edts", b"dinf", b"mvex", b"moof", b"traf"}
METADATA = {b"udta", b"meta", b"uuid", b"XMP_"}


def blank_metadata(data: bytearray, start: int = 0, end: int | None = None) -> int:
    """Turn every metadata box in ``data[start:end]`` (and inside its containers) into zeroed ``free``
    boxes of the same size. Returns how many were blanked. Raises ValueError on a malformed file."""
    end = len(data) if end is None else end
    blanked, offset = 0, start
    while offset + 8 <= end:
        size = int.from_bytes(data[offset : offset + 4], "big")
        kind = bytes(data[offset + 4 : offset + 8])
        header = 8
        if size == 1:
            if offset + 16 > end:
                raise ValueError("truncated box")
            size, header = int.from_bytes(data[offset + 8 : offset + 16], "big"), 16
        elif size == 0:
            size = end - offset
        if size < header or offset + size > end:
            raise ValueError("malformed box")
        if kind in METADATA:
            data[offset + 4 : offset + 8] = b"free"
            data[offset + header : offset + size] = bytes(size - header)
            blanked += 1
        elif kind in CONTAINERS:
            blanked += blank_metadata(data, offset + header, offset + size)
        offset += size
    return blanked


def _fail(media: Media, reason: str) -> None:
    Media.objects.filter(pk=media.pk).update(state=Media.State.FAILED, failure=reason, processed_at=timezone.now())


@task()
def process_media(media_id: int) -> bool:
    media = Media.objects.filter(pk=media_id, state=Media.State.PENDING).first()
    if media is None or not media.original:
        return False
    try:
        with media.original.open("rb") as source:
            data = source.read()
    except OSError:
        _fail(media, "The uploaded file was lost before it could be prepared.")
        return False
    try:
        if media.kind == Media.Kind.PHOTO:
            (display, width, height), (thumb, _, _) = reencode_photo(data, [DISPLAY_SIDE, THUMBNAIL_SIDE])
            media.display.save("photo.jpg", ContentFile(display), save=False)
            media.thumbnail.save("thumb.jpg", ContentFile(thumb), save=False)
            media.width, media.height, media.size = width, height, len(display)
        else:
            video = bytearray(data)
            blank_metadata(video)
            extension = "mov" if media.content_type == "video/quicktime" else "mp4"
            media.display.save(f"video.{extension}", ContentFile(bytes(video)), save=False)
            media.size = len(video)
    except (ValidationError, ValueError, OSError):
        logger.info("journal media could not be used media=%s", media.pk)
        _fail(media, "This file could not be read as a photo or video.")
        default_storage.delete(media.original.name)
        Media.objects.filter(pk=media.pk).update(original="")
        return False
    original = media.original.name
    kept = Media.objects.filter(pk=media.pk, state=Media.State.PENDING).update(
        display=media.display.name,
        thumbnail=media.thumbnail.name,
        width=media.width,
        height=media.height,
        size=media.size,
        original="",
        state=Media.State.READY,
        processed_at=timezone.now(),
    )
    default_storage.delete(original)
    if not kept:  # removed while it was being prepared: keep none of its files
        for name in (media.display.name, media.thumbnail.name):
            if name:
                default_storage.delete(name)
        logger.info("journal media removed while being prepared media=%s", media.pk)
        return False
    logger.info("journal media ready media=%s", media.pk)
    return True
