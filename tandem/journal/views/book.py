"""Pages of the learning journal book (R18). Thin: parse, call a service or selector, render.

A member of staff (not the child's family) says why they need the book when they ask for it: the
export is logged with its purpose (R51), and they download only a book asked for since."""

from __future__ import annotations

import re
import unicodedata

from django import forms
from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render

from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.people.models import Child

from ..actions.book import BOOK_MAKE
from ..forms.book import BookPurposeForm
from ..models import Book
from ..selectors import book as selectors
from ..services import book as services

PURPOSE_FIRST = "Say why you need the book, then make it: staff exports of a child's journal are logged."


def download_name(child: Child) -> str:
    """``isla-learning-journal.pdf``: for the download only, never in the storage path."""
    name = unicodedata.normalize("NFKD", child.preferred_name or child.first_name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return f"{slug or 'child'}-learning-journal.pdf"


def _context(request: AuthedRequest, child: Child, book: Book | None, form: forms.Form | None) -> dict[str, object]:
    staff = selectors.asks_purpose(request.user, child)
    return {
        "child": child,
        "book": book,
        "purpose_form": (form or BookPurposeForm()) if staff else None,
        "may_download": selectors.may_download(request.user, book),
    }


@action_required(BOOK_MAKE, Child)
def book_page(request: AuthedRequest, child: Child) -> HttpResponse:
    """The book: ask for it (POST; staff with a purpose), then watch it being made and download it."""
    data = request.POST if request.method == "POST" else None
    form = BookPurposeForm(data) if selectors.asks_purpose(request.user, child) else forms.Form(data)
    made = submit(
        request,
        form,
        lambda data: services.request_book(actor=request.user, child=child, purpose=data.get("purpose")),
        "The book is being made.",
    )
    if made is not None:
        return redirect("journal:book", child.pk)
    book = selectors.current_book(actor=request.user, child=child)
    status = 400 if form.errors else 200
    return render(request, "journal/book/page.html", _context(request, child, book, form), status=status)


@action_required(BOOK_MAKE, Child)
def book_status(request: AuthedRequest, child: Child) -> HttpResponse:
    """The book's progress, polled by the page every two seconds (htmx) while it is being made."""
    book = selectors.current_book(actor=request.user, child=child)
    return render(request, "journal/book/_status.html", _context(request, child, book, None))


@action_required(BOOK_MAKE, Child)
def book_download(request: AuthedRequest, child: Child, book_id: int) -> HttpResponseBase:
    book = selectors.book_of(actor=request.user, child=child, book_id=book_id)
    if book is None or not book.is_ready or not book.pdf or not default_storage.exists(book.pdf.name):
        raise Http404
    if selectors.is_outdated(book):
        services.retire_outdated(actor=request.user, book=book)
        messages.info(request, services.OUTDATED_MESSAGE)
        return redirect("journal:book", child.pk)
    if not selectors.may_download(request.user, book):
        messages.info(request, PURPOSE_FIRST)
        return redirect("journal:book", child.pk)
    services.record_download(actor=request.user, book=book)
    response = FileResponse(
        book.pdf.open("rb"), as_attachment=True, filename=download_name(child), content_type="application/pdf"
    )
    response["Cache-Control"] = "private, no-store"
    return response
