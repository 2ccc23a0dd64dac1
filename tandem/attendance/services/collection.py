"""Every write about collection (R43, R44): keyword-only, one transaction, audited with ids only.

The departure of a child is written here and nowhere else (``release``): the Attendance row is
locked, so two tablets can never hand the same child over twice or lose a departure. The
collection password is kept only as a Django password hash: it is never stored, shown or logged
in the clear. Every check of it is a ``PasswordAttempt``; a wrong one alerts the managers, and
three wrong ones in a day lock the password for that child until tomorrow.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.contrib.auth.hashers import check_password as check_hash
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from tandem.core import audit
from tandem.core.images import clean_photo
from tandem.core.models import User
from tandem.enrolment.services.contract import check_typed_name
from tandem.people.models import Adult, Child

from ..actions.collection import COLLECTORS_MANAGE, ONE_OFF_GRANT, PASSWORD_SET, RELEASE
from ..models import Attendance, CollectionPassword, Collector, OneOffCollector, PasswordAttempt
from ..selectors.collection import (
    BLOCKED,
    MAX_FAILED_ATTEMPTS,
    ONE_OFF,
    CollectorRow,
    collectors_today,
    failed_attempts_today,
)

PHOTO_SIDE = 400
MIN_PASSWORD = 4
ADULT_NEEDED = "Children are only released to an adult: confirm this person is aged 16 or over."
NOT_AUTHORISED = (
    "Not authorised: this person is not on {child}'s list for today. Do not release {child}. Ask a parent "
    "with parental responsibility to call, or use the collection password."
)
LOCKED = (
    "The collection password has been tried wrongly {n} times today for {child}, so it is locked until "
    "tomorrow. Do not release {child} on the password: call a parent with parental responsibility, and tell "
    "the manager."
)
WRONG_PASSWORD = (
    "That is not {child}'s collection password. Do not release {child}. The manager has been told. "
    "{left} more {tries} today before the password is locked."
)
NO_PASSWORD = "{child}'s family has not set a collection password. Ask a parent with parental responsibility to call."
IDENTITY_NEEDED = (
    "Record the proof of identity you have seen (the kind of document, for example: driving licence). {why}"
)
NO_NUMBERS = "Write only the kind of document, for example: passport. Never write its number."


def _record(event: str, actor: User, child: Child, obj: Any) -> None:
    audit.record(event, actor, child_ids=[child.pk], obj=obj, setting_id=child.setting_id)


def _tidy(value: str | None) -> str:
    return " ".join((value or "").split())


def granting_adult(*, actor: User, child: Child) -> Adult | None:
    """The actor's own record as an unrestricted parent of the child with parental responsibility."""
    return (
        Adult.objects.filter(
            user=actor,
            links__child=child,
            links__parental_responsibility=True,
            links__no_contact=False,
            links__no_collection=False,
            links__no_information=False,
        )
        .distinct()
        .first()
    )


# --- named collectors -------------------------------------------------------------------------


def add_collector(
    *,
    actor: User,
    child: Child,
    name: str,
    relationship: str,
    is_adult: bool,
    phone: str = "",
    photo: UploadedFile | None = None,
) -> Collector:
    """Add a named adult who may collect the child. The photo is cleaned here (small: 400 px)."""
    require_manage(actor, child)
    errors: dict[str, str] = {}
    name, relationship, phone = _tidy(name), _tidy(relationship), _tidy(phone)
    if not name:
        errors["name"] = "Write the person's full name."
    if not relationship:
        errors["relationship"] = "Write how they know the child, for example: grandmother."
    elif _restricted_name(child, name):
        errors["name"] = RESTRICTED_NAME.format(child=child.display_name)
    if not is_adult:
        errors["is_adult"] = ADULT_NEEDED
    clean = None
    if photo is not None:
        try:
            clean = clean_photo(photo, max_side=PHOTO_SIDE)
        except ValidationError as error:
            errors["photo"] = " ".join(error.messages)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        collector = Collector(
            child=child, name=name, relationship=relationship, phone=phone, is_adult=True, added_by=actor
        )
        if clean is not None:
            collector.photo.save("photo.jpg", clean, save=False)
        collector.save()
        _record("attendance.collector.added", actor, child, collector)
    return collector


