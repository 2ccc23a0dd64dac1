"""Pages of the partnership agreement (R8). Thin: parse, call a service or selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db.models import QuerySet
from django.http import FileResponse, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tandem.core import audit
from tandem.core.access import can
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.core.models import Setting
from tandem.core.pagination import paginate, query_without_page
from tandem.people.models import Child

from ..actions.contract import (
    AGREEMENT_COUNTERSIGN,
    AGREEMENT_DOWNLOAD,
    AGREEMENT_MANAGE,
    AGREEMENT_OVERVIEW,
    AGREEMENT_STATUS,
    AGREEMENT_VIEW,
)
from ..forms.contract import CountersignForm, SignForm, VersionForm
from ..models.contract import AgreementVersion
from ..selectors import contract as selectors
from ..services import contract as services
from ..services.contract import OUTDATED

# --- a child's agreement: read, sign, download, countersign -------------------------------------


def _version_for(child: Child, version_id: int) -> AgreementVersion:
    version = AgreementVersion.objects.filter(pk=version_id, setting_id=child.setting_id).first()
    if version is None:
        raise ValidationError(OUTDATED)
    return version


@action_required(AGREEMENT_VIEW, Child)
def child_agreement(request: AuthedRequest, child: Child) -> HttpResponse:
    user = request.user
    agreement = selectors.agreement_for_child(actor=user, child=child)
    version = agreement.version
    form = SignForm(request.POST or None, initial={"version": version.pk if version else None})
    signed = submit(
        request,
        form,
        lambda data: services.sign_agreement(
            actor=user, child=child, version=_version_for(child, data["version"]), typed_name=data["typed_name"]
        ),
        "Thank you for signing. We will email you a copy, and the setting will countersign it.",
    )
    if signed:
        return redirect("enrolment:contract_child", child.pk)
    context = {
        "child": child,
        "agreement": agreement,
        "form": form,
        "is_staff_view": can(user, AGREEMENT_STATUS, child),
    }
    return render(request, "enrolment/contract/child.html", context)


@action_required(AGREEMENT_DOWNLOAD, Child)
def signed_copy(request: AuthedRequest, child: Child, signature_id: int) -> HttpResponseBase:
    """The signed copy, only through this permission-checked view; being prepared if not made yet."""
    signature = selectors.signature_of(child=child, signature_id=signature_id)
    if not signature.pdf or not default_storage.exists(signature.pdf.name):
        services.request_signed_copy(actor=request.user, signature=signature)
        context = {"child": child, "signature": signature}
        return render(request, "enrolment/contract/copy_pending.html", context, status=202)
    audit.record(
        "enrolment.agreement.copy_downloaded",
        request.user,
        child_ids=[child.pk],
        obj=signature,
        setting_id=child.setting_id,
    )
    response = FileResponse(
        signature.pdf.open("rb"),
        as_attachment=True,
        filename=f"partnership-agreement-version-{signature.version.number}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@action_required(AGREEMENT_COUNTERSIGN, Child)
def countersign(request: AuthedRequest, child: Child, signature_id: int) -> HttpResponse:
    signature = selectors.signature_of(child=child, signature_id=signature_id)
    form = CountersignForm(request.POST)
    back = form.cleaned_data.get("back") if form.is_valid() else ""
    try:
        services.countersign(actor=request.user, signature=signature)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Countersigned. The family will get the complete copy by email.")
    if back == "list":
        return redirect(reverse("enrolment:contract_signatures", args=[child.setting_id]) + "?show=awaiting")
    if back == "record":
        return redirect(child)
    return redirect("enrolment:contract_child", child.pk)


# --- the setting's agreement: versions, drafts, who has not signed ------------------------------


@action_required(AGREEMENT_OVERVIEW, Setting)
def setting_agreement(request: AuthedRequest, setting: Setting) -> HttpResponse:
    versions = list(selectors.versions_of(setting=setting))
    context = {
        "setting": setting,
        "versions": versions,
        "current": next((v for v in versions if v.is_published), None),
        "draft": next((v for v in versions if not v.is_published), None),
        "numbers": selectors.setting_numbers(setting=setting),
        "may_manage": can(request.user, AGREEMENT_MANAGE, setting),
    }
    return render(request, "enrolment/contract/setting.html", context)


@action_required(AGREEMENT_OVERVIEW, Setting)
def version_detail(request: AuthedRequest, setting: Setting, version_id: int) -> HttpResponse:
    version = selectors.version_of(setting=setting, version_id=version_id)
    context = {
        "setting": setting,
        "version": version,
        "current": selectors.current_version(setting_id=setting.pk),
        "may_manage": can(request.user, AGREEMENT_MANAGE, setting),
    }
    return render(request, "enrolment/contract/version.html", context)


@action_required(AGREEMENT_MANAGE, Setting)
def draft_edit(request: AuthedRequest, setting: Setting) -> HttpResponse:
    """Write the next version: the draft if there is one, else a copy of the version in force."""
    draft = selectors.draft_version(setting=setting)
    start = draft or selectors.current_version(setting_id=setting.pk)
    initial = {"title": start.title, "body": start.body} if start else {}
    initial["based_on"] = draft.text_fingerprint() if draft else ""
    form = VersionForm(request.POST or None, initial=initial)
    saved = submit(
        request,
        form,
        lambda data: services.save_draft(
            actor=request.user, setting=setting, title=data["title"], body=data["body"], based_on=data["based_on"]
        ),
        "The draft has been saved. Check it, then publish it when it is ready.",
    )
    if saved:
        return redirect("enrolment:contract_version", setting.pk, saved.pk)
    return render(request, "enrolment/contract/version_form.html", {"setting": setting, "form": form, "draft": draft})


@require_POST
@action_required(AGREEMENT_MANAGE, Setting)
def version_publish(request: AuthedRequest, setting: Setting, version_id: int) -> HttpResponse:
    version = selectors.version_of(setting=setting, version_id=version_id)
    try:
        services.publish_version(actor=request.user, version=version)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("enrolment:contract_version", setting.pk, version.pk)
    messages.success(request, f"Version {version.number} is published. Every family will be asked to sign it.")
    return redirect("enrolment:contract_setting", setting.pk)


@action_required(AGREEMENT_OVERVIEW, Setting)
def signatures_list(request: AuthedRequest, setting: Setting) -> HttpResponse:
    """Children without a signature on the current version, or signatures awaiting countersignature."""
    show = "awaiting" if request.GET.get("show") == "awaiting" else "unsigned"
    rows: QuerySet[Any]
    if show == "awaiting":
        rows = selectors.awaiting_countersignature(actor=request.user, setting=setting)
    else:
        rows = selectors.unsigned_children(actor=request.user, setting=setting)
    context = {
        "setting": setting,
        "show": show,
        "page": paginate(request, rows),
        "query": query_without_page(request),
        "current": selectors.current_version(setting_id=setting.pk),
        "may_countersign": can(request.user, AGREEMENT_COUNTERSIGN),
    }
    return render(request, "enrolment/contract/signatures.html", context)
