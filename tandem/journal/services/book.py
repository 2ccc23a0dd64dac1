"""Asking for a child's learning journal book (R18): one transaction, audited; made after commit in
the task queue (``tandem.journal.tasks_book``)."""

from __future__ import annotations

import datetime as dt

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import require
from tandem.core.exports import record_export
from tandem.core.models import User
from tandem.people.models import Child

from ..actions.book import BOOK_MAKE
from ..models import Book
from ..selectors.book import BOOK_EXPORT, asks_purpose

# A book still "waiting" or "being made" after this long was lost (the worker stopped): ask again.
STALE_AFTER = dt.timedelta(minutes=30)
STALE_MESSAGE = "Making the book took too long and was stopped. Please try again."
OUTDATED_MESSAGE = "The journal has changed since this book was made, so it can no longer be downloaded. Make it again."


def request_book(*, actor: User, child: Child, purpose: str | None = None) -> Book:
    """Queue a new book of the child's journal, as the family sees it.

    One book is made at a time for a child: while one is waiting or being made, asking again
    returns that one. Older books are replaced once the new one is ready. A member of staff (not
    the child's family) must give a purpose: the export is logged first (R51), and refused without."""
    from ..tasks_book import make_book

    require(actor, BOOK_MAKE, child)
    now = timezone.now()
    with transaction.atomic():
        if asks_purpose(actor, child):
            record_export(
                actor=actor, setting_id=child.setting_id, what=BOOK_EXPORT, purpose=purpose, child_id=child.pk
            )
        Child.objects.select_for_update().filter(pk=child.pk).first()  # one request at a time per child
        in_progress = Book.objects.filter(child=child, state__in=[Book.State.QUEUED, Book.State.MAKING])
        in_progress.filter(requested_at__lt=now - STALE_AFTER).update(
            state=Book.State.FAILED, failure=STALE_MESSAGE, finished_at=now
        )
        current = in_progress.order_by("-requested_at", "-pk").first()
        if current is not None:
            return current
        book = Book.objects.create(child=child, requested_by=actor, for_family=True, requested_at=now)
        audit.record("journal.book.requested", actor, child_ids=[child.pk], obj=book, setting_id=child.setting_id)
        transaction.on_commit(lambda: make_book.enqueue(book.pk))
    return book


def record_download(*, actor: User, book: Book) -> None:
    require(actor, BOOK_MAKE, book.child)
    audit.record(
        "journal.book.downloaded", actor, child_ids=[book.child_id], obj=book, setting_id=book.child.setting_id
    )


def retire_outdated(*, actor: User, book: Book) -> None:
    """A book made before a photo consent was withdrawn or an observation unshared: its PDF is deleted."""
    require(actor, BOOK_MAKE, book.child)
    name = book.pdf.name
    with transaction.atomic():
        Book.objects.filter(pk=book.pk, state=Book.State.READY).update(
            state=Book.State.FAILED, failure=OUTDATED_MESSAGE, pdf=""
        )
        audit.record(
            "journal.book.outdated", actor, child_ids=[book.child_id], obj=book, setting_id=book.child.setting_id
        )
        if name:
            transaction.on_commit(lambda: default_storage.delete(name))
