"""Every write to a child's All About Me (R11): one transaction, audited, never losing an edit."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import require
from tandem.core.models import User
from tandem.enrolment.actions.aboutme import ABOUT_ME_EDIT
from tandem.enrolment.models.aboutme import ABOUT_ME_FIELDS, AllAboutMe
from tandem.people.models import Child

MAX_LENGTH = 2000
CONFLICT = "conflict"


class EditConflict(ValidationError):
    """The booklet changed after the form was opened: nothing was written.

    ``current`` is the booklet as it now stands, so the page can show the other person's words
    beside the ones that were about to be saved."""

    def __init__(self, current: AllAboutMe | None) -> None:
        super().__init__(
            "Someone else saved this booklet while you were writing, so nothing has been saved yet. "
            "Their words are shown below: copy anything you want to keep into your answers, then save again.",
            code=CONFLICT,
        )
        self.current = current


def save_all_about_me(*, actor: User, child: Child, version: int, **fields: Any) -> AllAboutMe:
    """Save the booklet as loaded at ``version``; raise :class:`EditConflict` if it has moved on.

    The check and the write happen in one statement (``UPDATE … WHERE version = loaded``), so two
    saves racing each other cannot both win, on SQLite or PostgreSQL."""
    require(actor, ABOUT_ME_EDIT, child)
    unknown = set(fields) - set(ABOUT_ME_FIELDS)
    if unknown:
        raise ValueError(f"Not parts of All About Me: {sorted(unknown)}")
    values = {name: (fields.get(name) or "").strip() for name in ABOUT_ME_FIELDS if name in fields}
    too_long = {
        name: f"Keep this to {MAX_LENGTH:,} characters or fewer." for name, v in values.items() if len(v) > MAX_LENGTH
    }
    if too_long:
        raise ValidationError(too_long)
    now = timezone.now()
    with transaction.atomic():
        booklet = AllAboutMe.objects.filter(child=child).first()
        if booklet is None:
            if version != 0:
                raise EditConflict(None)
            if not any(values.values()):
                raise ValidationError("Write something in at least one part of the booklet before saving.")
            booklet = AllAboutMe(child=child, version=1, created_at=now, updated_at=now, updated_by=actor, **values)
            booklet._history_user = actor  # type: ignore[attr-defined]
            try:
                with transaction.atomic():
                    booklet.save()
            except IntegrityError:
                # Another person made the booklet a moment ago: theirs stands, and this one waits.
                raise EditConflict(AllAboutMe.objects.filter(child=child).first()) from None
            audit.record(
                "enrolment.aboutme.created", actor, child_ids=[child.pk], obj=booklet, setting_id=child.setting_id
            )
            return booklet
        if booklet.version != version:
            raise EditConflict(booklet)
        changed = [name for name, value in values.items() if getattr(booklet, name) != value]
        if not changed:
            return booklet
        # Claim the next version only if nobody else has since the row was read.
        claimed = AllAboutMe.objects.filter(pk=booklet.pk, version=version).update(version=F("version") + 1)
        if not claimed:
            raise EditConflict(AllAboutMe.objects.get(pk=booklet.pk))
        for name in changed:
            setattr(booklet, name, values[name])
        booklet.version = version + 1
        booklet.updated_at = now
        booklet.updated_by = actor
        booklet._history_user = actor  # type: ignore[attr-defined]
        booklet.save()  # the full row, so the revision trail records who changed what
        audit.record("enrolment.aboutme.updated", actor, child_ids=[child.pk], obj=booklet, setting_id=child.setting_id)
    return booklet
