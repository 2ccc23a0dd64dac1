"""Every write about messages (R26): keyword-only, one transaction, audited with ids only.

A family or a member of staff starts a thread about a child; either side replies; staff assign a
thread, set a date to follow it up, close and reopen it. Each message may carry up to three
files: photos are re-encoded (no EXIF, no GPS), PDFs are recognised by their first bytes; both
are stored under random names. Who is told of a new message is worked out after commit, in the
task queue (``tasks_messages``), so access is checked again at that moment.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import require
from tandem.core.images import NOT_A_PHOTO, clean_photo
from tandem.core.models import User
from tandem.people.models import Child

from ..actions.messages import CHANGE_AT_HOME, CHILD_MESSAGES, THREAD_MANAGE, THREAD_READ
from ..models.messages import Message, MessageAttachment, Thread, ThreadParticipant, ThreadRead
from ..selectors.messages import assignable_staff, eligible_links, is_family, own_adult

MAX_FILES = 3
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_BODY = 5000
MAX_SUBJECT = 200
PHOTO_SIDE = 2000  # long enough to read a photographed letter
PDF_MAGIC = b"%PDF-"
NOT_ACCEPTED = "This file is not a photo or a PDF we can accept. Attach JPEG, PNG or WebP photos, or PDF documents."
Topic = Thread.Topic


# --- attachments ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CleanFile:
    content: ContentFile[bytes]
    name: str
    content_type: str
    extension: str

    @property
    def size(self) -> int:
        return int(self.content.size)


def shown_name(raw: str | None) -> str:
    """The sender's file name, safe to show: no folders, no control characters, not too long."""
    name = os.path.basename((raw or "").replace("\\", "/"))
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    return (name or "file")[-120:]


def clean_uploads(uploads: Iterable[UploadedFile]) -> list[CleanFile]:
    """Check each file from its own bytes and clean it; refuse the lot with a plain reason."""
    files = [u for u in uploads if u]
    if len(files) > MAX_FILES:
        raise ValidationError({"attachments": f"Attach at most {MAX_FILES} files to one message."})
    cleaned = []
    limit = MAX_ATTACHMENT_BYTES // (1024 * 1024)
    for upload in files:
        name = shown_name(upload.name)
        if upload.size is None or upload.size > MAX_ATTACHMENT_BYTES:
            raise ValidationError({"attachments": f"{name} is larger than {limit} MB. Choose a smaller file."})
        upload.seek(0)
        head = upload.read(len(PDF_MAGIC))
        upload.seek(0)
        if head == PDF_MAGIC:
            data = upload.read()
            cleaned.append(CleanFile(ContentFile(data), name, "application/pdf", "pdf"))
            continue
        try:
            photo = clean_photo(upload, max_side=PHOTO_SIDE)
        except ValidationError as error:
            reason = NOT_ACCEPTED if NOT_A_PHOTO in error.messages else " ".join(error.messages)
            raise ValidationError({"attachments": f"{name}: {reason}"}) from None
        stem = os.path.splitext(name)[0] or "photo"
        cleaned.append(CleanFile(photo, f"{stem}.jpg", "image/jpeg", "jpg"))
    return cleaned


def _store(message: Message, files: Sequence[CleanFile], stored: list[str]) -> None:
    for item in files:
        attachment = MessageAttachment(
            message=message, name=item.name[:200], content_type=item.content_type, size=item.size
        )
        try:
            attachment.file.save(f"{message.thread.setting_id}/{secrets.token_hex(16)}.{item.extension}", item.content)
        finally:
            if attachment.file.name:  # written to storage, whether or not its row was
                stored.append(attachment.file.name)


def _discard(stored: list[str]) -> None:
    for name in stored:
        default_storage.delete(name)


# --- helpers ----------------------------------------------------------------------------------


def _text(value: str | None, *, field: str, limit: int, required: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: required})
    if len(text) > limit:
        raise ValidationError({field: f"Keep this to {limit:,} characters or fewer."})
    return text


def _mark_read(thread: Thread, user: User, at: dt.datetime) -> None:
    ThreadRead.objects.bulk_create(
        [ThreadRead(thread=thread, user=user, read_at=at)],
        update_conflicts=True,
        unique_fields=["thread", "user"],
        update_fields=["read_at"],
    )


def _record(event: str, actor: User, thread: Thread) -> None:
    audit.record(event, actor, child_ids=[thread.child_id], obj=thread, setting_id=thread.setting_id)


def _after_commit_notify(message: Message) -> None:
    from ..tasks_messages import notify_message

    pk = message.pk
    transaction.on_commit(lambda: notify_message.enqueue(pk))


