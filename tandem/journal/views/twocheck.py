"""Pages of the progress check at two (R17). Thin: parse, call a service or selector, render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from tandem.core.access import can
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.core.models import Setting
from tandem.core.pagination import paginate, query_without_page
from tandem.people.models import Child

from ..actions.twocheck import CHECK_DOWNLOAD, CHECK_DUE_LIST, CHECK_FAMILY, CHECK_SIGN_OFF, CHECK_VIEW, CHECK_WRITE
from ..forms.twocheck import CheckForm, CheckPurposeForm, FamilyContributionForm
from ..models import ProgressCheck
from ..selectors import twocheck as selectors
from ..selectors.book import asks_purpose
from ..services import twocheck as services
from ..services.eyfs import journal_settings

# --- the due list -------------------------------------------------------------------------------


@action_required(CHECK_DUE_LIST, Setting)
def due_list(request: AuthedRequest, setting: Setting) -> HttpResponse:
    page = paginate(request, selectors.due_children(actor=request.user, setting=setting))
    context = {
        "setting": setting,
        "page": page,
        "rows": selectors.with_dates(list(page.object_list), setting=setting),
        "rules": journal_settings(setting),
        "query": query_without_page(request),
        "today": timezone.localdate(),
    }
    return render(request, "journal/twocheck/due.html", context)


# --- a child's checks ---------------------------------------------------------------------------


@action_required(CHECK_VIEW, Child)
def child_checks(request: AuthedRequest, child: Child) -> HttpResponse:
    checks = selectors.checks_for(actor=request.user, child=child)
    staff = selectors.is_staff(request.user, child)
    context = {
        "child": child,
        "checks": checks,
        "is_staff": staff,
        "may_start": staff and can(request.user, CHECK_WRITE, child),
        "has_draft": any(c.is_draft for c in checks),
        **selectors.panel_context(request.user, child),
    }
    return render(request, "journal/twocheck/child.html", context)


@require_POST
@action_required(CHECK_WRITE, Child)
def start(request: AuthedRequest, child: Child) -> HttpResponse:
    check = services.start_check(actor=request.user, child=child)
    return redirect("journal:twocheck_edit", child.pk, check.pk)


def _detail(
    request: AuthedRequest, child: Child, check: ProgressCheck, purpose_form: CheckPurposeForm | None = None
) -> HttpResponse:
    permissions = selectors.permissions(request.user, check)
    staff_download = permissions["may_download"] and asks_purpose(request.user, child)
    context = {
        "child": child,
        "check": check,
        "can": permissions,
        "purpose_form": (purpose_form or CheckPurposeForm()) if staff_download else None,
    }
    return render(request, "journal/twocheck/detail.html", context, status=400 if purpose_form else 200)


@action_required(CHECK_VIEW, Child)
def detail(request: AuthedRequest, child: Child, check_id: int) -> HttpResponse:
    return _detail(request, child, selectors.check_of(actor=request.user, child=child, check_id=check_id))


@action_required(CHECK_WRITE, Child)
def edit(request: AuthedRequest, child: Child, check_id: int) -> HttpResponse:
    check = selectors.check_of(actor=request.user, child=child, check_id=check_id, staff_only=True)
    if not check.is_draft:
        messages.error(request, services.NOT_A_DRAFT)
        return redirect("journal:twocheck_detail", child.pk, check.pk)
    areas = [row.area for row in check.areas.all()]
    form = CheckForm(request.POST or None, areas=areas, initial=CheckForm.initial_for(check))
    saved = submit(
        request,
        form,
        lambda data: services.save_check(
            actor=request.user,
            check=check,
            areas=services.area_values(data, [a.pk for a in areas]),
            concerns=data["concerns"],
            parents_contribution=data["parents_contribution"],
            plan=data["plan"],
            completed_on=data["completed_on"],
        ),
        "The check has been saved.",
    )
    if saved:
        if saved.concerns:
            messages.info(request, "There are concerns: talk to your SENCO and involve them in the plan.")
        return redirect("journal:twocheck_detail", child.pk, check.pk)
    area_fields = [(a, form[f"strengths_{a.pk}"], form[f"less_{a.pk}"]) for a in areas]
    context = {"child": child, "check": check, "form": form, "area_fields": area_fields}
    return render(request, "journal/twocheck/edit.html", context)


def _post_step(
    request: AuthedRequest, child: Child, check_id: int, run: Callable[[ProgressCheck], Any], success: str
) -> HttpResponse:
    check = selectors.check_of(actor=request.user, child=child, check_id=check_id, staff_only=True)
    try:
        run(check)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect("journal:twocheck_detail", child.pk, check.pk)


@require_POST
@action_required(CHECK_WRITE, Child)
def ask_family(request: AuthedRequest, child: Child, check_id: int) -> HttpResponse:
    return _post_step(
        request,
        child,
        check_id,
        lambda c: services.ask_family(actor=request.user, check=c),
        "The family has been asked to add their part. They will not see the rest of the draft until you share it.",
    )


@require_POST
@action_required(CHECK_SIGN_OFF, Child)
def sign_off(request: AuthedRequest, child: Child, check_id: int) -> HttpResponse:
    return _post_step(
        request,
        child,
        check_id,
        lambda c: services.sign_off(actor=request.user, check=c),
        "Signed off. The check can no longer be changed; share it with the family when you are ready.",
    )


@require_POST
@action_required(CHECK_WRITE, Child)
def share(request: AuthedRequest, child: Child, check_id: int) -> HttpResponse:
    return _post_step(
        request,
        child,
        check_id,
        lambda c: services.share_with_family(actor=request.user, check=c),
        "Shared with the family. We are making the PDF, and the family will get an email.",
    )


@require_POST
@action_required(CHECK_WRITE, Child)
def correct(request: AuthedRequest, child: Child, check_id: int) -> HttpResponse:
    check = selectors.check_of(actor=request.user, child=child, check_id=check_id, staff_only=True)
    try:
        draft = services.start_check(actor=request.user, child=child, corrects=check)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("journal:twocheck_detail", child.pk, check.pk)
    messages.info(request, "This is a new draft. It needs signing off again before it is shared.")
    return redirect("journal:twocheck_edit", child.pk, draft.pk)


# --- the family -------------------------------------------------------------------------------


@action_required(CHECK_FAMILY, Child)
def contribute(request: AuthedRequest, child: Child, check_id: int) -> HttpResponse:
    """The family's own part of a draft they were asked about. They see only what they wrote."""
    check = selectors.asked_draft_of(actor=request.user, child=child, check_id=check_id)
    form = FamilyContributionForm(request.POST or None, initial={"text": check.family_contribution})
    saved = submit(
        request,
        form,
        lambda data: services.add_family_contribution(actor=request.user, check=check, text=data["text"]),
        "Thank you. Your words will be part of the check.",
    )
    if saved:
        return redirect("journal:twocheck_child", child.pk)
    return render(request, "journal/twocheck/contribute.html", {"child": child, "check": check, "form": form})