def require_manage(actor: User, child: Child) -> None:
    from tandem.core.access import require

    require(actor, COLLECTORS_MANAGE, child)


def remove_collector(*, actor: User, collector: Collector) -> Collector:
    """Take a collector off the list (kept for the record, with when)."""
    require_manage(actor, collector.child)
    with transaction.atomic():
        locked = Collector.objects.select_for_update().get(pk=collector.pk)
        if locked.removed_at is not None:
            raise ValidationError(f"{locked.name} has already been taken off the list.")
        locked.removed_at = timezone.now()
        locked.save(update_fields=["removed_at"])
        _record("attendance.collector.removed", actor, collector.child, locked)
    return locked


# --- one-off permission -----------------------------------------------------------------------


def grant_one_off(
    *,
    actor: User,
    child: Child,
    date: dt.date,
    name: str,
    relationship: str,
    description: str,
    is_adult: bool,
    typed_name: str,
) -> OneOffCollector:
    """A parent with parental responsibility gives written permission for another adult on one day,
    signing with their full name."""
    from tandem.core.access import require

    require(actor, ONE_OFF_GRANT, child)
    adult = granting_adult(actor=actor, child=child)
    if adult is None:
        raise ValidationError(
            f"Only a parent or carer with parental responsibility for {child.display_name} can give permission."
        )
    errors: dict[str, str] = {}
    name, relationship, description = _tidy(name), _tidy(relationship), _tidy(description)
    if date is None or date < timezone.localdate():
        errors["date"] = "Choose today or a day after today."
    if not name:
        errors["name"] = "Write the full name of the person who will collect."
    elif _restricted_name(child, name):
        errors["name"] = RESTRICTED_NAME.format(child=child.display_name)
    if not relationship:
        errors["relationship"] = "Write how they know the child, for example: neighbour."
    if not description:
        errors["description"] = "Tell us how we will recognise them, for example: tall, grey hair, red coat."
    if not is_adult:
        errors["is_adult"] = ADULT_NEEDED
    try:
        signed = check_typed_name(typed_name, first_name=adult.first_name, last_name=adult.last_name)
    except ValidationError as error:
        errors.update({k: " ".join(v) for k, v in error.message_dict.items()})
        signed = ""
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        one_off = OneOffCollector.objects.create(
            child=child,
            date=date,
            name=name,
            relationship=relationship,
            description=description,
            is_adult=True,
            granted_by=adult,
            granted_by_user=actor,
            signed_name=signed,
        )
        _record("attendance.one_off.granted", actor, child, one_off)
    return one_off


def cancel_one_off(*, actor: User, one_off: OneOffCollector) -> OneOffCollector:
    """Cancel a one-off permission before it is used."""
    from tandem.core.access import require

    require(actor, ONE_OFF_GRANT, one_off.child)
    with transaction.atomic():
        locked = OneOffCollector.objects.select_for_update().get(pk=one_off.pk)
        if locked.cancelled_at is not None:
            raise ValidationError("This permission has already been cancelled.")
        if Attendance.objects.filter(one_off=locked).exists():
            raise ValidationError(f"{locked.name} has already collected {one_off.child.display_name} with it.")
        if locked.date < timezone.localdate():
            raise ValidationError("This permission was for a day that has passed.")
        locked.cancelled_at = timezone.now()
        locked.save(update_fields=["cancelled_at"])
        _record("attendance.one_off.cancelled", actor, one_off.child, locked)
    return locked


# --- the collection password ------------------------------------------------------------------


def _squash(value: str) -> str:
    return re.sub(r"[^a-z0-9]", "", value.casefold())


def set_password(*, actor: User, child: Child, password: str) -> CollectionPassword:
    """Set or change the child's collection password. Only its hash is kept."""
    from tandem.core.access import require

    require(actor, PASSWORD_SET, child)
    password = (password or "").strip()
    if len(password) < MIN_PASSWORD:
        raise ValidationError({"password": f"Choose a password of at least {MIN_PASSWORD} characters."})
    names = {child.first_name, child.last_name, child.preferred_name, child.display_name}
    names |= {f"{child.first_name} {child.last_name}"}
    squashed = _squash(password)
    if any(n and _squash(n) == squashed for n in names) or _squash(child.first_name) in squashed:
        raise ValidationError({"password": "Do not use your child's name: anyone could guess it."})
    with transaction.atomic():
        row, created = CollectionPassword.objects.select_for_update().get_or_create(
            child=child, defaults={"password_hash": make_password(password), "set_by": actor}
        )
        if not created:
            row.password_hash, row.set_by, row.set_at = make_password(password), actor, timezone.now()
            row.save(update_fields=["password_hash", "set_by", "set_at"])
        _record("attendance.password.set" if created else "attendance.password.changed", actor, child, row)
    return row


