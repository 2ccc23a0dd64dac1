"""Views of allegations against staff (R61): thin — parse, call a service or selector, render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tandem.core.access import can
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.core.models import Setting
from tandem.core.pagination import paginate, query_without_page

from ..actions.allegations import ALLEGATION_DIVERT, ALLEGATION_LIST, ALLEGATION_RECORD, ALLEGATION_VIEW
from ..forms.allegations import AllegationForm, CloseAllegationForm, LadoForm, WhenForm
from ..models import Allegation, Complaint
from ..selectors import allegations as selectors
from ..services import allegations as services

TOLD = "The setting manager and the DSL have been told."


@action_required(ALLEGATION_LIST, Setting)
def allegations(request: AuthedRequest, setting: Setting) -> HttpResponse:
    page = paginate(request, selectors.allegations_of(request.user, setting))
    context = {"setting": setting, "page": page, "query": query_without_page(request)}
    return render(request, "complaints/allegations/list.html", context)


def _after(request: AuthedRequest, allegation: Allegation, setting: Setting) -> HttpResponse:
    if can(request.user, ALLEGATION_VIEW, allegation):
        return redirect("complaints:allegation", allegation.pk)
    return render(request, "complaints/allegations/recorded.html", {"setting": setting})


@action_required(ALLEGATION_RECORD, Setting)
def record(request: AuthedRequest, setting: Setting) -> HttpResponse:
    """Record an allegation directly. Those who may not see allegations are thanked, not shown it."""
    form = AllegationForm(request.POST or None, setting=setting, user=request.user)
    allegation = submit(
        request,
        form,
        lambda d: services.record(
            actor=request.user,
            setting=setting,
            summary=d["summary"],
            about=d["about"],
            about_name=d["about_name"],
            child=d["child"],
        ),
        f"The allegation is recorded. {TOLD}",
    )
    if allegation is not None:
        return _after(request, allegation, setting)
    status = 400 if form.is_bound else 200
    return render(request, "complaints/allegations/record.html", {"setting": setting, "form": form}, status=status)


@action_required(ALLEGATION_DIVERT, Complaint)
def divert(request: AuthedRequest, complaint: Complaint) -> HttpResponse:
    """ "This is an allegation of serious harm to a child by a member of staff or volunteer": the
    complaint leaves the complaints track at once."""
    initial = {"about": complaint.about_staff_id}
    form = AllegationForm(
        request.POST or None, setting=complaint.setting, user=request.user, with_child=False, initial=initial
    )
    allegation = submit(
        request,
        form,
        lambda d: services.divert(
            actor=request.user, complaint=complaint, summary=d["summary"], about=d["about"], about_name=d["about_name"]
        ),
        f"The complaint has been passed to the allegations procedure. {TOLD}",
    )
    if allegation is not None:
        return _after(request, allegation, complaint.setting)
    context = {"complaint": complaint, "setting": complaint.setting, "form": form}
    return render(request, "complaints/allegations/divert.html", context, status=400 if form.is_bound else 200)


def _page(request: AuthedRequest, allegation: Allegation, status: int = 200, **bound: forms.Form) -> HttpResponse:
    lado = {
        "at": allegation.lado_referred_at,
        "lado_name": allegation.lado_name,
        "reference": allegation.lado_reference,
        "advice": allegation.lado_advice,
    }
    context = {
        "allegation": allegation,
        "setting": allegation.setting,
        "complaint": allegation.complaint,
        "complaint_steps": selectors.complaint_steps(allegation),
        "is_open": allegation.closed_at is None,
        "dsl_form": bound.get("dsl_form") or WhenForm(prefix="dsl"),
        "lado_form": bound.get("lado_form")
        or LadoForm(initial={k: v for k, v in lado.items() if v} if allegation.lado_referred_at else None),
        "ofsted_form": bound.get("ofsted_form") or WhenForm(prefix="ofsted"),
        "close_form": bound.get("close_form") or CloseAllegationForm(),
    }
    return render(request, "complaints/allegations/allegation.html", context, status=status)


@action_required(
    ALLEGATION_VIEW, Allegation, queryset=lambda: Allegation.objects.select_related("setting", "complaint")
)
def allegation(request: AuthedRequest, allegation: Allegation) -> HttpResponse:
    return _page(request, allegation)


def _post(
    request: AuthedRequest,
    allegation: Allegation,
    form: forms.Form,
    key: str,
    run: Callable[[dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    if submit(request, form, run, done) is not None:
        return redirect("complaints:allegation", allegation.pk)
    return _page(request, allegation, status=400, **{key: form})


@require_POST
@action_required(ALLEGATION_VIEW, Allegation)
def dsl(request: AuthedRequest, allegation: Allegation) -> HttpResponse:
    return _post(
        request,
        allegation,
        WhenForm(request.POST, prefix="dsl"),
        "dsl_form",
        lambda d: services.dsl_informed(actor=request.user, allegation=allegation, at=d["at"]),
        "Recorded: the DSL was informed.",
    )


@require_POST
@action_required(ALLEGATION_VIEW, Allegation)
def lado(request: AuthedRequest, allegation: Allegation) -> HttpResponse:
    return _post(
        request,
        allegation,
        LadoForm(request.POST),
        "lado_form",
        lambda d: services.refer_to_lado(
            actor=request.user,
            allegation=allegation,
            at=d["at"],
            lado_name=d["lado_name"],
            reference=d["reference"],
            advice=d["advice"],
        ),
        "The referral to the LADO is recorded.",
    )


@require_POST
@action_required(ALLEGATION_VIEW, Allegation)
def ofsted(request: AuthedRequest, allegation: Allegation) -> HttpResponse:
    return _post(
        request,
        allegation,
        WhenForm(request.POST, prefix="ofsted"),
        "ofsted_form",
        lambda d: services.ofsted_notified(actor=request.user, allegation=allegation, at=d["at"]),
        "Recorded: Ofsted was notified.",
    )


@require_POST
@action_required(ALLEGATION_VIEW, Allegation)
def close(request: AuthedRequest, allegation: Allegation) -> HttpResponse:
    return _post(
        request,
        allegation,
        CloseAllegationForm(request.POST),
        "close_form",
        lambda d: services.close(actor=request.user, allegation=allegation, outcome=d["outcome"]),
        "The allegation is closed. Its record is kept.",
    )
