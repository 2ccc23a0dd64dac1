"""Next steps pages: the child's list (families and staff), and the forms to add, suggest and change."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tandem.core.access import MAX_ID, can
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.core.pagination import paginate
from tandem.people.models import Child

from ..actions.nextsteps import NEXTSTEP_SUGGEST
from ..actions.observations import JOURNAL_CONTRIBUTE, JOURNAL_VIEW
from ..forms.nextsteps import ChangeForm, StepForm, SuggestForm
from ..models import NextStep
from ..selectors import nextsteps as selectors
from ..services import nextsteps as services


def _children() -> QuerySet[Child]:
    return Child.objects.select_related("setting", "key_person")


def _name(child: Child) -> str:
    return child.preferred_name or child.first_name


def _page(child: Child, anchor: str = "") -> str:
    return reverse("journal:nextsteps", args=[child.pk]) + (f"#{anchor}" if anchor else "")


def _step(child: Child, step_id: int) -> NextStep:
    found = selectors.step_of(child=child, step_id=step_id) if 0 < step_id <= MAX_ID else None
    if found is None:
        raise Http404
    return found


@action_required(JOURNAL_VIEW, Child, queryset=_children)
def steps(request: AuthedRequest, child: Child) -> HttpResponse:
    context = {
        "child": child,
        "current": list(selectors.current(child=child)),
        "past": paginate(request, selectors.past(child=child)),
        "staff": can(request.user, JOURNAL_CONTRIBUTE, child),
        "may_suggest": can(request.user, NEXTSTEP_SUGGEST, child),
    }
    return render(request, "journal/nextsteps/list.html", context)


@action_required(JOURNAL_CONTRIBUTE, Child, queryset=_children)
def add(request: AuthedRequest, child: Child) -> HttpResponse:
    form = StepForm(request.POST or None)
    saved = submit(
        request,
        form,
        lambda data: services.add_step(actor=request.user, child=child, **data),
        "The next step has been added. The family can see it.",
    )
    if saved:
        return redirect(_page(child, f"step-{saved.pk}"))
    context = {"child": child, "form": form, "heading": f"Add a next step for {_name(child)}", "button": "Add it"}
    return render(request, "journal/nextsteps/form.html", context)


@action_required(NEXTSTEP_SUGGEST, Child, queryset=_children)
def suggest(request: AuthedRequest, child: Child) -> HttpResponse:
    form = SuggestForm(request.POST or None)
    saved = submit(
        request,
        form,
        lambda data: services.suggest_step(actor=request.user, child=child, **data),
        "Thank you. The key person will look at your suggestion.",
    )
    if saved:
        return redirect(_page(child, f"step-{saved.pk}"))
    context = {
        "child": child,
        "form": form,
        "heading": f"Suggest a next step for {_name(child)}",
        "button": "Send the suggestion",
    }
    return render(request, "journal/nextsteps/form.html", context)


@action_required(JOURNAL_CONTRIBUTE, Child, queryset=_children)
def change(request: AuthedRequest, child: Child, step_id: int) -> HttpResponse:
    step = _step(child, step_id)
    status = NextStep.Status.OPEN if step.status == NextStep.Status.SUGGESTED else step.status
    initial = {"text": step.text, "area": step.area_id, "status": status, "status_note": step.status_note}
    form = ChangeForm(request.POST or None, initial=initial)
    saved = submit(
        request,
        form,
        lambda data: services.change_step(
            actor=request.user,
            child=child,
            step=step,
            status=data["status"],
            note=data["status_note"],
            text=data["text"],
            area=data["area"],
        ),
        "The next step has been updated.",
    )
    if saved:
        return redirect(_page(child, f"step-{saved.pk}"))
    return render(request, "journal/nextsteps/change.html", {"child": child, "form": form, "step": step})


@require_POST
@action_required(JOURNAL_CONTRIBUTE, Child, queryset=_children)
def take_on(request: AuthedRequest, child: Child, step_id: int) -> HttpResponse:
    step = _step(child, step_id)
    try:
        services.take_on(actor=request.user, child=child, step=step)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Taken on: {_name(child)} is working on it now.")
    return redirect(_page(child, f"step-{step.pk}"))
