"""Views of consultations on changes (R39): thin — parse, call a service or selector, render."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tandem.core.access import can
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.core.models import Setting
from tandem.core.pagination import paginate

from ..actions.consultations import (
    CONSULTATION_LIST,
    CONSULTATION_MANAGE,
    CONSULTATION_RESPOND,
    CONSULTATION_RESPONSES,
    CONSULTATION_VIEW,
    CONSULTATION_WRITE,
)
from ..forms.consultations import ConsultationForm, DecisionForm, ResponseForm
from ..models import Consultation
from ..selectors import consultations as selectors
from ..services import consultations as services

Status = Consultation.Status


def _consultations() -> QuerySet[Consultation]:
    return Consultation.objects.select_related("setting", "decided_by")


@action_required(CONSULTATION_LIST, Setting)
def consultations(request: AuthedRequest, setting: Setting) -> HttpResponse:
    page = paginate(request, selectors.consultations(request.user, setting))
    context = {"setting": setting, "page": page, "may_write": can(request.user, CONSULTATION_WRITE, setting)}
    return render(request, "voice/consultations/list.html", context)


@action_required(CONSULTATION_WRITE, Setting)
def new(request: AuthedRequest, setting: Setting) -> HttpResponse:
    form = ConsultationForm(request.POST or None)
    made = submit(
        request,
        form,
        lambda data: services.create(actor=request.user, setting=setting, **data),
        "The consultation is saved as a draft. Check it, then publish it to families.",
    )
    if made is not None:
        return redirect("voice:consultation", made.pk)
    context = {"setting": setting, "form": form, "heading": "Write a consultation"}
    return render(request, "voice/consultations/form.html", context, status=400 if form.is_bound else 200)


@action_required(CONSULTATION_MANAGE, Consultation, queryset=_consultations)
def edit(request: AuthedRequest, consultation: Consultation) -> HttpResponse:
    initial = {
        "title": consultation.title,
        "proposal": consultation.proposal,
        "question": consultation.question,
        "closes_on": consultation.closes_on,
    }
    form = ConsultationForm(request.POST or None, initial=initial)
    done = submit(
        request,
        form,
        lambda data: services.update(actor=request.user, consultation=consultation, **data),
        "The draft is saved.",
    )
    if done is not None:
        return redirect("voice:consultation", consultation.pk)
    context = {
        "setting": consultation.setting,
        "form": form,
        "consultation": consultation,
        "heading": "Change the draft",
    }
    return render(request, "voice/consultations/form.html", context, status=400 if form.is_bound else 200)


@action_required(CONSULTATION_VIEW, Consultation, queryset=_consultations)
def consultation(request: AuthedRequest, consultation: Consultation) -> HttpResponse:
    user = request.user
    may_respond = can(user, CONSULTATION_RESPOND, consultation) and services.is_open(consultation)
    mine = selectors.response_of(user, consultation) if can(user, CONSULTATION_RESPOND) else None
    form = None
    if may_respond:
        initial = {"answer": mine.answer, "comment": mine.comment} if mine else None
        form = ResponseForm(request.POST or None, initial=initial)
        done = submit(
            request,
            form,
            lambda data: services.respond(
                actor=user, consultation=consultation, answer=data["answer"], comment=data["comment"]
            ),
            "Thank you: your view is recorded. You can change it until the consultation closes.",
        )
        if done is not None:
            return redirect("voice:consultation", consultation.pk)
    manages = can(user, CONSULTATION_MANAGE, consultation)
    context = {
        "consultation": consultation,
        "setting": consultation.setting,
        "form": form,
        "mine": mine,
        "is_open": services.is_open(consultation),
        "manages": manages,
        "reads_responses": can(user, CONSULTATION_RESPONSES, consultation),
        "tally": selectors.tally(consultation) if can(user, CONSULTATION_RESPONSES, consultation) else None,
        "may_decide": (manages and consultation.status == Status.CLOSED)
        or (manages and consultation.status == Status.OPEN and not services.is_open(consultation)),
    }
    status = 400 if form is not None and form.is_bound else 200
    return render(request, "voice/consultations/consultation.html", context, status=status)


def _act(
    request: AuthedRequest, consultation: Consultation, run: Callable[..., Consultation], success: str
) -> HttpResponse:
    try:
        run(actor=request.user, consultation=consultation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect("voice:consultation", consultation.pk)


@require_POST
@action_required(CONSULTATION_MANAGE, Consultation)
def publish(request: AuthedRequest, consultation: Consultation) -> HttpResponse:
    return _act(request, consultation, services.publish, "Published: every family of the setting has been told.")


@require_POST
@action_required(CONSULTATION_MANAGE, Consultation)
def close(request: AuthedRequest, consultation: Consultation) -> HttpResponse:
    return _act(request, consultation, services.close, "Closed: families can no longer give their views.")


@action_required(CONSULTATION_MANAGE, Consultation, queryset=_consultations)
def decide(request: AuthedRequest, consultation: Consultation) -> HttpResponse:
    form = DecisionForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.decide(actor=request.user, consultation=consultation, **data),
        "The decision is published and every family has been told.",
    )
    if done is not None:
        return redirect("voice:consultation", consultation.pk)
    context = {
        "consultation": consultation,
        "setting": consultation.setting,
        "form": form,
        "tally": selectors.tally(consultation),
    }
    return render(request, "voice/consultations/decide.html", context, status=400 if form.is_bound else 200)


@action_required(CONSULTATION_RESPONSES, Consultation, queryset=_consultations)
def responses(request: AuthedRequest, consultation: Consultation) -> HttpResponse:
    page = paginate(request, selectors.responses(consultation))
    context = {
        "consultation": consultation,
        "setting": consultation.setting,
        "page": page,
        "tally": selectors.tally(consultation),
    }
    return render(request, "voice/consultations/responses.html", context)
