"""Pages of the register (R42). Thin: parse, call a service or selector, render.

The room's tablet page polls its live part every 30 seconds (htmx) and each button posts one
form; with htmx the live part is swapped in place, without it the page reloads.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from tandem.core.access import can
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.core.models import Room, Setting
from tandem.people.models import Adult, Child

from ..actions.medication import MED_TODAY
from ..actions.register import ABSENCE, CHILD_DAY, DOOR_CODE_CHANGE, REGISTER, SELF_REGISTER, SIGN_IN, TODAY
from ..forms.register import SOMEONE_ELSE, AbsenceForm, ArriveForm, DoorCodeForm
from ..models import Absence
from ..selectors import register as selectors
from ..selectors.late import late_children
from ..services import register as services

# --- the staff's Today page -------------------------------------------------------------------


@action_required(TODAY, Setting)
def today(request: AuthedRequest, setting: Setting) -> HttpResponse:
    context = {
        "setting": setting,
        **selectors.setting_today(actor=request.user, setting=setting),
        "late": late_children(setting=setting, actor=request.user),
        "may_medicines": can(request.user, MED_TODAY, setting),
    }
    if request.htmx:
        return render(request, "attendance/register/_today_live.html", context)
    context["door_code"] = services.door_code(actor=request.user, setting=setting)
    context["may_change_code"] = can(request.user, DOOR_CODE_CHANGE, setting)
    return render(request, "attendance/register/today.html", context)


@require_POST
@action_required(DOOR_CODE_CHANGE, Setting)
def door_code_change(request: AuthedRequest, setting: Setting) -> HttpResponse:
    services.change_door_code(actor=request.user, setting=setting)
    messages.success(request, "There is a new door code for the rest of today: put it on the sign by the door.")
    return redirect("attendance:today", setting.pk)


# --- a room's register (the tablet) -----------------------------------------------------------


def _register_context(room: Room) -> dict[str, Any]:
    return {"room": room, **selectors.room_register(room=room), "now": timezone.localtime()}


@action_required(REGISTER, Room)
def register(request: AuthedRequest, room: Room) -> HttpResponse:
    context = _register_context(room)
    if request.htmx:
        return render(request, "attendance/register/_room_live.html", context)
    context["rooms"] = selectors.rooms_for(actor=request.user, setting=room.setting)
    context["may_today"] = can(request.user, TODAY, room.setting)
    return render(request, "attendance/register/room.html", context)


def _back_to_register(request: AuthedRequest, child: Child) -> HttpResponse:
    if child.room_id is None:
        return redirect("attendance:today", child.setting_id)
    if request.htmx:
        room = Room.objects.get(pk=child.room_id)
        return render(request, "attendance/register/_room_live.html", _register_context(room))
    return redirect("attendance:register", child.room_id)


@require_POST
@action_required(SIGN_IN, Child)
def arrive(request: AuthedRequest, child: Child) -> HttpResponse:
    """One tap: "Arrived" (or "Confirm" for a parent's self-registration)."""
    form = ArriveForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(m) for errors in form.errors.values() for m in errors))
        return _back_to_register(request, child)
    choice = form.cleaned_data["brought_by"]
    adult = None
    if choice and choice != SOMEONE_ELSE:
        adult = Adult.objects.filter(pk=int(choice), links__child=child).first()
        if adult is None:
            messages.error(request, "Choose who brought the child from the list.")
            return _back_to_register(request, child)
    name = form.cleaned_data["brought_by_name"] if choice == SOMEONE_ELSE else ""
    try:
        record, changed = services.sign_in(actor=request.user, child=child, brought_by=adult, brought_by_name=name)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back_to_register(request, child)
    when = timezone.localtime(record.arrived_at).strftime("%H:%M") if record.arrived_at else ""
    if changed:
        messages.success(request, f"{child.display_name} is here (since {when}).")
    elif record.state == record.State.LEFT:
        messages.info(request, f"{child.display_name} has already gone home today.")
    else:
        messages.info(request, f"{child.display_name} was already signed in at {when}: nothing changed.")
    return _back_to_register(request, child)


# --- the family's page: today ---------------------------------------------------------------


def _child_day(request: AuthedRequest, child: Child, form: DoorCodeForm, status: int = 200) -> HttpResponse:
    user = request.user
    context = {
        "child": child,
        "record": selectors.attendance_today(child),
        "absences": selectors.absences_of(child),
        "today": timezone.localdate(),
        "may_self_register": can(user, SELF_REGISTER, child),
        "form": form,
    }
    return render(request, "attendance/register/child_day.html", context, status=status)


@action_required(CHILD_DAY, Child)
def child_day(request: AuthedRequest, child: Child) -> HttpResponse:
    return _child_day(request, child, DoorCodeForm())


@require_POST
@action_required(SELF_REGISTER, Child)
def self_register(request: AuthedRequest, child: Child) -> HttpResponse:
    form = DoorCodeForm(request.POST)
    done = submit(
        request,
        form,
        lambda data: services.self_register(actor=request.user, child=child, code=data["code"]),
        "Thank you. A member of staff will confirm that they have taken your child in.",
    )
    if done is not None:
        return redirect("attendance:child_day", child.pk)
    if not can(request.user, CHILD_DAY, child):
        raise Http404
    return _child_day(request, child, form, status=400)


# --- absences ---------------------------------------------------------------------------------


@action_required(ABSENCE, Child)
def absence_report(request: AuthedRequest, child: Child) -> HttpResponse:
    form = AbsenceForm(request.POST or None)
    saved = submit(
        request,
        form,
        lambda data: services.report_absence(actor=request.user, child=child, **data),
        "The absence is recorded. Thank you for letting us know.",
    )
    if saved is not None:
        if can(request.user, CHILD_DAY, child):
            return redirect("attendance:child_day", child.pk)
        return _back_to_register(request, child)
    context = {"child": child, "form": form, "absences": selectors.absences_of(child)}
    return render(request, "attendance/register/absence_form.html", context, status=400 if form.is_bound else 200)


@require_POST
@action_required(ABSENCE, Child)
def absence_cancel(request: AuthedRequest, child: Child, absence_id: int) -> HttpResponse:
    absence = Absence.objects.filter(child=child, pk=absence_id).select_related("child").first()
    if absence is None:
        raise Http404
    try:
        services.cancel_absence(actor=request.user, absence=absence)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The absence is cancelled.")
    if can(request.user, CHILD_DAY, child):
        return redirect("attendance:child_day", child.pk)
    return redirect("attendance:absence", child.pk)