def check_password(*, actor: User, child: Child, attempt: str) -> PasswordAttempt:
    """Staff type what the collector says. Every check is kept; a wrong one alerts the managers.

    Raises ``ValidationError`` when the password is wrong (the attempt is still recorded: call
    outside any transaction of your own), when none is set, or when it is locked for today."""
    from tandem.core.access import require

    from ..tasks_collection import email_password_failed

    require(actor, RELEASE, child)
    name = child.display_name
    with transaction.atomic():
        stored = CollectionPassword.objects.select_for_update().filter(child=child).first()
        if stored is None:
            raise ValidationError({"password": NO_PASSWORD.format(child=name)})
        failed = failed_attempts_today(child)
        if failed >= MAX_FAILED_ATTEMPTS:
            raise ValidationError({"password": LOCKED.format(n=failed, child=name)})
        ok = bool(attempt) and check_hash(attempt.strip(), stored.password_hash)
        row = PasswordAttempt.objects.create(child=child, checked_by=actor, succeeded=ok)
        if ok:
            _record("attendance.password.checked", actor, child, row)
            return row
        _record("attendance.password.failed", actor, child, row)
        transaction.on_commit(lambda: email_password_failed.enqueue(row.pk))
    left = MAX_FAILED_ATTEMPTS - failed - 1
    if left <= 0:
        raise ValidationError({"password": LOCKED.format(n=MAX_FAILED_ATTEMPTS, child=name)})
    raise ValidationError(
        {"password": WRONG_PASSWORD.format(child=name, left=left, tries="try" if left == 1 else "tries")}
    )


# --- release at the door ----------------------------------------------------------------------

PASSWORD_ROUTE = "password"
KNOWN, IDENTITY, PASSWORD = Attendance.Check.KNOWN, Attendance.Check.IDENTITY, Attendance.Check.PASSWORD


def blocked_message(child: Child, row: CollectorRow) -> str:
    return (
        f"Do not release {child.display_name} to {row.name}: {row.reason}. Keep {child.display_name} "
        "inside and tell the manager now."
    )


def _blocked_by_name(rows: list[CollectorRow], name: str) -> CollectorRow | None:
    """The restricted adult among ``rows`` whose name this is, if any (case and spacing ignored)."""
    wanted = _squash(name)
    if not wanted:
        return None
    return next((r for r in rows if r.kind == BLOCKED and _squash(r.name) == wanted), None)


def _gone_home(att: Attendance) -> str:
    by = att.released_by.get_full_name() if att.released_by else "a member of staff"
    at = timezone.localtime(att.left_at).strftime("%H:%M") if att.left_at else "earlier"
    to = f" to {att.collected_by_name}" if att.collected_by_name else ""
    return f"{att.child.display_name} has already gone home: released by {by} at {at}{to}."


def _check_identity(note: str, why: str) -> str:
    note = _tidy(note)
    if not note:
        raise ValidationError({"identity_note": IDENTITY_NEEDED.format(why=why)})
    if re.search(r"\d{3,}", note):
        raise ValidationError({"identity_note": NO_NUMBERS})
    return note


