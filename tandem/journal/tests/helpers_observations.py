"""Helpers for the observation and media tests: photos, consent decisions, ready-made observations."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from tandem.enrolment.models import ConsentDecision
from tandem.journal.models import Media, Observation, ObservationChild


def jpeg(size: tuple[int, int] = (64, 48), colour: tuple[int, int, int] = (30, 140, 90)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="JPEG")
    return out.getvalue()


def decide(world: Any, child: Any, *, given: bool, minutes: int = 0) -> ConsentDecision:
    """The child's family gives (or withdraws) photo consent now (``minutes`` later than now)."""
    adult = world.adult_a if child.pk == world.child_a.pk else world.adult_b
    return ConsentDecision.objects.create(
        child=child,
        consent_type=world.photo_consent_type,
        type_version=world.photo_consent_type.version,
        kind=ConsentDecision.Kind.GIVEN if given else ConsentDecision.Kind.WITHDRAWN,
        given=given,
        decided_by=adult,
        at=timezone.now() + dt.timedelta(minutes=minutes),
    )


def observation(
    world: Any,
    children: list[Any],
    *,
    status: str = Observation.Status.PUBLISHED,
    title: str = "Digging for worms",
    author: Any = None,
) -> Observation:
    now = timezone.now()
    shared = status == Observation.Status.PUBLISHED
    obs = Observation.objects.create(
        setting=world.setting,
        status=status,
        title=title,
        text="Found **three** worms and counted them.",
        author=author or world.key_person_a,
        published_at=now if shared else None,
        published_by=(author or world.key_person_a) if shared else None,
    )
    ObservationChild.objects.bulk_create(
        [ObservationChild(observation=obs, child=c, shared_at=now if shared else None) for c in children]
    )
    return obs


def ready_photo(obs: Observation, pictured: list[Any], *, order: int = 0, caption: str = "") -> Media:
    """A photo already prepared (display and thumbnail files in storage)."""
    media = Media(setting=obs.setting, observation=obs, state=Media.State.READY, content_type="image/jpeg", order=order)
    media.caption = caption
    media.display.save("photo.jpg", ContentFile(jpeg((120, 90))), save=False)
    media.thumbnail.save("thumb.jpg", ContentFile(jpeg((40, 30))), save=False)
    media.save()
    media.children.set(pictured)
    return media


def share(obs: Observation) -> Observation:
    """Share an observation with the families (as the service does), without a service call."""
    now = timezone.now()
    Observation.objects.filter(pk=obs.pk).update(status=Observation.Status.PUBLISHED, published_at=now)
    ObservationChild.objects.filter(observation=obs).update(shared_at=now)
    obs.refresh_from_db()
    return obs
