"""Test helpers for the book, boards and offers: shared observations, consents, real photos."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from tandem.enrolment.models import ConsentDecision
from tandem.journal.models import Comment, Media, Observation, ObservationChild


def jpeg(colour: str = "teal", size: tuple[int, int] = (64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()


def upload(name: str = "photo.jpg", colour: str = "teal") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg(colour), content_type="image/jpeg")


def decide(world: Any, child: Any, code: str, kind: str = "given") -> None:
    types = world.consent_types if child.setting_id == world.setting.pk else world.other_consent_types
    consent_type = types[code]
    ConsentDecision.objects.create(
        child=child,
        consent_type=consent_type,
        type_version=consent_type.version,
        kind=kind,
        given=kind == "given",
        decided_by=world.adult_a,
        at=timezone.now(),
    )


def observation(
    world: Any,
    children: list[Any],
    *,
    text: str = "Built a tall tower.",
    title: str = "",
    shared: bool = True,
    on: dt.date | None = None,
    author: Any = None,
) -> Observation:
    now = timezone.now()
    obs = Observation.objects.create(
        setting=children[0].setting,
        status=Observation.Status.PUBLISHED if shared else Observation.Status.STAFF,
        title=title,
        text=text,
        observed_on=on or timezone.localdate(),
        author=author or world.key_person_a,
        published_at=now if shared else None,
    )
    for child in children:
        ObservationChild.objects.create(observation=obs, child=child, shared_at=now if shared else None)
    return obs


def ready_photo(obs: Any = None, *, children: list[Any], board: Any = None, caption: str = "") -> Media:
    """A photo already processed (display and thumbnail copies in storage)."""
    setting = obs.setting if obs is not None else board.room.setting
    media = Media(setting=setting, observation=obs, board=board, state=Media.State.READY, caption=caption)
    media.display.save("photo.jpg", ContentFile(jpeg()), save=False)
    media.thumbnail.save("thumb.jpg", ContentFile(jpeg(size=(32, 24))), save=False)
    media.content_type = "image/jpeg"
    media.save()
    media.children.set(children)
    return media


def comment(obs: Any, child: Any, author: Any, text: str, *, from_family: bool = False) -> Comment:
    return Comment.objects.create(observation=obs, child=child, author=author, text=text, from_family=from_family)
