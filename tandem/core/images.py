"""Checked, cleaned images: every photo that enters Tandem passes through here.

A photo is accepted only if Pillow can decode it as JPEG, PNG or WebP, it is within the size
limits, and it is not a decompression bomb. What is stored is a fresh re-encoding: no EXIF, no
GPS, no comments, upright, at most ``MAX_SIDE`` pixels on its longer side.

Two steps, so that a large photo can be checked in the request and re-encoded in the task queue:
``check_photo`` reads only the header (cheap: no pixels decoded), ``reencode_photo`` does the work.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 50_000_000  # about 8,200 × 6,100: more than any phone camera, far less than a bomb
MAX_SIDE = 1024
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
NOT_A_PHOTO = "This file is not a photo we can use. Choose a JPEG, PNG or WebP photo."
_DECODE_ERRORS = (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning, OSError)


def check_photo(data: bytes, *, max_bytes: int = MAX_UPLOAD_BYTES) -> tuple[int, int]:
    """Check a photo from its header only; return its (width, height) or raise ``ValidationError``."""
    if len(data) > max_bytes:
        raise ValidationError(f"The photo is too large. Choose one under {max_bytes // (1024 * 1024)} MB.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in ALLOWED_FORMATS:
                    raise ValidationError("Choose a photo in JPEG, PNG or WebP format.")
                width, height = probe.size
                if width * height > MAX_PIXELS:
                    raise ValidationError("The photo has too many pixels. Choose a smaller one.")
                probe.verify()
    except ValidationError:
        raise
    except (*_DECODE_ERRORS, ValueError, SyntaxError):
        raise ValidationError(NOT_A_PHOTO) from None
    return width, height


def reencode_photo(data: bytes, sides: Sequence[int]) -> list[tuple[bytes, int, int]]:
    """Decode a checked photo once and return a clean JPEG for each longest side in ``sides``,
    largest first: (bytes, width, height). Nothing of the original's metadata is carried over."""
    check_photo(data, max_bytes=len(data))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image.draft("RGB", (max(sides), max(sides)))  # JPEG: decode at a reduced scale when it can
                image.load()
                upright = ImageOps.exif_transpose(image).convert("RGB")
    except (*_DECODE_ERRORS, ValueError, SyntaxError):
        raise ValidationError(NOT_A_PHOTO) from None
    results = []
    current = upright
    for side in sorted(sides, reverse=True):
        current = current.copy()
        current.thumbnail((side, side), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        current.save(out, format="JPEG", quality=85, optimize=True)  # no exif= argument: nothing carried over
        results.append((out.getvalue(), current.width, current.height))
    return results


def clean_photo(upload: UploadedFile, *, max_side: int = MAX_SIDE) -> ContentFile[bytes]:
    """Validate an uploaded photo and return a clean JPEG, or raise ``ValidationError``."""
    if upload.size is None or upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(f"The photo is too large. Choose one under {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.")
    upload.seek(0)
    data = upload.read()
    [(clean, _, _)] = reencode_photo(data, [max_side])
    return ContentFile(clean, name="photo.jpg")
