"""Pages of the Ofsted complaints record, its exports, a complaint's full documentation, reviews of
practice and retention (R63, R60, R51). Thin: parse, call a service or selector, render."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from tandem.comms.selectors.board import OFSTED
from tandem.core.access import can
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.core.models import Setting
from tandem.core.pagination import paginate, query_without_page

from ..actions.record import (
    DOCUMENTATION,
    RECORD_CLASSIFY,
    RECORD_DELETE_EXPIRED,
    RECORD_VIEW,
    REVIEW_MANAGE,
)
from ..forms.record import ClassifyForm, DocumentationForm, PeriodForm, RecordExportForm, ReviewForm
from ..models import Complaint, PracticeReview, RecordEntry, RecordExport
from ..selectors import record as selectors
from ..services import record as services

# A cell a spreadsheet would read as a formula is written as text (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def _no_store(response: HttpResponseBase) -> HttpResponseBase:
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- the hub for owners and line managers ---------------------------------------------------------
@action_required(RECORD_VIEW)
def record_home(request: AuthedRequest) -> HttpResponse:
    """The settings whose record the person may see, and (owners) the open reviews of practice."""
    user = request.user
    may_review = can(user, REVIEW_MANAGE)
    reviews = selectors.reviews(actor=user).filter(completed_at__isnull=True)[:20] if may_review else []
    context = {"settings": selectors.record_settings(actor=user), "open_reviews": reviews, "may_review": may_review}
    return render(request, "complaints/record/home.html", context)


# --- the record -----------------------------------------------------------------------------------
@action_required(RECORD_VIEW, Setting)
def record(request: AuthedRequest, setting: Setting) -> HttpResponse:
    period = PeriodForm(request.GET if "date_from" in request.GET or "date_to" in request.GET else None)
    return _record_page(request, setting, period, None)


def _record_page(
    request: AuthedRequest, setting: Setting, period: PeriodForm, export_form: RecordExportForm | None
) -> HttpResponse:
    user = request.user
    date_from, date_to = period.period()
    complaints = selectors.record_complaints(actor=user, setting=setting, date_from=date_from, date_to=date_to)
    page = paginate(request, complaints)
    rows = selectors.lines(page.object_list, setting)
    classify, document = selectors.line_permissions(actor=user, complaints=page.object_list)
    if export_form is None:
        export_form = RecordExportForm(initial={"date_from": date_from, "date_to": date_to, "format": "pdf"})
    context = {
        "setting": setting,
        "period_form": period,
        "date_from": date_from,
        "date_to": date_to,
        "page": page,
        "lines": [(line, line.complaint.pk in classify, line.complaint.pk in document) for line in rows],
        "query": query_without_page(request),
        "export_form": export_form,
        "export": selectors.current_export(actor=user, setting=setting, kind=RecordExport.Kind.RECORD_PDF),
        "may_delete": can(user, RECORD_DELETE_EXPIRED, setting),
    }
    return render(request, "complaints/record/record.html", context, status=400 if export_form.errors else 200)


@require_POST
@action_required(RECORD_VIEW, Setting)
def record_export(request: AuthedRequest, setting: Setting) -> HttpResponseBase:
    """Export the record of a period as CSV (streamed now) or PDF (made in the task queue)."""
    form = RecordExportForm(request.POST)
    user = request.user

    def run(data: dict[str, Any]) -> RecordExport:
        args = {"actor": user, "setting": setting, "purpose": data["purpose"]}
        if data["format"] == "csv":
            return services.export_csv(**args, date_from=data["date_from"], date_to=data["date_to"])
        return services.request_record_pdf(**args, date_from=data["date_from"], date_to=data["date_to"])

    export = submit(request, form, run, "Your export has been recorded with its purpose.")
    if export is None:
        period = PeriodForm({k: request.POST.get(k, "") for k in ("date_from", "date_to")})
        return _record_page(request, setting, period, form)
    if export.kind == RecordExport.Kind.RECORD_CSV:
        return _csv_response(request, setting, export)
    return redirect(reverse("complaints:record", args=[setting.pk]) + "#export")


def _csv_response(request: AuthedRequest, setting: Setting, export: RecordExport) -> HttpResponseBase:
    assert export.date_from is not None and export.date_to is not None
    complaints = selectors.record_complaints(
        actor=request.user, setting=setting, date_from=export.date_from, date_to=export.date_to
    )
    writer = csv.writer(_Echo())
    preamble = [
        ["Ofsted complaints record", setting.name],
        ["Ofsted URN", setting.ofsted_urn],
        ["Complaints received", f"{export.date_from:%d/%m/%Y} to {export.date_to:%d/%m/%Y}"],
        ["Purpose of this export", export.purpose],
        ["Exported by", request.user.get_full_name(), f"{timezone.localtime(export.requested_at):%d/%m/%Y %H:%M}"],
        ["A summative record: no child's or complainant's name. Kept for at least three years."],
        [],
        selectors.HEADERS,
    ]

    def rows() -> Iterator[str]:
        yield "\ufeff"  # so spreadsheets read it as UTF-8
        for row in preamble:
            yield writer.writerow([safe_cell(cell) for cell in row])
        for line in selectors.iter_lines(complaints, setting):
            yield writer.writerow([safe_cell(cell) for cell in line.cells()])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="complaints-record-{export.date_to:%Y-%m-%d}.csv"'
    return _no_store(response)


@action_required(RECORD_VIEW, Setting)
def record_pdf_status(request: AuthedRequest, setting: Setting) -> HttpResponse:
    """The PDF's state, polled by the record page every two seconds while it is being made."""
    export = selectors.current_export(actor=request.user, setting=setting, kind=RecordExport.Kind.RECORD_PDF)
    return render(request, "complaints/record/_record_status.html", {"setting": setting, "export": export})


