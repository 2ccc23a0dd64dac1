"""The parents' "Have your say" page: what the setting is asking this family now, one section a
voice feature (``tandem.voice.hub``), and other ways to take part."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from tandem.core.decorators import action_required
from tandem.core.http import AuthedRequest
from tandem.core.models import Setting

from ..actions.hub import HUB_VIEW
from ..hub import sections_for


@action_required(HUB_VIEW, Setting)
def hub(request: AuthedRequest, setting: Setting) -> HttpResponse:
    """Each section with what is open for this parent in this setting (an item of another setting,
    for a parent with children in two, is shown on that setting's page)."""
    sections = []
    for section, items in sections_for(request.user):
        here = [item for item in items if getattr(item, "setting_id", setting.pk) == setting.pk]
        if here:
            sections.append({"section": section, "items": here})
    return render(request, "voice/hub.html", {"setting": setting, "sections": sections})
