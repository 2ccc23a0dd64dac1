"""Learning at home (R15): a family adds what their child did at home, with photos and perhaps a
next step they suggest; the key person (or anyone who contributes to the child's journal) reads
it and acknowledges it into the journal, where it joins the family's feed.

A home observation is about exactly one child, is written by a linked adult (never one kept from
information), waits as ``awaiting`` and becomes ``published`` when acknowledged. Keyword-only
arguments, one transaction each, audited with ids only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import require
from tandem.core.models import User
from tandem.people.models import Adult, Child

from ..actions.home import HOME_ADD
from ..actions.observations import JOURNAL_CONTRIBUTE
from ..models import Area, Aspect, Media, NextStep, Observation, ObservationChild
from .media import MAX_FILES, keep_uploads

MAX_TEXT = 5000
MAX_TITLE = 200
MAX_REPLY = 2000
MAX_STEP = 500
Status = Observation.Status


def _text(value: str | None, *, field: str, limit: int, required: str = "") -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: required})
    if len(text) > limit:
        raise ValidationError({field: f"Keep this to {limit:,} characters or fewer."})
    return text


def _date(value: dt.date | None) -> dt.date:
    today = timezone.localdate()
    day = value or today
    if day > today:
        raise ValidationError({"observed_on": "The date cannot be in the future."})
    if day < today - dt.timedelta(days=366):
        raise ValidationError({"observed_on": "Choose a date in the last year."})
    return day


def _adult(actor: User, child: Child) -> Adult:
    adult = Adult.objects.filter(user=actor, links__child=child, links__no_information=False).first()
    if adult is None:  # require() has already said yes, so this only happens in a race
        raise ValidationError("Only a parent or carer of this child can add learning from home.")
    return adult


def _aspects(aspects: Iterable[Aspect]) -> list[Aspect]:
    chosen = list(aspects)
    if len({a.pk for a in chosen}) != len(chosen):
        raise ValidationError({"aspects": "Choose each area only once."})
    return chosen


def home_observation_of(*, actor: User, child: Child, observation_id: int) -> Observation:
    """One of ``actor``'s own home observations about ``child``, or ``Observation.DoesNotExist``."""
    return (
        Observation.objects.filter(source=Observation.Source.HOME, author=actor, links__child=child)
        .select_related("setting")
        .get(pk=observation_id)
    )


def add_home_observation(
    *,
    actor: User,
    child: Child,
    text: str,
    title: str = "",
    observed_on: dt.date | None = None,
    aspects: Iterable[Aspect] = (),
    photos: list[UploadedFile] | None = None,
    next_step: str = "",
    next_step_area: Area | None = None,
) -> Observation:
    """A family's observation from home, waiting for the key person. Photos are checked before
    anything is written; they picture only this child."""
    require(actor, HOME_ADD, child)
    text = _text(text, field="text", limit=MAX_TEXT, required="Write what happened: what they did or said.")
    title = _text(title, field="title", limit=MAX_TITLE)
    day = _date(observed_on)
    chosen = _aspects(aspects)
    step = _text(next_step, field="next_step", limit=MAX_STEP)
    if next_step_area is not None and not step:
        raise ValidationError({"next_step": "Write the next step you suggest, or leave its area empty."})
    photos = list(photos or [])
    if len(photos) > MAX_FILES:
        raise ValidationError({"photos": f"Add at most {MAX_FILES} photos or videos at a time."})
    now = timezone.now()
    with transaction.atomic():
        adult = _adult(actor, child)
        observation = Observation(
            setting_id=child.setting_id,
            source=Observation.Source.HOME,
            status=Status.AWAITING,
            title=title,
            text=text,
            observed_on=day,
            author=actor,
            author_adult=adult,
            created_at=now,
            updated_at=now,
        )
        observation._history_user = actor  # type: ignore[attr-defined]
        observation.save()
        ObservationChild.objects.create(observation=observation, child=child)
        observation.aspects.set(chosen)
        _keep_photos(actor=actor, child=child, observation=observation, photos=photos)
        if step:
            suggestion = NextStep(
                child=child,
                area=next_step_area,
                text=step,
                from_family=True,
                status=NextStep.Status.SUGGESTED,
                observation=observation,
                created_by=actor,
                created_at=now,
                updated_at=now,
            )
            suggestion._history_user = actor  # type: ignore[attr-defined]
            suggestion.save()
        audit.record(
            "journal.home_observation.created",
            actor,
            child_ids=[child.pk],
            obj=observation,
            setting_id=child.setting_id,
        )
    return observation


def _awaiting(observation: Observation) -> None:
    if observation.source != Observation.Source.HOME or observation.status != Status.AWAITING:
        raise ValidationError(
            "This has already been read and added to the journal, so it can no longer be changed here. "
            "Add a comment to it in the journal instead."
        )