def _post(
    thread: Thread, actor: User, body: str, from_family: bool, files: Sequence[CleanFile], stored: list[str]
) -> Message:
    """Write a message and its files (inside the caller's transaction, which deletes the files in
    ``stored`` if it fails); the writer has read it."""
    now = timezone.now()
    message = Message.objects.create(thread=thread, author=actor, from_family=from_family, body=body, sent_at=now)
    message.thread = thread
    _store(message, files, stored)
    thread.last_message_at = now
    _mark_read(thread, actor, now)
    return message


# --- starting a thread ------------------------------------------------------------------------


def _participants(actor: User, child: Child, chosen: Iterable[int], family: bool) -> list[int]:
    """The adults of a new thread. A family member is always in their own thread; the others come
    only from those who may be put in one (linked, signed up, no restriction)."""
    eligible = {link.adult_id for link in eligible_links(child)}
    wanted = {int(pk) for pk in chosen}
    if family:
        me = own_adult(actor, child)
        if me is None:  # require() has said yes, so only in a race
            raise ValidationError("Only a parent or carer of this child can start a conversation about them.")
        eligible.discard(me.pk)
        if wanted - eligible - {me.pk}:
            raise ValidationError({"people": "Choose only from the people listed."})
        return sorted((wanted - {me.pk}) | {me.pk})
    if not eligible:
        raise ValidationError(
            "No one in this child's family can read messages in Tandem yet. Invite a parent first, "
            "or speak to the family in person."
        )
    if not wanted:
        raise ValidationError({"people": "Choose at least one person to send it to."})
    if wanted - eligible:
        raise ValidationError({"people": "Choose only from the people listed."})
    return sorted(wanted)


def _change_date(value: dt.date | None) -> dt.date | None:
    if value is None:
        return None
    today = timezone.localdate()
    if not today - dt.timedelta(days=366) <= value <= today + dt.timedelta(days=366):
        raise ValidationError({"change_from": "Choose a date within a year of today."})
    return value


def _open_thread(
    *,
    actor: User,
    child: Child,
    subject: str,
    body: str,
    topic: str,
    uploads: Iterable[UploadedFile],
    adult_ids: Iterable[int],
    change_kind: str = "",
    change_from: dt.date | None = None,
) -> Thread:
    family = is_family(actor, child.pk)
    subject = _text(subject, field="subject", limit=MAX_SUBJECT, required="Give your message a subject.")
    body = _text(body, field="body", limit=MAX_BODY, required="Write your message.")
    if topic not in Topic.values:
        raise ValidationError({"topic": "Choose what the message is about."})
    people = _participants(actor, child, adult_ids, family)
    files = clean_uploads(uploads)
    assignee = None
    if topic == Topic.CHANGE_AT_HOME and child.key_person_id:
        # "Tell us about a change at home" goes to the key person, while they work here.
        assignee = assignable_staff_for_child(child).filter(pk=child.key_person_id).first()
    now = timezone.now()
    stored: list[str] = []
    try:
        with transaction.atomic():
            thread = Thread.objects.create(
                setting_id=child.setting_id,
                child=child,
                subject=subject,
                topic=topic,
                change_kind=change_kind,
                change_from=change_from,
                started_by=actor,
                started_at=now,
                last_message_at=now,
                assigned_to=assignee,
            )
            ThreadParticipant.objects.bulk_create([ThreadParticipant(thread=thread, adult_id=pk) for pk in people])
            message = _post(thread, actor, body, family, files, stored)
            thread.save(update_fields=["last_message_at"])
            _record("comms.message.started", actor, thread)
            _after_commit_notify(message)
    except Exception:
        _discard(stored)
        raise
    return thread


def assignable_staff_for_child(child: Child) -> QuerySet[User]:
    return assignable_staff(Thread(setting_id=child.setting_id, child=child))


def start_thread(
    *,
    actor: User,
    child: Child,
    subject: str,
    body: str,
    topic: str = Topic.GENERAL,
    uploads: Iterable[UploadedFile] = (),
    adult_ids: Iterable[int] = (),
) -> Thread:
    """Start a conversation about ``child``. A family member is in it with those they choose; a
    member of staff chooses who in the family it is for."""
    require(actor, CHILD_MESSAGES, child)
    if topic == Topic.CHANGE_AT_HOME:
        raise ValidationError({"topic": "Use “Tell us about a change at home” for a change at home."})
    return _open_thread(
        actor=actor, child=child, subject=subject, body=body, topic=topic, uploads=uploads, adult_ids=adult_ids
    )