def _pdf_response(export: RecordExport | None, filename: str) -> HttpResponseBase:
    if export is None or not export.is_ready or not export.pdf or selectors.is_expired(export):
        raise Http404
    try:
        handle = export.pdf.open("rb")
    except OSError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type="application/pdf")
    return _no_store(response)


@action_required(RECORD_VIEW, Setting)
def record_pdf_download(request: AuthedRequest, setting: Setting, export_id: int) -> HttpResponseBase:
    export = selectors.export_of(
        actor=request.user, setting=setting, export_id=export_id, kind=RecordExport.Kind.RECORD_PDF
    )
    if export is None or not export.pdf or not default_storage.exists(export.pdf.name):
        raise Http404
    response = _pdf_response(export, f"complaints-record-{export.date_to:%Y-%m-%d}.pdf")
    services.record_download(actor=request.user, export=export)
    return response


# --- classifying a complaint for the record -------------------------------------------------------
@action_required(RECORD_CLASSIFY, Complaint)
def classify(request: AuthedRequest, complaint: Complaint) -> HttpResponse:
    entry = RecordEntry.objects.filter(complaint=complaint).first()
    form = ClassifyForm(request.POST or None, instance=entry)
    done = submit(
        request,
        form,
        lambda data: services.classify(
            actor=request.user, complaint=complaint, area=data["area"], nature=data.get("nature", "")
        ),
        "The record has been updated.",
    )
    if done:
        return redirect("complaints:record", complaint.setting_id)
    return render(request, "complaints/record/classify.html", {"complaint": complaint, "form": form})


