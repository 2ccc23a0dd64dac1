from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.core.models import Setting

from ..actions.imports import IMPORT_FAMILIES
from ..forms.imports import ConfirmForm, UploadForm
from ..models.imports import ImportBatch
from ..services import imports as services


@action_required(IMPORT_FAMILIES, Setting)
def upload(request: AuthedRequest, setting: Setting) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    batch = submit(
        request,
        form,
        lambda data: services.upload(
            actor=request.user, setting=setting, file_name=data["file"].name, data=services.read_limited(data["file"])
        ),
        "The file has been checked. Look at the preview before you import it.",
    )
    if batch:
        return redirect("enrolment:import_preview", pk=setting.pk, batch_id=batch.pk)
    return render(request, "enrolment/imports/upload.html", {"setting": setting, "form": form})


@action_required(IMPORT_FAMILIES, Setting)
def template(request: AuthedRequest, setting: Setting) -> HttpResponse:
    response = HttpResponse(services.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="tandem-families-template.csv"'
    return response


@action_required(IMPORT_FAMILIES, Setting)
def preview(request: AuthedRequest, setting: Setting, batch_id: int) -> HttpResponse:
    batch = get_object_or_404(ImportBatch, pk=batch_id, setting=setting)
    if batch.imported_at:
        return render(request, "enrolment/imports/done.html", {"setting": setting, "batch": batch})
    form = ConfirmForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.run_import(actor=request.user, batch=batch, invite=data["invite"]),
        "The families have been imported.",
    )
    if done:
        return redirect("enrolment:import_preview", pk=setting.pk, batch_id=batch.pk)
    plan = services.plan_import(setting=setting, content=batch.content)
    context = {"setting": setting, "batch": batch, "plan": plan, "form": form}
    return render(request, "enrolment/imports/preview.html", context)
