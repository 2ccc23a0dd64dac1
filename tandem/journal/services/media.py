"""Photos and videos for the journal and the room boards (R14, R20).

In the request an upload is only checked (type from its content, size, pixel count from the
header: no pixels decoded) and kept privately as it came. Everything slow happens after commit in
the task queue (``tandem.journal.tasks_media``): re-encoding without EXIF or GPS, resizing,
thumbnails; for a video, blanking the metadata boxes where phones keep the place it was filmed.
"""

from __future__ import annotations

from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from tandem.core.images import check_photo
from tandem.core.models import Setting, User

from ..models import Media

MAX_PHOTO_BYTES = 15 * 1024 * 1024
MAX_VIDEO_BYTES = 100 * 1024 * 1024
MAX_FILES = 12  # at one time, on one observation or board
# ISO base media (MP4) and QuickTime brands that phones write; checked from the file's own bytes.
VIDEO_BRANDS = {
    b"isom",
    b"iso2",
    b"iso4",
    b"iso5",
    b"iso6",
    b"mp41",
    b"mp42",
    b"avc1",
    b"M4V ",
    b"qt  ",
    b"3gp4",
    b"3gp5",
}


def sniff_video(head: bytes) -> str | None:
    """The content type of an MP4 or QuickTime video from its first bytes, or None."""
    if len(head) < 12 or head[4:8] != b"ftyp":
        return None
    brand = head[8:12]
    if brand not in VIDEO_BRANDS:
        return None
    return "video/quicktime" if brand == b"qt  " else "video/mp4"


def check_upload(upload: UploadedFile) -> tuple[str, str, int | None, int | None]:
    """(kind, content type, width, height) of an acceptable upload, or ``ValidationError``.

    The type comes from the file's bytes, never from its name or the browser's word for it."""
    size = upload.size or 0
    if size <= 0:
        raise ValidationError("The file is empty. Choose a photo or a video.")
    upload.seek(0)
    head = upload.read(64)
    video_type = sniff_video(head)
    if video_type:
        if size > MAX_VIDEO_BYTES:
            raise ValidationError(
                f"The video is too large. Choose one under {MAX_VIDEO_BYTES // (1024 * 1024)} MB (about a minute)."
            )
        return Media.Kind.VIDEO, video_type, None, None
    if size > MAX_PHOTO_BYTES:
        raise ValidationError(f"The photo is too large. Choose one under {MAX_PHOTO_BYTES // (1024 * 1024)} MB.")
    upload.seek(0)
    try:
        width, height = check_photo(upload.read(), max_bytes=MAX_PHOTO_BYTES)
    except ValidationError:
        raise ValidationError(
            "This file is not a photo or video we can use. Choose a JPEG, PNG or WebP photo, or an MP4 or MOV video."
        ) from None
    return Media.Kind.PHOTO, "image/jpeg", width, height


def check_uploads(uploads: list[UploadedFile]) -> list[tuple[UploadedFile, str, str]]:
    """Check several uploads; every problem is reported, naming the file, before anything is kept."""
    if len(uploads) > MAX_FILES:
        raise ValidationError(f"Add at most {MAX_FILES} photos or videos at a time.")
    checked, errors = [], []
    for upload in uploads:
        try:
            kind, content_type, _, _ = check_upload(upload)
        except ValidationError as error:
            errors.append(f"{upload.name}: {' '.join(error.messages)}")
        else:
            checked.append((upload, kind, content_type))
    if errors:
        raise ValidationError(errors)
    return checked


def keep_uploads(
    *,
    actor: User,
    setting: Setting,
    uploads: list[UploadedFile],
    observation_id: int | None = None,
    board_id: int | None = None,
    children: list[int] | None = None,
    start_order: int = 0,
) -> list[Media]:
    """Store checked uploads as pending media and queue their processing after commit.

    Call inside the caller's transaction, after its own ``require``. ``children`` are those pictured."""
    from ..tasks_media import process_media

    kept: list[Media] = []
    for order, (upload, kind, content_type) in enumerate(check_uploads(uploads), start=start_order):
        media = Media(
            setting=setting,
            observation_id=observation_id,
            board_id=board_id,
            kind=kind,
            content_type=content_type,
            uploaded_by=actor,
            order=order,
        )
        upload.seek(0)
        extension = "mov" if content_type == "video/quicktime" else ("mp4" if kind == Media.Kind.VIDEO else "img")
        media.original.save(f"upload.{extension}", ContentFile(upload.read()), save=False)
        media.save()
        if children:
            media.children.set(children)
        kept.append(media)
        transaction.on_commit(partial(process_media.enqueue, media.pk))
    return kept
