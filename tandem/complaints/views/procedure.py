"""Views of the complaints procedure (R59, R60) and of a setting's deadlines (R64): thin."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render

from tandem.comms.selectors.board import my_children
from tandem.core.access import can
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.core.models import Organisation, Setting
from tandem.core.pagination import paginate, query_without_page

from ..actions.procedure import (
    DEADLINES_VIEW,
    PROCEDURE_SETTINGS_MANAGE,
    PROCEDURE_SETTINGS_VIEW,
    PROCEDURE_VIEW,
)
from ..forms.procedure import ProcedureSettingsForm
from ..selectors import procedure as selectors
from ..services import procedure as services


@action_required(PROCEDURE_VIEW, Setting)
def procedure(request: AuthedRequest, setting: Setting) -> HttpResponse:
    """How to raise a concern or complaint: generated from the configuration and the rules."""
    user = request.user
    context = {
        "setting": setting,
        "procedure": selectors.procedure_for(setting),
        "my_children": my_children(user, setting),
        "sees_deadlines": can(user, DEADLINES_VIEW, setting),
        "organisation_settings": can(user, PROCEDURE_SETTINGS_VIEW, setting.organisation),
    }
    return render(request, "complaints/procedure/procedure.html", context)


@action_required(PROCEDURE_SETTINGS_VIEW, Organisation)
def procedure_settings(request: AuthedRequest, organisation: Organisation) -> HttpResponse:
    """Who holds the stages above the setting manager: owners change it, managers may read it."""
    may_change = can(request.user, PROCEDURE_SETTINGS_MANAGE, organisation)
    if request.method == "POST" and not may_change:
        raise PermissionDenied(PROCEDURE_SETTINGS_MANAGE.name)
    current = selectors.settings_of(organisation.pk)
    form = None
    if may_change:
        form = ProcedureSettingsForm(request.POST or None, instance=current, organisation=organisation)
        saved = submit(
            request,
            form,
            lambda data: services.save_procedure_settings(
                actor=request.user,
                organisation=organisation,
                line_manager_title=data["line_manager_title"],
                line_manager=data["line_manager"],
                appeal_title=data["appeal_title"],
                appeal_contact=data["appeal_contact"],
            ),
            "Saved. The procedure parents see now follows it.",
        )
        if saved:
            return redirect("complaints:procedure_settings", organisation.pk)
    context = {
        "organisation": organisation,
        "form": form,
        "current": current,
        "stages": selectors.organisation_stages(organisation),
        "settings": selectors.settings_of_organisation(request.user, organisation),
    }
    return render(request, "complaints/procedure/settings.html", context, status=400 if form and form.errors else 200)


@action_required(DEADLINES_VIEW, Setting)
def deadlines(request: AuthedRequest, setting: Setting) -> HttpResponse:
    """The open time limits of the setting's complaints the person may open, soonest first."""
    page = paginate(request, selectors.deadlines_for(request.user, setting))
    context = {
        "setting": setting,
        "page": page,
        "rows": selectors.deadline_rows(page.object_list, setting),
        "query": query_without_page(request),
    }
    return render(request, "complaints/procedure/deadlines.html", context)
