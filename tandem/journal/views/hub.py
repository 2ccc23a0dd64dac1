"""The staff's way into the learning journal: one page per setting with everything they may do."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from tandem.core.access import can
from tandem.core.decorators import action_required
from tandem.core.http import AuthedRequest
from tandem.core.models import Setting

from ..actions.eyfs import JOURNAL_SETTINGS_MANAGE
from ..actions.home import HOME_QUEUE
from ..actions.observations import OBSERVATION_CREATE
from ..actions.offers import OFFER_LIST
from ..actions.summaries import SUMMARY_OVERVIEW
from ..actions.twocheck import CHECK_DUE_LIST
from ..selectors.boards import writable_rooms
from ..selectors.home import queue_count


@action_required(OBSERVATION_CREATE, Setting)
def hub(request: AuthedRequest, setting: Setting) -> HttpResponse:
    user = request.user
    may_queue = can(user, HOME_QUEUE, setting)
    context = {
        "setting": setting,
        "waiting": queue_count(actor=user, setting=setting) if may_queue else 0,
        "may_queue": may_queue,
        "rooms": list(writable_rooms(actor=user, setting=setting)),
        "may_checks": can(user, CHECK_DUE_LIST, setting),
        "may_summaries": can(user, SUMMARY_OVERVIEW, setting),
        "may_offers": can(user, OFFER_LIST, setting),
        "may_settings": can(user, JOURNAL_SETTINGS_MANAGE, setting),
    }
    return render(request, "journal/hub.html", context)
