"""Every write about observations (R14): keyword-only, one transaction, audited (ids only).

Sharing with families sets the observation's ``published_at``/``published_by`` and, on every
child's link, ``shared_at`` (the same instant): that is what puts it in each child's family feed.
Unsharing clears them. Photos and videos are kept with ``keep_uploads`` inside the transaction and
prepared in the task queue after commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import can, permitted, require
from tandem.core.models import Setting, User
from tandem.people.models import Child

from ..actions.observations import JOURNAL_COMMENT, JOURNAL_CONTRIBUTE, OBSERVATION_CREATE, OBSERVATION_EDIT
from ..models import Aspect, Characteristic, Comment, Media, Observation, ObservationChild
from .media import keep_uploads

STAFF_STATUSES = (Observation.Status.DRAFT, Observation.Status.STAFF, Observation.Status.PUBLISHED)
MAX_COMMENT = 4000


def _ids(values: Iterable[int | str]) -> list[int]:
    try:
        return sorted({int(v) for v in values})
    except (TypeError, ValueError):
        raise ValidationError("This page is out of date. Open it again.") from None


def _children(actor: User, setting: Setting, child_ids: Iterable[int], keep: Iterable[int] = ()) -> list[Child]:
    """The children chosen: each one the actor may contribute for (or already in the observation)."""
    wanted = _ids(child_ids)
    if not wanted:
        raise ValidationError({"children": "Choose at least one child this observation is about."})
    allowed = set(
        permitted(actor, JOURNAL_CONTRIBUTE, Child.objects.filter(setting=setting, pk__in=wanted)).values_list(
            "pk", flat=True
        )
    )
    allowed |= set(keep) & set(wanted)
    if set(wanted) - allowed:
        raise ValidationError({"children": "You can only choose children you work with. Check the children again."})
    return list(Child.objects.filter(pk__in=wanted))


def _tags(aspect_ids: Iterable[int], characteristic_ids: Iterable[int]) -> tuple[list[Aspect], list[Characteristic]]:
    aspects = list(Aspect.objects.filter(pk__in=_ids(aspect_ids)))
    characteristics = list(Characteristic.objects.filter(pk__in=_ids(characteristic_ids)))
    return aspects, characteristics


def _text(title: str, text: str) -> tuple[str, str]:
    title, text = (title or "").strip(), (text or "").strip()
    if not text:
        raise ValidationError({"text": "Write what you saw: what the child did and said."})
    return title[:200], text


def _keep(actor: User, observation: Observation, uploads: list[UploadedFile], child_ids: list[int]) -> list[Media]:
    if not uploads:
        return []
    start = (observation.media.aggregate(n=Max("order"))["n"] or 0) + 1 if observation.media.exists() else 0
    try:
        return keep_uploads(
            actor=actor,
            setting=observation.setting,
            uploads=uploads,
            observation_id=observation.pk,
            children=child_ids,
            start_order=start,
        )
    except ValidationError as error:
        raise ValidationError({"uploads": error.messages}) from None


def _share(observation: Observation, actor: User) -> None:
    now = timezone.now()
    observation.status = Observation.Status.PUBLISHED
    observation.published_at, observation.published_by = now, actor
    observation.links.update(shared_at=now)


def _unshare(observation: Observation, status: str) -> None:
    observation.status = status
    observation.published_at, observation.published_by = None, None
    observation.links.update(shared_at=None)


def create_observation(
    *,
    actor: User,
    setting: Setting,
    child_ids: Iterable[int],
    text: str,
    title: str = "",
    observed_on: dt.date | None = None,
    aspect_ids: Iterable[int] = (),
    characteristic_ids: Iterable[int] = (),
    status: str = Observation.Status.DRAFT,
    uploads: list[UploadedFile] | None = None,
) -> Observation:
    """Record an observation of one child or a group, with its photos and videos."""
    require(actor, OBSERVATION_CREATE, setting)
    children = _children(actor, setting, child_ids)
    title, text = _text(title, text)
    if status not in STAFF_STATUSES:
        raise ValidationError({"status": "Choose who can see this observation."})
    today = timezone.localdate()
    if observed_on and observed_on > today:
        raise ValidationError({"observed_on": "The date observed cannot be in the future."})
    aspects, characteristics = _tags(aspect_ids, characteristic_ids)
    with transaction.atomic():
        observation = Observation.objects.create(
            setting=setting,
            source=Observation.Source.SETTING,
            status=Observation.Status.DRAFT,
            title=title,
            text=text,
            observed_on=observed_on or today,
            author=actor,
        )
        ObservationChild.objects.bulk_create([ObservationChild(observation=observation, child=c) for c in children])
        observation.aspects.set(aspects)
        observation.characteristics.set(characteristics)
        _keep(actor, observation, list(uploads or []), [c.pk for c in children])
        if status == Observation.Status.PUBLISHED:
            _share(observation, actor)
        else:
            observation.status = status
        observation.save()
        child_ids_ = [c.pk for c in children]
        audit.record("journal.observation.created", actor, child_ids=child_ids_, obj=observation, setting_id=setting.pk)
        if observation.is_published:
            audit.record(
                "journal.observation.published", actor, child_ids=child_ids_, obj=observation, setting_id=setting.pk
            )
    return observation


def update_observation(
    *,
    actor: User,
    observation: Observation,
    child_ids: Iterable[int],
    text: str,
    title: str = "",
    observed_on: dt.date | None = None,
    aspect_ids: Iterable[int] = (),
    characteristic_ids: Iterable[int] = (),
    uploads: list[UploadedFile] | None = None,
) -> Observation:
    """Change an observation: its children, words, tags; add photos and videos."""
    require(actor, OBSERVATION_EDIT, observation)
    title, text = _text(title, text)
    if observed_on and observed_on > timezone.localdate():
        raise ValidationError({"observed_on": "The date observed cannot be in the future."})
    aspects, characteristics = _tags(aspect_ids, characteristic_ids)
    with transaction.atomic():
        observation = Observation.objects.select_for_update().get(pk=observation.pk)
        current = set(observation.links.values_list("child_id", flat=True))
        children = _children(actor, observation.setting, child_ids, keep=current)
        wanted = {c.pk for c in children}
        if observation.is_home and wanted != current:
            # its photos are the family's own, shown without the setting's photo consent: never to another family
            raise ValidationError({"children": "An observation from home stays about the child it came from."})
        if observation.is_home and uploads:
            raise ValidationError({"uploads": "Photos from home are added by the family. Add yours to a new one."})
        removed, added = current - wanted, wanted - current
        if removed:
            observation.links.filter(child_id__in=removed).delete()
            for media in observation.media.all():
                media.children.remove(*removed)
        shared_at = observation.published_at if observation.is_published else None
        ObservationChild.objects.bulk_create(
            [ObservationChild(observation=observation, child_id=pk, shared_at=shared_at) for pk in sorted(added)]
        )
        observation.title, observation.text = title, text
        observation.observed_on = observed_on or observation.observed_on
        observation.updated_at = timezone.now()
        observation.save()
        observation.aspects.set(aspects)
        observation.characteristics.set(characteristics)
        _keep(actor, observation, list(uploads or []), sorted(wanted))
        audit.record(
            "journal.observation.updated",
            actor,
            child_ids=sorted(wanted | removed),
            obj=observation,
            setting_id=observation.setting_id,
        )
    return observation


def publish_observation(*, actor: User, observation: Observation) -> Observation:
    """Share with the families: each child's family sees it in their feed from now on."""
    require(actor, OBSERVATION_EDIT, observation)
    with transaction.atomic():
        observation = Observation.objects.select_for_update().get(pk=observation.pk)
        if observation.is_published:
            raise ValidationError("This observation is already shared with families.")
        if observation.source != Observation.Source.SETTING:
            raise ValidationError("A home observation is added to the journal by acknowledging it.")
        _share(observation, actor)
        observation.save()
        audit.record(
            "journal.observation.published",
            actor,
            child_ids=list(observation.links.values_list("child_id", flat=True)),
            obj=observation,
            setting_id=observation.setting_id,
        )
    return observation


