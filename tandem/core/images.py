"""Checked, cleaned images: every photo that enters Tandem passes through here.

A photo is accepted only if Pillow can decode it as JPEG, PNG or WebP, it is within the size
limits, and it is not a decompression bomb. What is stored is a fresh re-encoding: no EXIF, no
GPS, no comments, upright, at most ``MAX_SIDE`` pixels on its longer side.
"""

from __future__ import annotations

import io
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # about 7,300 × 5,500: more than any phone camera, far less than a bomb
MAX_SIDE = 1024
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}


def clean_photo(upload: UploadedFile, *, max_side: int = MAX_SIDE) -> ContentFile[bytes]:
    """Validate an uploaded photo and return a clean JPEG, or raise ``ValidationError``."""
    if upload.size is None or upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(f"The photo is too large. Choose one under {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.")
    upload.seek(0)
    data = upload.read()
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
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                upright = ImageOps.exif_transpose(image)
                upright.thumbnail((max_side, max_side))
                rgb = upright.convert("RGB")
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning, OSError, ValueError):
        raise ValidationError("This file is not a photo we can use. Choose a JPEG, PNG or WebP photo.") from None
    out = io.BytesIO()
    rgb.save(out, format="JPEG", quality=85, optimize=True)  # no exif= argument: nothing carried over
    return ContentFile(out.getvalue(), name="photo.jpg")
