"""Writes of the core: one transaction each, audited, slow work after commit."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from . import actions, audit
from .access import require
from .images import clean_photo
from .models import User


def set_own_photo(*, actor: User, upload: UploadedFile | None) -> User:
    """Replace (or, with ``None``, remove) a staff member's photo. The old file goes after commit."""
    require(actor, actions.STAFF_PROFILE)
    old = actor.photo.name if actor.photo else ""
    with transaction.atomic():
        if upload is None:
            actor.photo = ""  # type: ignore[assignment]
        else:
            try:
                clean = clean_photo(upload, max_side=512)
            except ValidationError as error:
                raise ValidationError({"photo": error.messages}) from None
            actor.photo.save(f"{uuid.uuid4().hex}.jpg", clean, save=False)
        actor.save(update_fields=["photo"])
        audit.record("core.staff_photo.updated", actor, obj=actor)
        if old:
            transaction.on_commit(lambda: default_storage.delete(old))
    return actor
