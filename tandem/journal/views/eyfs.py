"""The setting's journal settings page."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect, render

from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.core.models import Setting

from ..actions.eyfs import JOURNAL_SETTINGS_MANAGE
from ..forms.eyfs import JournalSettingsForm
from ..models import Area
from ..services import eyfs as services


@action_required(JOURNAL_SETTINGS_MANAGE, Setting)
def journal_settings(request: AuthedRequest, setting: Setting) -> HttpResponse:
    current = services.journal_settings(setting)
    initial = {
        "framework": current.framework,
        "check_due_months": current.check_due_months,
        "check_overdue_months": current.check_overdue_months,
    }
    form = JournalSettingsForm(request.POST or None, initial=initial)
    saved = submit(
        request,
        form,
        lambda data: services.update_journal_settings(actor=request.user, setting=setting, **data),
        "The journal settings have been saved.",
    )
    if saved:
        return redirect("journal:settings", setting.pk)
    areas = Area.objects.prefetch_related("aspects")
    return render(request, "journal/eyfs/settings.html", {"setting": setting, "form": form, "areas": areas})
