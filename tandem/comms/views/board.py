"""Views of the notice board (R27): thin — parse, call a service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from tandem.core.access import can
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.core.models import Setting

from ..actions.board import BOARD_DOCUMENT, BOARD_MANAGE, BOARD_VIEW
from ..actions.news import NEWS_READ, NEWS_WRITE
from ..forms.board import DocumentForm
from ..languages import language_of
from ..models.board import SettingDocument
from ..selectors import board as selectors
from ..selectors.news import pinned_for
from ..selectors.translations import localise_many
from ..services import board as services


@action_required(BOARD_VIEW, Setting, queryset=lambda: Setting.objects.select_related("organisation"))
def board(request: AuthedRequest, setting: Setting) -> HttpResponse:
    user = request.user
    lang = language_of(user)
    context = selectors.board_context(user, setting)
    context.update(
        {
            "setting": setting,
            "pinned": localise_many(pinned_for(user, setting), lang),
            "diary": localise_many(context["diary"], lang),
            "may_manage": can(user, BOARD_MANAGE, setting),
            "writes_news": can(user, NEWS_WRITE, setting),
            "reads_news": can(user, NEWS_READ),
        }
    )
    return render(request, "comms/board/board.html", context)


@action_required(BOARD_MANAGE, Setting)
def documents(request: AuthedRequest, setting: Setting) -> HttpResponse:
    """The board's documents, and the form to add one."""
    form = DocumentForm(request.POST or None, request.FILES or None)
    made = submit(
        request,
        form,
        lambda data: services.upload_document(
            actor=request.user,
            setting=setting,
            kind=data["kind"],
            title=data["title"],
            summary=data["summary"],
            dated=data["dated"],
            upload=data["file"],
        ),
        "The document is on the notice board.",
    )
    if made:
        return redirect("comms:board_documents", setting.pk)
    context = {"setting": setting, "form": form, "documents": selectors.all_documents(setting)}
    return render(request, "comms/board/documents.html", context, status=400 if form.is_bound else 200)


@require_POST
@action_required(BOARD_MANAGE, Setting)
def withdraw_document(request: AuthedRequest, setting: Setting, document_id: int) -> HttpResponse:
    document = selectors.document_of(setting, document_id)
    if document is None:
        raise Http404
    try:
        services.withdraw_document(actor=request.user, document=document)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"“{document.title}” is no longer on the notice board.")
    return redirect("comms:board_documents", setting.pk)


@action_required(
    BOARD_DOCUMENT, SettingDocument, queryset=lambda: SettingDocument.objects.filter(withdrawn_at__isnull=True)
)
def document_file(request: AuthedRequest, document: SettingDocument) -> FileResponse:
    """A document of the board: to its families and staff only, never cached, never sniffed."""
    try:
        handle = document.file.open("rb")
    except (OSError, ValueError):
        raise Http404 from None
    name = f"{slugify(document.title)[:80] or 'document'}.pdf"
    response = FileResponse(handle, as_attachment=True, filename=name, content_type="application/pdf")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
