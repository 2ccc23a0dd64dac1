"""Pages of outings (R29): thin — parse, call a service or selector, render.

Staff: the setting's outings, a new outing, an outing's "who may go" page (printable), change,
announce, remind, cancel. Families: a child's outings and, for each, the answer (and the consent
form for a parent with parental responsibility), in their language with the original a tap away.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Case, F, IntegerField, QuerySet, Value, When
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from tandem.core.access import HasSettingRole, can, permitted
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.core.models import Room, Setting
from tandem.core.pagination import paginate, query_without_page
from tandem.core.roles import MANAGERS
from tandem.people.models import Child
from tandem.people.selectors import current

from ..actions.outings import (
    CHILD_OUTINGS,
    OUTING_CONSENT,
    OUTING_MANAGE,
    OUTING_PLAN,
    OUTING_SEE,
    OUTINGS_LIST,
    practitioner_rooms,
)
from ..forms.outings import CancelForm, ConsentForm, OutingForm, initial_of
from ..languages import language_of
from ..models.outings import Outing
from ..selectors import outings as selectors
from ..selectors.translations import localise, localise_many
from ..services import outings as services

# --- staff -------------------------------------------------------------------------------------


def _choices(request: AuthedRequest, setting: Setting) -> tuple[QuerySet[Room], QuerySet[Child]]:
    """The rooms and children this person may plan for: any of the setting's (manager, deputy), or
    their own room's (a practitioner)."""
    rooms = Room.objects.filter(setting=setting).order_by("name")
    children = current(Child.objects.filter(setting=setting)).select_related("room")
    if setting.pk not in HasSettingRole(*MANAGERS, setting="").setting_ids(request.user):
        mine = practitioner_rooms(request.user)
        rooms, children = rooms.filter(pk__in=mine), children.filter(room_id__in=mine)
    return rooms, children.order_by("first_name", "last_name", "pk")


@action_required(OUTINGS_LIST, Setting)
def outings(request: AuthedRequest, setting: Setting) -> HttpResponse:
    page = paginate(request, selectors.outings_of_setting(request.user, setting))
    for outing in page.object_list:
        outing.status = selectors.status_of(outing)  # type: ignore[attr-defined]
        outing.status_label = selectors.STATUS_LABELS[outing.status]  # type: ignore[attr-defined]
    context = {
        "setting": setting,
        "page": page,
        "query": query_without_page(request),
        "may_plan": can(request.user, OUTING_PLAN, setting),
    }
    return render(request, "comms/outings/list.html", context)


@action_required(OUTING_PLAN, Setting)
def new_outing(request: AuthedRequest, setting: Setting) -> HttpResponse:
    rooms, children = _choices(request, setting)
    start, end = services.default_times(timezone.localdate() + dt.timedelta(days=14))
    form = OutingForm(
        request.POST or None,
        rooms=rooms,
        children=children,
        initial={"starts_at": start, "ends_at": end, "rooms": list(rooms[:1]) if rooms.count() == 1 else []},
    )
    made = submit(
        request,
        form,
        lambda data: services.create_outing(actor=request.user, setting=setting, data=data, **_who(data)),
        "Outing saved as a draft. Check it, then announce it to the families.",
    )
    if made:
        return redirect("comms:outing", made.pk)
    return render(request, "comms/outings/form.html", {"setting": setting, "form": form, "outing": None})


def _who(data: dict[str, Any]) -> dict[str, Any]:
    return {"rooms": list(data.get("rooms") or []), "children": list(data.get("children") or [])}


@action_required(OUTING_SEE, Outing)
def outing(request: AuthedRequest, outing: Outing) -> HttpResponse:
    status = selectors.status_of(outing)
    who = selectors.who_may_go(outing)
    context = {
        "outing": outing,
        "setting": outing.setting,
        "status": status,
        "status_label": selectors.STATUS_LABELS[status],
        "rooms": list(outing.rooms.all()),
        "who": who,
        "may_manage": can(request.user, OUTING_MANAGE, outing),
        "open": status == "announced" and outing.starts_at > timezone.now(),
        "translations_url": reverse(
            "comms:translations", args=[ContentType.objects.get_for_model(Outing).pk, outing.pk]
        ),
    }
    return render(request, "comms/outings/outing.html", context)


@action_required(OUTING_MANAGE, Outing)
def edit_outing(request: AuthedRequest, outing: Outing) -> HttpResponse:
    if outing.cancelled_at:
        messages.error(request, "This outing has been cancelled.")
        return redirect("comms:outing", outing.pk)
    rooms, children = _choices(request, outing.setting)
    announced = outing.announced_at is not None
    form = OutingForm(
        request.POST or None, rooms=rooms, children=children, announced=announced, initial=initial_of(outing)
    )
    saved = submit(
        request,
        form,
        lambda data: services.update_outing(
            actor=request.user, outing=outing, data=data, **({} if announced else _who(data))
        ),
        "Outing saved." + (" The families have been told about the change." if announced else ""),
    )
    if saved:
        return redirect("comms:outing", outing.pk)
    return render(request, "comms/outings/form.html", {"setting": outing.setting, "form": form, "outing": outing})