def tell_change_at_home(
    *,
    actor: User,
    child: Child,
    change_kind: str,
    what_changed: str,
    how_we_can_help: str = "",
    change_from: dt.date | None = None,
    adult_ids: Iterable[int] = (),
) -> Thread:
    """A parent tells the key person about a change in family life or routine."""
    require(actor, CHANGE_AT_HOME, child)
    if change_kind not in Thread.ChangeKind.values:
        raise ValidationError({"change_kind": "Choose what has changed."})
    what = _text(what_changed, field="what_changed", limit=MAX_BODY, required="Tell us what has changed.")
    help_text = (how_we_can_help or "").strip()
    if len(help_text) > MAX_BODY:
        raise ValidationError({"how_we_can_help": f"Keep this to {MAX_BODY:,} characters or fewer."})
    when = _change_date(change_from)
    kind = Thread.ChangeKind(change_kind)
    parts = [f"What has changed:\n{what}"]
    if when:
        parts.insert(0, f"Since (or from): {when:%-d %B %Y}")
    if help_text:
        parts.append(f"Anything you could do:\n{help_text}")
    return _open_thread(
        actor=actor,
        child=child,
        subject=f"A change at home: {kind.label}",
        body="\n\n".join(parts),
        topic=Topic.CHANGE_AT_HOME,
        uploads=(),
        adult_ids=adult_ids,
        change_kind=kind,
        change_from=when,
    )


# --- in a thread ------------------------------------------------------------------------------


def reply(*, actor: User, thread: Thread, body: str, uploads: Iterable[UploadedFile] = ()) -> Message:
    """Add a message to the thread. A reply to a closed thread opens it again."""
    require(actor, THREAD_READ, thread)
    body = _text(body, field="body", limit=MAX_BODY, required="Write your message.")
    files = clean_uploads(uploads)
    family = is_family(actor, thread.child_id)
    stored: list[str] = []
    try:
        with transaction.atomic():
            locked = Thread.objects.select_for_update().get(pk=thread.pk)
            message = _post(locked, actor, body, family, files, stored)
            fields = ["last_message_at"]
            if locked.status == Thread.Status.CLOSED:
                locked.status = Thread.Status.OPEN
                fields.append("status")
                _record("comms.message.reopened", actor, locked)
            locked.save(update_fields=fields)
            _record("comms.message.replied", actor, locked)
            _after_commit_notify(message)
    except Exception:
        _discard(stored)
        raise
    thread.status, thread.last_message_at = locked.status, locked.last_message_at
    return message


def mark_read(*, actor: User, thread: Thread) -> None:
    """The actor has read the thread up to now."""
    require(actor, THREAD_READ, thread)
    _mark_read(thread, actor, timezone.now())


def manage(*, actor: User, thread: Thread, assignee: User | None, follow_up_on: dt.date | None) -> Thread:
    """Pass the thread to a member of staff (or to no one) and set, change or clear its follow-up date."""
    require(actor, THREAD_MANAGE, thread)
    if assignee is not None and not assignable_staff(thread).filter(pk=assignee.pk).exists():
        raise ValidationError({"assigned_to": "Choose someone from the list: staff who answer families here."})
    with transaction.atomic():
        locked = Thread.objects.select_for_update().get(pk=thread.pk)
        if follow_up_on is not None and follow_up_on != locked.follow_up_on and follow_up_on < timezone.localdate():
            raise ValidationError({"follow_up_on": "Choose today or a later date."})
        new_assignee = assignee.pk if assignee else None
        changed_assignee = new_assignee != locked.assigned_to_id
        changed_date = follow_up_on != locked.follow_up_on
        locked.assigned_to_id, locked.follow_up_on = new_assignee, follow_up_on
        locked.save(update_fields=["assigned_to", "follow_up_on"])
        if changed_assignee:
            _record("comms.message.assigned", actor, locked)
            if new_assignee and new_assignee != actor.pk:
                from ..tasks_messages import notify_assigned

                thread_id, by_id = locked.pk, actor.pk
                transaction.on_commit(lambda: notify_assigned.enqueue(thread_id, new_assignee, by_id))
        if changed_date:
            _record("comms.message.follow_up_set", actor, locked)
    thread.assigned_to_id, thread.follow_up_on = locked.assigned_to_id, locked.follow_up_on
    return locked


def set_status(*, actor: User, thread: Thread, status: str) -> Thread:
    """Close a thread (it stays readable) or open it again."""
    require(actor, THREAD_MANAGE, thread)
    if status not in Thread.Status.values:
        raise ValidationError("Choose whether to close or reopen the conversation.")
    with transaction.atomic():
        locked = Thread.objects.select_for_update().get(pk=thread.pk)
        if locked.status != status:
            locked.status = status
            locked.save(update_fields=["status"])
            _record(
                "comms.message.closed" if status == Thread.Status.CLOSED else "comms.message.reopened", actor, locked
            )
    thread.status = locked.status
    return locked