@require_POST
@action_required(CHECK_FAMILY, Child)
def acknowledge(request: AuthedRequest, child: Child, check_id: int) -> HttpResponse:
    check = selectors.check_of(actor=request.user, child=child, check_id=check_id)
    try:
        services.acknowledge(actor=request.user, check=check)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Thank you for letting us know you have read it.")
    return redirect("journal:twocheck_detail", child.pk, check.pk)


@action_required(CHECK_DOWNLOAD, Child)
def download(request: AuthedRequest, child: Child, check_id: int) -> HttpResponseBase:
    """The PDF, only through this permission-checked view; "being prepared" (202) if not made yet.
    Staff post the small form on the check's page: why they download it is logged first (R51)."""
    check = selectors.check_of(actor=request.user, child=child, check_id=check_id)
    if not selectors.permissions(request.user, check)["may_download"]:
        raise Http404
    data = request.POST if request.method == "POST" else None
    form = CheckPurposeForm(data) if asks_purpose(request.user, child) else None
    if form is not None and not form.is_valid():
        if request.method != "POST":
            messages.info(request, "Say why you are downloading the check, then download it.")
            return redirect(reverse("journal:twocheck_detail", args=[child.pk, check.pk]) + "#download")
        return _detail(request, child, check, purpose_form=form)
    if not check.pdf or not default_storage.exists(check.pdf.name):
        services.request_pdf(actor=request.user, check=check)
        context = {"child": child, "check": check, "purpose_form": form}
        return render(request, "journal/twocheck/pdf_pending.html", context, status=202)
    purpose = form.cleaned_data["purpose"] if form is not None else None
    try:
        services.record_download(actor=request.user, check=check, purpose=purpose)
    except ValidationError as error:
        assert form is not None
        form.add_error("other", error.messages)
        return _detail(request, child, check, purpose_form=form)
    response = FileResponse(
        check.pdf.open("rb"),
        as_attachment=True,
        filename=f"progress-check-at-two-{check.completed_on or check.pk}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response
