"""Pages of events and diary dates (R30) and the calendar feed: thin — parse, call, render.

The feed (``feed``) is the one public page here: its address carries the person's secret token
(``calendar/<token>.ics``). A wrong token answers 404 after the same work as a right one, and the
404 is not logged, so the token never reaches the logs through Django.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from tandem.core.access import can
from tandem.core.decorators import action_required, public
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest, private
from tandem.core.models import Room, Setting
from tandem.core.pagination import paginate, query_without_page

from ..actions.events import CALENDAR, EVENT_EDIT, EVENT_REPLY, EVENT_VIEW, EVENTS_LIST, EVENTS_MANAGE
from ..forms.events import EventForm, ReplyForm, initial_of
from ..languages import language_of
from ..models.events import CalendarFeed, Event
from ..selectors import events as selectors
from ..selectors.translations import localise, localise_many
from ..services import events as services


def _ics(body: bytes, filename: str, disposition: str = "attachment") -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return private(response)


# --- the setting's events ----------------------------------------------------------------------


@action_required(EVENTS_LIST, Setting)
def events(request: AuthedRequest, setting: Setting) -> HttpResponse:
    page = paginate(request, selectors.events_of_setting(request.user, setting))
    lang = language_of(request.user)
    locs = localise_many(list(page.object_list), lang, original=request.GET.get("original") == "1")
    context = {
        "setting": setting,
        "page": page,
        "locs": locs,
        "query": query_without_page(request),
        "may_manage": can(request.user, EVENTS_MANAGE, setting),
        "may_calendar": can(request.user, CALENDAR),
    }
    return render(request, "comms/events/list.html", context)


def _rooms(setting: Setting) -> Any:
    return Room.objects.filter(setting=setting).order_by("name")


@action_required(EVENTS_MANAGE, Setting)
def new_event(request: AuthedRequest, setting: Setting) -> HttpResponse:
    form = EventForm(request.POST or None, rooms=_rooms(setting))
    publish = request.POST.get("publish") == "1"
    made = submit(
        request,
        form,
        lambda data: services.create_event(
            actor=request.user, setting=setting, data=data, rooms=list(data.get("rooms") or []), publish=publish
        ),
        "Event published: families can see it now." if publish else "Event saved as a draft.",
    )
    if made:
        return redirect("comms:event", made.pk)
    return render(request, "comms/events/form.html", {"setting": setting, "form": form, "event": None})


# --- one event -----------------------------------------------------------------------------------


def _event_context(request: AuthedRequest, event: Event, **extra: Any) -> dict[str, Any]:
    user = request.user
    lang = language_of(user)
    mine = selectors.reply_of(user, event)
    may_reply = can(user, EVENT_REPLY, event)
    if mine and "form" not in extra:
        extra["form"] = ReplyForm(
            initial={"answer": mine.answer, "adults": mine.adults, "children": mine.children, "note": mine.note}
        )
    may_edit = can(user, EVENT_EDIT, event)
    return {
        "event": event,
        "setting": event.setting,
        "loc": localise(event, lang, original=request.GET.get("original") == "1"),
        "rooms": list(event.rooms.all()),
        "mine": mine,
        "may_reply": may_reply,
        "open": event.replies_wanted and not event.cancelled_at and not selectors.is_over(event),
        "places_left": selectors.places_left(event) if event.replies_wanted else None,
        "may_edit": may_edit,
        "totals": selectors.totals_of(event) if may_edit and event.replies_wanted else None,
        "translations_url": reverse("comms:translations", args=[ContentType.objects.get_for_model(Event).pk, event.pk]),
        "form": extra.pop("form", None) or ReplyForm(),
        **extra,
    }


@action_required(EVENT_VIEW, Event)
def event(request: AuthedRequest, event: Event) -> HttpResponse:
    return render(request, "comms/events/event.html", _event_context(request, event))


@require_POST
@action_required(EVENT_REPLY, Event)
def reply(request: AuthedRequest, event: Event) -> HttpResponse:
    form = ReplyForm(request.POST)
    done = submit(
        request,
        form,
        lambda data: services.reply(
            actor=request.user,
            event=event,
            answer=data["answer"],
            adults=data["adults"],
            children=data["children"],
            note=data["note"],
        ),
        "Thank you: your reply has been saved. You can change it at any time before the event.",
    )
    if done:
        return redirect("comms:event", event.pk)
    return render(request, "comms/events/event.html", _event_context(request, event, form=form), status=400)


@action_required(EVENT_VIEW, Event)
def event_ics(request: AuthedRequest, event: Event) -> HttpResponse:
    """ "Add to calendar": the one event as an .ics file."""
    items = selectors.event_items([event], language_of(request.user))
    return _ics(selectors.to_ics(items, name=event.title), f"event-{event.pk}.ics")


@action_required(EVENT_EDIT, Event)
def edit_event(request: AuthedRequest, event: Event) -> HttpResponse:
    if event.cancelled_at:
        messages.error(request, "This event has been cancelled.")
        return redirect("comms:event", event.pk)
    form = EventForm(request.POST or None, rooms=_rooms(event.setting), initial=initial_of(event))
    saved = submit(
        request,
        form,
        lambda data: services.update_event(
            actor=request.user, event=event, data=data, rooms=list(data.get("rooms") or [])
        ),
        "Event saved."
        + (" Calendars will update, and families who replied going or maybe are told." if event.published_at else ""),
    )
    if saved:
        return redirect("comms:event", event.pk)
    return render(request, "comms/events/form.html", {"setting": event.setting, "form": form, "event": event})


def _post(request: AuthedRequest, event: Event, run: Any, done: str) -> HttpResponse:
    try:
        run()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("comms:event", event.pk)


@require_POST
@action_required(EVENT_EDIT, Event)
def publish(request: AuthedRequest, event: Event) -> HttpResponse:
    return _post(
        request,
        event,
        lambda: services.publish_event(actor=request.user, event=event),
        "Published: families can see it now.",
    )


@require_POST
@action_required(EVENT_EDIT, Event)
def cancel(request: AuthedRequest, event: Event) -> HttpResponse:
    return _post(
        request,
        event,
        lambda: services.cancel_event(actor=request.user, event=event),
        "Cancelled. Calendars will show it cancelled, and families who replied going or maybe are told.",
    )


@action_required(EVENT_EDIT, Event)
def replies(request: AuthedRequest, event: Event) -> HttpResponse:
    page = paginate(request, selectors.replies_of(event))
    context = {
        "event": event,
        "page": page,
        "query": query_without_page(request),
        "totals": selectors.totals_of(event),
        "places_left": selectors.places_left(event),
    }
    return render(request, "comms/events/replies.html", context)


# --- the calendar address ------------------------------------------------------------------------


@never_cache
@action_required(CALENDAR)
def calendar(request: AuthedRequest) -> HttpResponse:
    """The person's calendar address: make one (shown once), make a new one, or stop it."""
    feed = CalendarFeed.objects.filter(user=request.user).first()
    address = ""
    if request.method == "POST":
        if request.POST.get("action") == "stop":
            services.stop_calendar_address(actor=request.user)
            messages.success(request, "Your calendar address has stopped working.")
            return redirect("comms:calendar")
        token = services.new_calendar_address(actor=request.user)
        address = settings.TANDEM_SITE_URL.rstrip("/") + reverse("comms:calendar_feed", args=[token])
        feed = CalendarFeed.objects.filter(user=request.user).first()
    webcal = "webcal://" + address.split("://", 1)[1] if address else ""
    response = render(request, "comms/events/calendar.html", {"feed": feed, "address": address, "webcal": webcal})
    return private(response)


@public
@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The person's calendar (public: the secret token is the key)."""
    user = services.open_feed(token)
    if user is None:
        response = HttpResponse("Not found", status=404, content_type="text/plain")
        response._has_been_logged = True  # type: ignore[attr-defined]  # keep the token out of the logs
        return private(response)
    return _ics(selectors.to_ics(selectors.feed_items(user)), "tandem.ics", "inline")
