"""Keeping details current (R2) and revision history: thin views."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from tandem.core import audit
from tandem.core.access import can
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.core.models import Setting
from tandem.core.pagination import paginate, query_without_page
from tandem.people.actions import ADULT_MANAGE, CHILD_VIEW
from tandem.people.models import Adult, Child

from ..actions.changes import ADULT_HISTORY, CHANGE_DECIDE, CHANGE_SUBMIT, CHILD_HISTORY
from ..forms.changes import ApplyForm, CircumstancesForm, DeclineForm, OwnDetailsForm, QueueForm
from ..selectors import changes as selectors
from ..services import changes as services

# --- the parent ---------------------------------------------------------------------------------


@action_required(CHANGE_SUBMIT, Child)
def change_home(request: AuthedRequest, child: Child) -> HttpResponse:
    page = paginate(request, selectors.requests_of_parent(actor=request.user, child=child))
    return render(request, "enrolment/changes/home.html", {"child": child, "page": page})


@action_required(CHANGE_SUBMIT, Child)
def change_own(request: AuthedRequest, child: Child) -> HttpResponse:
    adult = services.own_adult(actor=request.user, child=child)
    if adult is None:
        raise Http404
    form = OwnDetailsForm(request.POST or None, instance=Adult.objects.get(pk=adult.pk))
    if submit(
        request,
        form,
        lambda data: services.submit_own_details_change(actor=request.user, child=child, changes=data),
        "Thank you. The office will check your new details and update your record.",
    ):
        return redirect("enrolment:change_home", pk=child.pk)
    return render(request, "enrolment/changes/own_form.html", {"child": child, "form": form})


@action_required(CHANGE_SUBMIT, Child)
def change_circumstances(request: AuthedRequest, child: Child) -> HttpResponse:
    form = CircumstancesForm(request.POST or None)
    if submit(
        request,
        form,
        lambda data: services.submit_circumstances_change(actor=request.user, child=child, **data),
        "Thank you for telling us. The office will update the record and may contact you.",
    ):
        return redirect("enrolment:change_home", pk=child.pk)
    return render(request, "enrolment/changes/circumstances_form.html", {"child": child, "form": form})


# --- the person in charge of records -----------------------------------------------------------


@action_required(CHANGE_DECIDE, Setting)
def change_queue(request: AuthedRequest, setting: Setting) -> HttpResponse:
    form = QueueForm(request.GET or None)
    decided = form.is_valid() and form.cleaned_data["show"] == "decided"
    page = paginate(request, selectors.queue(actor=request.user, setting=setting, decided=decided))
    return render(
        request,
        "enrolment/changes/queue.html",
        {"setting": setting, "form": form, "page": page, "decided": decided, "query": query_without_page(request)},
    )


@action_required(CHANGE_DECIDE, Setting)
def change_decide(request: AuthedRequest, setting: Setting, request_id: int) -> HttpResponse:
    change_request = selectors.request_in_queue(actor=request.user, setting=setting, pk=request_id)
    decision = request.POST.get("decision") if request.method == "POST" else None
    apply_form = ApplyForm(request.POST if decision == "apply" else None)
    decline_form = DeclineForm(request.POST if decision == "decline" else None, prefix="decline")
    done = None
    if decision == "apply":
        done = submit(
            request,
            apply_form,
            lambda data: services.apply_change_request(
                actor=request.user, change_request=change_request, confirm=data["confirm"]
            ),
            "The request has been applied.",
        )
    elif decision == "decline":
        done = submit(
            request,
            decline_form,
            lambda data: services.decline_change_request(
                actor=request.user, change_request=change_request, reason=data["reason"]
            ),
            "The request has been declined. The parent can see your reason.",
        )
    if done:
        return redirect("enrolment:change_queue", pk=setting.pk)
    apply_errors = list(apply_form.errors.get("__all__", [])) if decision == "apply" else []
    if request.method == "POST":  # show the record as it is now, not as it was loaded
        change_request = selectors.request_in_queue(actor=request.user, setting=setting, pk=request_id)
    comparison = change_request.comparison()
    conflict = any(row["changed_since"] for row in comparison)
    # to apply over a newer change, the person confirms against exactly the values shown here
    confirm = ""
    if conflict and change_request.adult is not None:
        confirm = services.fingerprint(change_request.adult, change_request.proposed)
    context = {
        "setting": setting,
        "change_request": change_request,
        "comparison": comparison,
        "conflict": conflict,
        "apply_form": ApplyForm(initial={"confirm": confirm}),
        "apply_errors": apply_errors,
        "decline_form": decline_form,
        "may_view_child": change_request.child is not None and can(request.user, CHILD_VIEW, change_request.child),
        "may_manage_adult": change_request.adult is not None and can(request.user, ADULT_MANAGE, change_request.adult),
        "may_see_adult_history": change_request.adult is not None
        and can(request.user, ADULT_HISTORY, change_request.adult),
    }
    return render(request, "enrolment/changes/decide.html", context)


# --- revision history ---------------------------------------------------------------------------


@action_required(CHILD_HISTORY, Child)
def child_history(request: AuthedRequest, child: Child) -> HttpResponse:
    page = selectors.revisions(selectors.child_sources(actor=request.user, child=child), request.GET.get("page"))
    return render(request, "enrolment/changes/history.html", {"child": child, "page": page, "subject": child})


@action_required(ADULT_HISTORY, Adult)
def adult_history(request: AuthedRequest, adult: Adult) -> HttpResponse:
    audit.record(
        "enrolment.adult_history.viewed", request.user, person_ids=[adult.pk], obj=adult, setting_id=adult.setting_id
    )
    page = selectors.revisions(selectors.adult_sources(adult=adult), request.GET.get("page"))
    return render(request, "enrolment/changes/history.html", {"adult": adult, "page": page, "subject": adult})


__all__ = [
    "adult_history",
    "change_circumstances",
    "change_decide",
    "change_home",
    "change_own",
    "change_queue",
    "child_history",
]