def release(
    *,
    actor: User,
    attendance: Attendance,
    collector: str,
    check: str,
    identity_note: str = "",
    password: str = "",
    collector_name: str = "",
    collector_is_adult: bool = False,
    note: str = "",
) -> Attendance:
    """Hand the child over at the door.

    ``collector`` is a row key of ``collectors_today`` ("adult:3", "collector:5", "one_off:7") or
    ``"password"`` for someone not on the list who gives the collection password (then
    ``collector_name`` names them and staff confirm with ``collector_is_adult`` that they are an
    adult). ``check`` is how staff know it is them: ``known`` (the key person knows them),
    ``identity`` (proof of identity seen: ``identity_note``, the kind of document only) or
    ``password``. A restricted adult is refused with an alert and the refusal is audited.
    """
    from tandem.core.access import require

    child = attendance.child
    require(actor, RELEASE, child)
    name = child.display_name
    row: CollectorRow | None = None
    everyone = collectors_today(child)
    if collector == PASSWORD_ROUTE:
        check = PASSWORD
        collector_name = _tidy(collector_name)
        if not collector_name:
            raise ValidationError({"collector_name": "Write the full name of the person collecting."})
    else:
        row = next((r for r in everyone if r.key == collector), None)
        if row is None:
            raise ValidationError({"collector": NOT_AUTHORISED.format(child=name)})
        if row.kind == BLOCKED:
            _record("attendance.release.blocked", actor, child, attendance)  # outside the transaction: kept
            raise ValidationError({"collector": blocked_message(child, row)})
        if not row.allowed:
            raise ValidationError({"collector": ADULT_NEEDED})
        collector_name = row.name
    # A restricted adult is blocked whatever route they come by: named on the password route, or
    # added by the family as a named or one-off collector (a court order is not the family's to lift).
    blocked_as = _blocked_by_name(everyone, collector_name)
    if blocked_as is not None:
        _record("attendance.release.blocked", actor, child, attendance)  # outside the transaction: kept
        raise ValidationError({"collector": blocked_message(child, blocked_as)})
    if check not in (KNOWN, IDENTITY, PASSWORD):
        raise ValidationError({"check": "Say how you know this is them."})
    if check == KNOWN and row is not None and row.needs_identity:
        raise ValidationError({"identity_note": IDENTITY_NEEDED.format(why="A one-off collector is not known to you.")})
    identity = ""
    if check in (IDENTITY, PASSWORD) or (row is not None and row.needs_identity):
        why = "They are not known to the key person."
        identity = _check_identity(identity_note, why)
    current = Attendance.objects.filter(pk=attendance.pk).values_list("state", flat=True).first()
    if current == Attendance.State.LEFT:
        raise ValidationError(
            _gone_home(Attendance.objects.select_related("released_by", "child").get(pk=attendance.pk))
        )
    if check == PASSWORD:
        check_password(actor=actor, child=child, attempt=password)  # records the attempt, raises if wrong
    if row is None and not collector_is_adult:  # the password route: staff confirm an adult (after the check is kept)
        raise ValidationError({"is_adult": ADULT_NEEDED})
    try:
        with transaction.atomic():
            locked = (
                Attendance.objects.select_for_update(of=("self",))
                .select_related("child", "released_by")
                .get(pk=attendance.pk)
            )
            if locked.state == Attendance.State.LEFT:
                raise ValidationError(_gone_home(locked))
            if locked.state != Attendance.State.PRESENT:
                raise ValidationError(f"{name} has not been signed in by staff today, so cannot be released.")
            if locked.date != timezone.localdate():
                raise ValidationError("This register is not today's.")
            now = timezone.now()
            locked.state = Attendance.State.LEFT
            locked.left_at = now
            locked.released_by = actor
            locked.collected_by_id = row.adult_id if row is not None else None
            locked.collected_by_name = collector_name
            locked.collection_check = check
            locked.identity_note = identity
            locked.one_off_id = row.one_off_id if row is not None and row.kind == ONE_OFF else None
            if note:
                locked.note = _tidy(note)[:300]
            locked.updated_at = now
            locked.save(
                update_fields=[
                    "state",
                    "left_at",
                    "released_by",
                    "collected_by",
                    "collected_by_name",
                    "collection_check",
                    "identity_note",
                    "one_off",
                    "note",
                    "updated_at",
                ]
            )
            _record("attendance.child.released", actor, child, locked)
    except IntegrityError:  # pragma: no cover - a vanished row
        raise ValidationError("The register changed while you were saving. Try again.") from None
    return locked


RESTRICTED_NAME = (
    "We cannot add this person: a restriction on our records says they may not collect {child}. "
    "Please speak to the manager."
)


def _restricted_name(child: Child, name: str) -> bool:
    """Is ``name`` the name of an adult a restriction bars from collecting the child?"""
    return _blocked_by_name(collectors_today(child), name) is not None
