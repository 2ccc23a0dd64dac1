"""Pages for printing or exporting a child's record with a stated purpose, and the log of every
export and print (R51). Thin: parse, call a service or selector, render."""

from __future__ import annotations

import re
import unicodedata

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render

from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.core.models import Setting
from tandem.core.pagination import paginate, query_without_page
from tandem.people.models import Child

from ..actions.exports import EXPORT_CHILD, EXPORT_LOG
from ..forms.exports import ChildExportForm, LogFilterForm
from ..selectors import exports as selectors
from ..services import exports as services


def download_name(child: Child) -> str:
    """``isla-morgan-record.pdf``: for the download only, never in the storage path."""
    name = unicodedata.normalize("NFKD", child.display_name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return f"{slug or 'child'}-record.pdf"


@action_required(EXPORT_CHILD, Child)
def export_child(request: AuthedRequest, child: Child) -> HttpResponse:
    """Choose the parts of the record and say why; then watch the PDF being made and download it."""
    data = request.POST if request.method == "POST" else None
    form = ChildExportForm(data, sections=selectors.available_sections(request.user, child))
    done = submit(
        request,
        form,
        lambda data: services.request_export(
            actor=request.user, child=child, sections=data["sections"], purpose=data.get("purpose")
        ),
        "Your export is logged with its purpose and is being made.",
    )
    if done is not None:
        return redirect("agencies:export_child", child.pk)
    context = {"child": child, "form": form, "export": selectors.current_export(actor=request.user, child=child)}
    return render(request, "agencies/exports/child.html", context, status=400 if form.errors else 200)


@action_required(EXPORT_CHILD, Child)
def export_status(request: AuthedRequest, child: Child) -> HttpResponse:
    """The export's progress, polled by the page every two seconds (htmx) while it is being made."""
    export = selectors.current_export(actor=request.user, child=child)
    return render(request, "agencies/exports/_status.html", {"child": child, "export": export})


@action_required(EXPORT_CHILD, Child)
def export_download(request: AuthedRequest, child: Child, export_id: int) -> HttpResponseBase:
    """One's own export only: never cached, never sniffed, always saved; gone after a day."""
    record = selectors.export_of(actor=request.user, child=child, export_id=export_id)
    if record is None:
        raise Http404
    state = selectors.state_of(record)
    if state.state == "expired":
        services.delete_files(record)
    if not state.is_ready:
        raise Http404
    try:
        handle = default_storage.open(selectors.pdf_name(record), "rb")
    except OSError:
        raise Http404 from None
    services.record_download(actor=request.user, child=child, record=record)
    response = FileResponse(handle, as_attachment=True, filename=download_name(child), content_type="application/pdf")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@action_required(EXPORT_LOG, Setting)
def exports_log(request: AuthedRequest, setting: Setting) -> HttpResponse:
    """Every export and print of the setting's children's records: who, what, which child, when, why."""
    form = LogFilterForm(request.GET or None, children=selectors.logged_children(setting))
    child_id = form.child_id() if form.is_bound else None
    page = paginate(request, selectors.log(actor=request.user, setting=setting, child_id=child_id))
    rows = list(page.object_list)
    named = selectors.children_named(setting, [r.child_id for r in rows if r.child_id])
    context = {
        "setting": setting,
        "form": form,
        "page": page,
        "rows": [(row, named.get(row.child_id) if row.child_id else None) for row in rows],
        "query": query_without_page(request),
    }
    return render(request, "agencies/exports/log.html", context)