def unpublish_observation(
    *, actor: User, observation: Observation, status: str = Observation.Status.STAFF
) -> Observation:
    """Stop sharing (or move between draft and staff only): families no longer see it."""
    require(actor, OBSERVATION_EDIT, observation)
    if status not in (Observation.Status.DRAFT, Observation.Status.STAFF):
        raise ValidationError("Choose draft or staff only.")
    with transaction.atomic():
        observation = Observation.objects.select_for_update().get(pk=observation.pk)
        if observation.source != Observation.Source.SETTING:
            raise ValidationError("Only the setting's own observations can be made a draft or staff only.")
        was_shared = observation.is_published
        _unshare(observation, status)
        observation.save()
        audit.record(
            "journal.observation.unpublished" if was_shared else "journal.observation.status_changed",
            actor,
            child_ids=list(observation.links.values_list("child_id", flat=True)),
            obj=observation,
            setting_id=observation.setting_id,
        )
    return observation


# --- photos and videos ----------------------------------------------------------------------------


def update_media(*, actor: User, media: Media, caption: str, child_ids: Iterable[int]) -> Media:
    """Set a photo's caption and the children it pictures (only children of its observation)."""
    observation = media.observation
    if observation is None:
        raise ValidationError("This photo is not in an observation.")
    require(actor, OBSERVATION_EDIT, observation)
    wanted = set(_ids(child_ids))
    in_observation = set(observation.links.values_list("child_id", flat=True))
    if wanted - in_observation:
        raise ValidationError({"children": "Choose only children who are in this observation."})
    with transaction.atomic():
        media.caption = (caption or "").strip()[:300]
        media.save(update_fields=["caption"])
        media.children.set(sorted(wanted))
        audit.record(
            "journal.media.updated",
            actor,
            child_ids=sorted(in_observation),
            obj=media,
            setting_id=media.setting_id,
        )
    return media