# --- a complaint's full documentation (R60) -------------------------------------------------------
@action_required(DOCUMENTATION, Complaint)
def documentation(request: AuthedRequest, complaint: Complaint) -> HttpResponse:
    form = DocumentationForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.request_documentation(actor=request.user, complaint=complaint, purpose=data["purpose"]),
        "The documentation is being made.",
    )
    if done:
        return redirect("complaints:documentation", complaint.pk)
    export = selectors.current_export(
        actor=request.user, setting=complaint.setting, kind=RecordExport.Kind.DOCUMENTATION, complaint=complaint
    )
    context = {"complaint": complaint, "form": form, "export": export, "ofsted": OFSTED}
    return render(request, "complaints/record/documentation.html", context, status=400 if form.errors else 200)


@action_required(DOCUMENTATION, Complaint)
def documentation_status(request: AuthedRequest, complaint: Complaint) -> HttpResponse:
    export = selectors.current_export(
        actor=request.user, setting=complaint.setting, kind=RecordExport.Kind.DOCUMENTATION, complaint=complaint
    )
    return render(request, "complaints/record/_documentation_status.html", {"complaint": complaint, "export": export})


@action_required(DOCUMENTATION, Complaint)
def documentation_download(request: AuthedRequest, complaint: Complaint, export_id: int) -> HttpResponseBase:
    export = selectors.export_of(
        actor=request.user, setting=complaint.setting, export_id=export_id, kind=RecordExport.Kind.DOCUMENTATION
    )
    if export is None or export.complaint_id != complaint.pk:
        raise Http404
    response = _pdf_response(export, f"complaint-{complaint.reference.lower()}-documentation.pdf")
    services.record_download(actor=request.user, export=export)
    return response


# --- reviews of practice --------------------------------------------------------------------------
@action_required(REVIEW_MANAGE)
def reviews(request: AuthedRequest) -> HttpResponse:
    page = paginate(request, selectors.reviews(actor=request.user))
    return render(request, "complaints/record/reviews.html", {"page": page, "query": query_without_page(request)})


@action_required(REVIEW_MANAGE, PracticeReview)
def review(request: AuthedRequest, review: PracticeReview) -> HttpResponse:
    complete = request.POST.get("complete") == "1"
    form = ReviewForm(request.POST or None, initial={"findings": review.findings, "actions": review.actions})

    def run(data: dict[str, Any]) -> PracticeReview:
        write = services.complete_review if complete else services.save_review
        return write(actor=request.user, review=review, findings=data["findings"], actions=data["actions"])

    done = submit(request, form, run, "The review is complete." if complete else "The review has been saved.")
    if done:
        return redirect("complaints:review", review.pk)
    complaint = review.complaint
    context = {
        "review": review,
        "complaint": complaint,
        "line": selectors.lines([_one(request, complaint)], complaint.setting)[0],
        "form": form,
        "may_document": can(request.user, DOCUMENTATION, complaint),
    }
    return render(request, "complaints/record/review.html", context, status=400 if form.errors else 200)


def _one(request: AuthedRequest, complaint: Complaint) -> Complaint:
    """The complaint as the record shows it (with what its line needs)."""
    received = timezone.localtime(complaint.received_at).date()
    found = selectors.record_complaints(
        actor=request.user, setting=complaint.setting, date_from=received, date_to=received
    ).filter(pk=complaint.pk)
    one = found.first()
    if one is None:
        raise Http404
    return one


# --- retention ------------------------------------------------------------------------------------
@action_required(RECORD_DELETE_EXPIRED, Setting)
def retention(request: AuthedRequest, setting: Setting) -> HttpResponse:
    """How many complaints are past their retention, and (POST) delete them."""
    if request.method == "POST":
        try:
            deletion = services.delete_expired(actor=request.user, setting=setting)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                f"{deletion.complaints} complaint{'' if deletion.complaints == 1 else 's'} closed more than three "
                "years ago deleted, with their records.",
            )
        return redirect("complaints:retention", setting.pk)
    cutoff = selectors.retention_cutoff()
    context = {
        "setting": setting,
        "cutoff": cutoff,
        "expired": selectors.expired_complaints(setting=setting, cutoff=cutoff).count(),
    }
    return render(request, "complaints/record/retention.html", context)