def change_home_observation(
    *,
    actor: User,
    child: Child,
    observation: Observation,
    text: str,
    title: str = "",
    observed_on: dt.date | None = None,
    aspects: Iterable[Aspect] = (),
    photos: list[UploadedFile] | None = None,
) -> Observation:
    """The author changes their home observation while it still waits; more photos may be added."""
    require(actor, HOME_ADD, child)
    if observation.author_id != actor.pk or not observation.links.filter(child=child).exists():
        raise ValidationError("Only the person who wrote this can change it.")
    text = _text(text, field="text", limit=MAX_TEXT, required="Write what happened: what they did or said.")
    title = _text(title, field="title", limit=MAX_TITLE)
    day = _date(observed_on)
    chosen = _aspects(aspects)
    photos = list(photos or [])
    with transaction.atomic():
        observation = Observation.objects.select_for_update().get(pk=observation.pk)
        _awaiting(observation)
        already = observation.media.count()
        if already + len(photos) > MAX_FILES:
            raise ValidationError({"photos": f"An observation can have at most {MAX_FILES} photos or videos."})
        observation.title, observation.text, observation.observed_on = title, text, day
        observation.updated_at = timezone.now()
        observation._history_user = actor  # type: ignore[attr-defined]
        observation.save(update_fields=["title", "text", "observed_on", "updated_at"])
        observation.aspects.set(chosen)
        _keep_photos(actor=actor, child=child, observation=observation, photos=photos, start_order=already)
        audit.record(
            "journal.home_observation.updated",
            actor,
            child_ids=[child.pk],
            obj=observation,
            setting_id=child.setting_id,
        )
    return observation


def withdraw_home_observation(*, actor: User, child: Child, observation: Observation) -> None:
    """The author takes back a home observation not yet read: it, its photos and the next step
    suggested with it (if not yet taken on) are deleted, files too once the deletion is committed."""
    require(actor, HOME_ADD, child)
    if observation.author_id != actor.pk or not observation.links.filter(child=child).exists():
        raise ValidationError("Only the person who wrote this can withdraw it.")
    with transaction.atomic():
        observation = Observation.objects.select_for_update().get(pk=observation.pk)
        _awaiting(observation)
        files = [
            name
            for row in Media.objects.filter(observation=observation).values_list("original", "display", "thumbnail")
            for name in row
            if name
        ]
        NextStep.objects.filter(observation=observation, status=NextStep.Status.SUGGESTED, from_family=True).delete()
        audit.record(
            "journal.home_observation.withdrawn",
            actor,
            child_ids=[child.pk],
            obj=observation,
            setting_id=child.setting_id,
        )
        observation._history_user = actor  # type: ignore[attr-defined]
        observation.delete()
        transaction.on_commit(lambda: _delete_files(files))


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def acknowledge(*, actor: User, child: Child, observation: Observation, reply: str = "") -> Observation:
    """Read a home observation and add it to the child's journal, with an optional reply: it is
    then shared with the family (the link's ``shared_at`` is the publication time)."""
    require(actor, JOURNAL_CONTRIBUTE, child)
    reply = _text(reply, field="acknowledgement", limit=MAX_REPLY)
    with transaction.atomic():
        found = (
            Observation.objects.select_for_update()
            .filter(pk=observation.pk, source=Observation.Source.HOME, links__child=child)
            .first()
        )
        if found is None:
            raise ValidationError("This observation from home is not about this child.")
        observation = found
        if observation.status != Status.AWAITING:
            raise ValidationError("This has already been added to the journal.")
        now = timezone.now()
        observation.status = Status.PUBLISHED
        observation.acknowledged_at = observation.published_at = now
        observation.acknowledged_by = observation.published_by = actor
        observation.acknowledgement = reply
        observation.updated_at = now
        observation._history_user = actor  # type: ignore[attr-defined]
        observation.save(
            update_fields=[
                "status",
                "acknowledged_at",
                "published_at",
                "acknowledged_by",
                "published_by",
                "acknowledgement",
                "updated_at",
            ]
        )
        ObservationChild.objects.filter(observation=observation).update(shared_at=now)
        audit.record(
            "journal.home_observation.acknowledged",
            actor,
            child_ids=[child.pk],
            obj=observation,
            setting_id=child.setting_id,
        )
    return observation


def _keep_photos(
    *, actor: User, child: Child, observation: Observation, photos: list[UploadedFile] | None, start_order: int = 0
) -> None:
    """Keep a family's photos on their home observation (picturing their child only); a problem
    with a file is reported on the form's photo field. Call inside the caller's transaction."""
    if not photos:
        return
    try:
        keep_uploads(
            actor=actor,
            setting=child.setting,
            uploads=photos,
            observation_id=observation.pk,
            children=[child.pk],
            start_order=start_order,
        )
    except ValidationError as error:
        raise ValidationError({"photos": error.messages}) from None