def _post(request: AuthedRequest, outing: Outing, run: Any, done: str) -> HttpResponse:
    try:
        result = run()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done.format(result=result))
    return redirect("comms:outing", outing.pk)


@require_POST
@action_required(OUTING_MANAGE, Outing)
def announce(request: AuthedRequest, outing: Outing) -> HttpResponse:
    return _post(
        request,
        outing,
        lambda: services.announce(actor=request.user, outing=outing),
        "Announced. Each family with parental responsibility is being told now.",
    )


@require_POST
@action_required(OUTING_MANAGE, Outing)
def remind(request: AuthedRequest, outing: Outing) -> HttpResponse:
    return _post(
        request,
        outing,
        lambda: services.remind(actor=request.user, outing=outing),
        "Reminder sent to the families of {result} child(ren) who have no answer yet.",
    )


@action_required(OUTING_MANAGE, Outing)
def cancel(request: AuthedRequest, outing: Outing) -> HttpResponse:
    form = CancelForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.cancel(actor=request.user, outing=outing, reason=data["reason"]),
        "The outing is cancelled." + (" The families are being told." if outing.announced_at else ""),
    )
    if done:
        return redirect("comms:outing", outing.pk)
    return render(request, "comms/outings/cancel.html", {"outing": outing, "form": form})


# --- a child's outings (families and staff) -----------------------------------------------------


def _ordered(child: Child) -> QuerySet[Outing]:
    """Coming outings first, soonest first; then past ones, newest first."""
    now = timezone.now()
    coming = When(ends_at__gt=now, then=Value(0))
    return selectors.outings_of_child(child).order_by(
        Case(coming, default=Value(1), output_field=IntegerField()),
        Case(When(ends_at__gt=now, then=F("starts_at"))).asc(nulls_last=True),
        "-starts_at",
        "-pk",
    )


@action_required(CHILD_OUTINGS, Child)
def child_outings(request: AuthedRequest, child: Child) -> HttpResponse:
    page = paginate(request, _ordered(child))
    items = list(page.object_list)
    lang = language_of(request.user)
    original = request.GET.get("original") == "1"
    answers = selectors.answers_for_child(child, items)
    rows = [
        {
            "loc": loc,
            "outing": loc.item,
            "answer": answers.get(loc.item.pk),
            "status": selectors.status_of(loc.item),
            "may_see": False,
        }
        for loc in localise_many(items, lang, original=original)
    ]
    if can(request.user, OUTING_SEE):  # staff: a link to each outing's own page where they may see it
        seen = set(
            permitted(request.user, OUTING_SEE, Outing.objects.filter(pk__in=[o.pk for o in items])).values_list(
                "pk", flat=True
            )
        )
        for row in rows:
            row["may_see"] = row["outing"].pk in seen
    context = {
        "child": child,
        "page": page,
        "rows": rows,
        "query": query_without_page(request),
        "may_decide": can(request.user, OUTING_CONSENT, child),
        "may_list": can(request.user, OUTINGS_LIST, child.setting),
    }
    return render(request, "comms/outings/child.html", context)


def _child_outing(child: Child, outing_id: int) -> Outing:
    found = selectors.outing_of_child(child, outing_id)
    if found is None:
        raise Http404
    return found


def _child_outing_context(request: AuthedRequest, child: Child, found: Outing, **extra: Any) -> dict[str, Any]:
    lang = language_of(request.user)
    loc = localise(found, lang, original=request.GET.get("original") == "1")
    may_decide = can(request.user, OUTING_CONSENT, child)
    return {
        "child": child,
        "outing": found,
        "loc": loc,
        "status": selectors.status_of(found),
        "answer": selectors.answers_for_child(child, [found]).get(found.pk),
        "history": selectors.history_for_child(found, child),
        "may_decide": may_decide,
        "open": selectors.may_still_answer(found),
        "form": extra.pop("form", None) or ConsentForm(),
        "may_see": can(request.user, OUTING_SEE, found),
        **extra,
    }


@action_required(CHILD_OUTINGS, Child)
def child_outing(request: AuthedRequest, child: Child, outing_id: int) -> HttpResponse:
    found = _child_outing(child, outing_id)
    return render(request, "comms/outings/child_outing.html", _child_outing_context(request, child, found))


@require_POST
@action_required(OUTING_CONSENT, Child)
def consent(request: AuthedRequest, child: Child, outing_id: int) -> HttpResponse:
    found = _child_outing(child, outing_id)
    form = ConsentForm(request.POST)
    given = request.POST.get("answer") == "yes"
    done = submit(
        request,
        form,
        lambda data: services.decide(actor=request.user, outing=found, child=child, given=given, note=data["note"]),
        f"Thank you: your answer for {child.first_name} has been saved."
        if given
        else f"Thank you: {child.first_name} will not go on this outing.",
    )
    if done:
        return redirect("comms:child_outing", child.pk, found.pk)
    context = _child_outing_context(request, child, found, form=form)
    return render(request, "comms/outings/child_outing.html", context, status=400)
