"""Making a child's learning journal book (R18) in the task queue. Tasks take ids only.

The book is rendered a chunk at a time (the cover, then each month, then the shared summaries):
each chunk reads only its own observations and photos, and the book's ``progress`` is updated
after each, so the family's page can show how far it has got. WeasyPrint is given a URL fetcher
that refuses everything but the ``data:`` photos we embed ourselves: nothing is fetched from
anywhere, not even from our own disk by path.
"""

from __future__ import annotations

import base64
import binascii
import logging
import tempfile
from collections.abc import Callable
from typing import Any

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from .models import Book, Media
from .models.book import book_path
from .selectors import book as selectors

logger = logging.getLogger("tandem.journal")

FAILED_MESSAGE = "Something went wrong while making the book. Nothing was lost: please try again."
PHOTO_TYPES = {"image/jpeg", "image/png", "image/webp"}


def _fetcher() -> Any:
    """A WeasyPrint URL fetcher that decodes our own ``data:`` photos and refuses every other URL."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class OwnPhotosOnly(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if not url.startswith("data:"):
                raise ValueError("The book is made from our own text and photos only: nothing is fetched")
            meta, _, payload = url[5:].partition(",")
            content_type, _, encoding = meta.partition(";")
            if content_type not in PHOTO_TYPES or encoding != "base64":
                raise ValueError("Only embedded photos are allowed in the book")
            try:
                body = base64.b64decode(payload, validate=True)
            except (binascii.Error, ValueError):
                raise ValueError("A photo in the book could not be read") from None
            return URLFetcherResponse(url, body, {"Content-Type": content_type})

    return OwnPhotosOnly(allowed_protocols=("data",), allow_redirects=False)


def photo_data_uri(media: Media) -> str | None:
    """The display copy of a ready photo as a ``data:`` URI, read from private storage; None if lost."""
    if media.kind != Media.Kind.PHOTO or not media.display:
        return None
    try:
        with media.display.open("rb") as source:
            data = source.read()
    except OSError:
        return None
    return f"data:image/jpeg;base64,{base64.b64encode(data).decode('ascii')}"


def _set(book_id: int, **fields: Any) -> None:
    Book.objects.filter(pk=book_id).update(**fields)


def _render(html: str, fetcher: Any) -> Any:
    import weasyprint

    return weasyprint.HTML(string=html, url_fetcher=fetcher).render()


def _chunks(book: Book) -> tuple[int, list[Callable[[], str]]]:
    """(number of observations, the book's chunks as functions giving their HTML, in order)."""
    child = book.child
    months = selectors.book_months(child)
    summaries = selectors.shared_summaries(child)
    first, last = selectors.journal_span(child)
    count = selectors.shared_links(child).count()
    base = {"child": child, "setting": child.setting, "book": book}

    def cover() -> str:
        context = {**base, "first": first, "last": last, "count": count, "months": months, "summaries": summaries}
        return render_to_string("journal/book/pdf_cover.html", context)

    def month_chunk(month: Any) -> Callable[[], str]:
        def render() -> str:
            entries = selectors.month_entries(child, month)
            for link in entries:
                for media in link.observation.book_media:  # type: ignore[attr-defined]
                    media.data_uri = photo_data_uri(media)
            return render_to_string("journal/book/pdf_month.html", {**base, "month": month, "entries": entries})

        return render

    def summaries_chunk() -> str:
        return render_to_string("journal/book/pdf_summaries.html", {**base, "summaries": summaries})

    chunks: list[Callable[[], str]] = [cover, *(month_chunk(m) for m in months)]
    if summaries:
        chunks.append(summaries_chunk)
    return count, chunks


def build_book(book: Book) -> tuple[str, int, int]:
    """Render the book a chunk at a time, updating its progress; store the PDF. (name, pages, observations)."""
    count, chunks = _chunks(book)
    fetcher = _fetcher()
    first_document = None
    pages: list[Any] = []
    for done, chunk in enumerate(chunks, start=1):
        document = _render(chunk(), fetcher)
        first_document = first_document or document
        pages.extend(document.pages)
        # 5 % for starting, 90 % for the chunks, the rest for writing the file
        _set(book.pk, progress=5 + (90 * done) // len(chunks))
    assert first_document is not None
    with tempfile.TemporaryFile() as target:
        first_document.copy(pages).write_pdf(target)
        target.seek(0)
        name = default_storage.save(book_path(book, "book.pdf"), File(target, name="book.pdf"))
    return name, len(pages), count


def _replace_older_books(book: Book) -> None:
    """Old books of the child are replaced by the new one: their rows and files go."""
    older = Book.objects.filter(child_id=book.child_id, requested_at__lte=book.requested_at).exclude(pk=book.pk)
    older = older.exclude(state__in=[Book.State.QUEUED, Book.State.MAKING])
    for old in older:
        if old.pdf:
            default_storage.delete(old.pdf.name)
        old.delete()


@task()
def make_book(book_id: int) -> bool:
    """Make the book: claim it (so it is never made twice), render it, keep it, replace older ones."""
    claimed = Book.objects.filter(pk=book_id, state=Book.State.QUEUED).update(state=Book.State.MAKING, progress=2)
    if not claimed:
        return False
    book = Book.objects.select_related("child", "child__setting").get(pk=book_id)
    try:
        name, pages, count = build_book(book)
    except Exception:
        logger.exception("journal book could not be made book=%s", book_id)
        _set(book_id, state=Book.State.FAILED, failure=FAILED_MESSAGE, finished_at=timezone.now())
        return False
    with transaction.atomic():
        kept = Book.objects.filter(pk=book_id, state=Book.State.MAKING).update(
            state=Book.State.READY, progress=100, pdf=name, pages=pages, observations=count, finished_at=timezone.now()
        )
        if not kept:  # the child's record went while it was being made
            default_storage.delete(name)
            return False
        _replace_older_books(book)
    logger.info("journal book made book=%s pages=%s", book_id, pages)
    return True
