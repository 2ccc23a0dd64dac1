"""Pages for access on request (R66): the requester's requests and asking online (phone first), the
manager's list by deadline, recording a request received in writing or verbally, one request with its
deadline and export, the review of flagged items, and downloading the ZIP. Thin: parse, call a service
or selector, render."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from tandem.core.access import can
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest, form_status
from tandem.core.models import Setting
from tandem.core.pagination import paginate
from tandem.people.models import Adult, Child

from ..actions.requests import (
    REQUEST_ASK,
    REQUEST_DOWNLOAD,
    REQUEST_LIST,
    REQUEST_MANAGE,
    REQUEST_RECORD,
    REQUEST_VIEW,
    REVIEW_DECIDE,
)
from ..forms.requests import AskForm, CloseForm, DecideForm, ExtendForm, RecordForm
from ..models import AccessRequest, ReviewItem
from ..selectors import requests as selectors
from ..services import requests as services


@action_required(REQUEST_ASK)
def my_requests(request: AuthedRequest) -> HttpResponse:
    """The person's own requests with their status and deadline, newest first."""
    page = paginate(request, selectors.my_requests(actor=request.user))
    return render(request, "records/requests/mine.html", {"page": page, "today": timezone.localdate()})


@action_required(REQUEST_ASK)
def ask(request: AuthedRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = AskForm(data, children=selectors.children_to_ask_about(actor=request.user))
    done = submit(
        request,
        form,
        lambda d: services.ask(
            actor=request.user, subject=d["subject"], child=d.get("child"), details=d.get("details", "")
        ),
        "Your request is sent. We will answer within one calendar month.",
    )
    if done is not None:
        return redirect("records:request", done.pk)
    return render(request, "records/requests/ask.html", {"form": form}, status=form_status(form))


@action_required(REQUEST_VIEW, AccessRequest)
def request_detail(request: AuthedRequest, access: AccessRequest) -> HttpResponse:
    staff = can(request.user, REQUEST_MANAGE, access)
    draft = selectors.latest_draft(access) if staff else None
    context = {
        "access": access,
        "staff": staff,
        "today": timezone.localdate(),
        "days_left": selectors.days_left(access.deadline),
        "final": selectors.final_export(access),
        "draft": draft,
        "pending": selectors.pending_count(draft),
        "exports": selectors.exports_of(access) if staff else [],
    }
    return render(request, "records/requests/detail.html", context)


@action_required(REQUEST_DOWNLOAD, AccessRequest)
def download(request: AuthedRequest, access: AccessRequest, export_id: int) -> HttpResponseBase:
    """The ZIP: the requester the released copy; the manager and deputy any copy. Audited, never cached."""
    export = selectors.downloadable(actor=request.user, request=access, export_id=export_id)
    if export is None:
        raise Http404
    try:
        handle = default_storage.open(selectors.zip_name(export), "rb")
    except OSError:
        raise Http404 from None
    services.record_download(actor=request.user, request=access, export=export)
    name = f"records-{access.received_on:%Y-%m-%d}{'' if export.final else '-draft'}.zip"
    response = FileResponse(handle, as_attachment=True, filename=name, content_type="application/zip")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@action_required(REQUEST_MANAGE, AccessRequest)
def extend(request: AuthedRequest, access: AccessRequest) -> HttpResponse:
    form = ExtendForm(request.POST if request.method == "POST" else None)
    done = submit(
        request,
        form,
        lambda d: services.extend(actor=request.user, request=access, months=d["months"], reason=d["reason"]),
        "The deadline is extended and the requester is told why.",
    )
    if done is not None:
        return redirect("records:request", access.pk)
    return render(request, "records/requests/extend.html", {"access": access, "form": form}, status=form_status(form))


@action_required(REQUEST_MANAGE, AccessRequest)
def close(request: AuthedRequest, access: AccessRequest) -> HttpResponse:
    form = CloseForm(request.POST if request.method == "POST" else None)
    done = submit(
        request,
        form,
        lambda d: services.close(actor=request.user, request=access, reason=d["reason"]),
        "The request is closed and the requester is told.",
    )
    if done is not None:
        return redirect("records:request", access.pk)
    return render(request, "records/requests/close.html", {"access": access, "form": form}, status=form_status(form))


def _post_service(request: AuthedRequest, access: AccessRequest, run: object, success: str) -> HttpResponse:
    from django.contrib import messages
    from django.core.exceptions import ValidationError

    try:
        run()  # type: ignore[operator]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect("records:request", access.pk)


@require_POST
@action_required(REQUEST_MANAGE, AccessRequest)
def prepare(request: AuthedRequest, access: AccessRequest) -> HttpResponse:
    return _post_service(
        request,
        access,
        lambda: services.prepare(actor=request.user, request=access),
        "The export is being prepared. Flagged items wait for your review.",
    )


@require_POST
@action_required(REQUEST_MANAGE, AccessRequest)
def release(request: AuthedRequest, access: AccessRequest) -> HttpResponse:
    return _post_service(
        request,
        access,
        lambda: services.release(actor=request.user, request=access),
        "The export is released without the withheld items, and the requester is told.",
    )


@action_required(REQUEST_MANAGE, AccessRequest)
def review(request: AuthedRequest, access: AccessRequest) -> HttpResponse:
    draft = selectors.latest_draft(access)
    flagged = selectors.review_items(draft) if draft is not None else []
    context = {
        "access": access,
        "draft": draft,
        "flagged": [(f, DecideForm(prefix=f"item{f.item.pk}")) for f in flagged],
        "pending": selectors.pending_count(draft),
        "reviewing": access.status == AccessRequest.Status.REVIEW,
    }
    return render(request, "records/requests/review.html", context)


@action_required(REVIEW_DECIDE, ReviewItem)
def decide(request: AuthedRequest, item: ReviewItem) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = DecideForm(data, prefix=f"item{item.pk}")
    done = submit(
        request,
        form,
        lambda d: services.decide(actor=request.user, item=item, decision=d["decision"], reason=d.get("reason", "")),
        "Your decision is recorded.",
    )
    access = item.export.request
    if done is not None:
        return redirect("records:request_review", access.pk)
    content = {f.item.pk: f.content for f in selectors.review_items(item.export)}.get(item.pk)
    context = {"access": access, "item": item, "content": content, "form": form}
    return render(request, "records/requests/decide.html", context, status=form_status(form))


@action_required(REQUEST_LIST, Setting)
def setting_requests(request: AuthedRequest, setting: Setting) -> HttpResponse:
    """Open requests by deadline, with days left and the overdue marked."""
    page = paginate(request, selectors.open_requests(actor=request.user, setting=setting))
    today = timezone.localdate()
    rows = [(r, (r.deadline - today).days, (today - r.deadline).days) for r in page.object_list]
    context = {"setting": setting, "page": page, "rows": rows, "today": today}
    return render(request, "records/requests/setting.html", context)


@action_required(REQUEST_RECORD, Setting)
def record(request: AuthedRequest, setting: Setting) -> HttpResponse:
    form = RecordForm(
        request.POST if request.method == "POST" else None,
        adults=Adult.objects.filter(setting=setting).order_by("last_name", "first_name"),
        children=Child.objects.filter(setting=setting).order_by("first_name", "last_name"),
    )
    done = submit(
        request,
        form,
        lambda d: services.record_request(
            actor=request.user,
            setting=setting,
            adult=d["adult"],
            subject=d["subject"],
            child=d.get("child"),
            how=d["how"],
            received_on=d["received_on"],
            identity_checked=d["identity_checked"],
            details=d.get("details", ""),
        ),
        "The request is recorded. Its deadline is one calendar month from the date received.",
    )
    if done is not None:
        return redirect("records:request", done.pk)
    return render(request, "records/requests/record.html", {"setting": setting, "form": form}, status=form_status(form))