def remove_media(*, actor: User, media: Media) -> None:
    """Delete a photo or video and its files."""
    observation = media.observation
    if observation is None:
        raise ValidationError("This photo is not in an observation.")
    require(actor, OBSERVATION_EDIT, observation)
    names = [f.name for f in (media.original, media.display, media.thumbnail) if f]
    with transaction.atomic():
        child_ids = list(observation.links.values_list("child_id", flat=True))
        audit.record("journal.media.removed", actor, child_ids=child_ids, obj=media, setting_id=media.setting_id)
        media.delete()

        def delete_files() -> None:
            for name in names:
                default_storage.delete(name)

        transaction.on_commit(delete_files)


# --- comments ----------------------------------------------------------------------------------------


def add_comment(*, actor: User, observation: Observation, child: Child, text: str) -> Comment:
    """A comment about one child on an observation: seen by that child's family and staff only."""
    require(actor, JOURNAL_COMMENT, child)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Write your comment."})
    if len(text) > MAX_COMMENT:
        raise ValidationError({"text": f"Keep your comment under {MAX_COMMENT} characters."})
    staff = can(actor, JOURNAL_CONTRIBUTE, child)
    link = ObservationChild.objects.filter(observation=observation, child=child).first()
    if link is None or (not staff and link.shared_at is None):
        raise ValidationError("You can only comment on an observation shared with you.")
    with transaction.atomic():
        comment = Comment.objects.create(
            observation=observation, child=child, author=actor, from_family=not staff, text=text
        )
        audit.record(
            "journal.comment.created", actor, child_ids=[child.pk], obj=comment, setting_id=observation.setting_id
        )
    return comment
