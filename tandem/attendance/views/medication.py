"""Views of medication (R9): thin — parse, call a service or selector, render."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.core.models import Room, Setting
from tandem.core.pagination import paginate, query_without_page
from tandem.enrolment.models import ConsentCode
from tandem.enrolment.selectors.consents import consent_now
from tandem.people.models import Child

from ..actions.medication import MED_AUTHORISE, MED_GIVE, MED_TODAY, MED_VIEW
from ..forms.medication import AuthoriseForm, DoseForm
from ..models import Medicine
from ..selectors import medication as selectors
from ..services import medication as services


def _medicine(child: Child, medicine_id: int) -> Medicine:
    medicine = selectors.medicine_of(child, medicine_id)
    if medicine is None:
        raise Http404
    return medicine


@action_required(MED_VIEW, Child)
def medicines(request: AuthedRequest, child: Child) -> HttpResponse:
    page = paginate(request, selectors.medicines_of(child), per_page=10)
    context = {
        "child": child,
        "page": page,
        "query": query_without_page(request),
        "today": timezone.localdate(),
        **selectors.permissions(request.user, child),
    }
    return render(request, "attendance/medication/child.html", context)


@action_required(MED_AUTHORISE, Child)
def authorise(request: AuthedRequest, child: Child) -> HttpResponse:
    consent = consent_now(child, ConsentCode.ADMINISTERING_MEDICATION)
    if not consent.given:
        return render(request, "attendance/medication/no_consent.html", {"child": child, "consent": consent})
    form = AuthoriseForm(request.POST or None)
    saved = submit(
        request,
        form,
        lambda data: services.authorise(actor=request.user, child=child, **data),
        "Thank you. The medicine is authorised: please hand it to a member of staff in its original packaging.",
    )
    if saved:
        return redirect("attendance:medicines", child.pk)
    return render(request, "attendance/medication/authorise.html", {"child": child, "form": form})


@action_required(MED_GIVE, Child)
def give_dose(request: AuthedRequest, child: Child, medicine_id: int) -> HttpResponse:
    medicine = _medicine(child, medicine_id)
    form = DoseForm(
        request.POST or None,
        witnesses=selectors.witnesses(child.setting, exclude=request.user),
        initial={"amount": medicine.dose},
    )
    dose = submit(
        request,
        form,
        lambda data: services.give_dose(
            actor=request.user,
            medicine=medicine,
            given_at=form.given_at_today(),
            amount=data["amount"],
            witness=data["witness"],
            note=data["note"],
        ),
        "Dose recorded. The family has been told.",
    )
    if dose:
        previous = selectors.last_dose(medicine, before=dose.given_at - dt.timedelta(seconds=1))
        if previous is not None and dose.given_at - previous < selectors.DOSE_GAP:
            messages.warning(
                request,
                f"Check: the previous dose was at {timezone.localtime(previous):%H:%M on %-d %B}, "
                "less than 4 hours before this one. Tell the manager if this was not intended.",
            )
        return redirect("attendance:medicines", child.pk)
    context = {
        "child": child,
        "medicine": medicine,
        "form": form,
        "last": selectors.last_dose(medicine),
        "too_soon": selectors.too_soon(medicine),
        "active": selectors.is_active_on(medicine, timezone.localdate()),
        "today": timezone.localdate(),
    }
    return render(request, "attendance/medication/dose.html", context)


def _post(request: AuthedRequest, child: Child, run: object, done: str) -> HttpResponse:
    try:
        run()  # type: ignore[operator]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("attendance:medicines", child.pk)


@require_POST
@action_required(MED_GIVE, Child)
def receive(request: AuthedRequest, child: Child, medicine_id: int) -> HttpResponse:
    medicine = _medicine(child, medicine_id)
    return _post(request, child, lambda: services.receive(actor=request.user, medicine=medicine), "Marked as received.")


@require_POST
@action_required(MED_VIEW, Child)
def stop(request: AuthedRequest, child: Child, medicine_id: int) -> HttpResponse:
    medicine = _medicine(child, medicine_id)
    return _post(
        request, child, lambda: services.stop(actor=request.user, medicine=medicine), "The medicine has been stopped."
    )


@require_POST
@action_required(MED_AUTHORISE, Child)
def acknowledge(request: AuthedRequest, child: Child, dose_id: int) -> HttpResponse:
    dose = selectors.dose_of(child, dose_id)
    if dose is None:
        raise Http404
    return _post(
        request, child, lambda: services.acknowledge(actor=request.user, dose=dose), "Thank you for letting us know."
    )


@action_required(MED_TODAY, Setting)
def today(request: AuthedRequest, setting: Setting) -> HttpResponse:
    rooms = list(Room.objects.filter(setting=setting).order_by("name"))
    room_text = request.GET.get("room", "")
    room_id = int(room_text) if room_text.isascii() and room_text.isdigit() and len(room_text) < 10 else None
    page = paginate(request, selectors.today_medicines(actor=request.user, setting=setting, room_id=room_id))
    context = {
        "setting": setting,
        "page": page,
        "rooms": rooms,
        "room_id": room_id,
        "query": query_without_page(request),
        "today": timezone.localdate(),
    }
    return render(request, "attendance/medication/today.html", context)
