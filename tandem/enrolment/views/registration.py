"""Pages of registration (R7) and session changes (R13). Thin: parse, call, render."""

from __future__ import annotations

from typing import Any

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
from tandem.core.pagination import paginate, query_without_page
from tandem.people.models import Child

from ..actions.registration import (
    REGISTRATION_FILL,
    REGISTRATION_LIST,
    REGISTRATION_REVIEW,
    REGISTRATION_VIEW,
    SESSIONS_DECIDE,
    SESSIONS_REQUEST,
    SESSIONS_VIEW,
)
from ..forms.registration import DecisionForm, RegistrationForm, ReviewForm, SessionChangeForm
from ..models.registration import Registration
from ..selectors import registration as selectors
from ..services import registration as services
from ..services.registration import FORM_FIELDS

# --- the registration form ---------------------------------------------------------------------


@action_required(REGISTRATION_VIEW, Child)
def registration_detail(request: AuthedRequest, child: Child) -> HttpResponse:
    user = request.user
    registration = selectors.registration_of(child=child)
    context = {
        "child": child,
        "registration": registration,
        "may_fill": can(user, REGISTRATION_FILL, child),
        "may_review": can(user, REGISTRATION_REVIEW, child),
        "review_form": ReviewForm(),
    }
    return render(request, "enrolment/registration/detail.html", context)


@action_required(REGISTRATION_FILL, Child)
def registration_edit(request: AuthedRequest, child: Child) -> HttpResponse:
    user = request.user
    helping = not selectors.is_parent_with_pr(actor=user, child=child)
    registration = selectors.registration_of(child=child)
    if registration is not None and registration.status == Registration.Status.REVIEWED:
        messages.info(request, "This form has been reviewed by the setting. To change something now, tell the office.")
        return redirect("enrolment:registration", child.pk)
    instance = registration or Registration(child=child)
    initial: dict[str, Any] = {"revision": registration.revision if registration else None}
    if registration is not None and registration.help_note and helping:
        initial["help_note"] = registration.help_note
    form = RegistrationForm(request.POST or None, instance=instance, initial=initial, helping=helping)
    sending = request.POST.get("action") == "submit"
    saved = submit(
        request,
        form,
        lambda data: services.save_registration(
            actor=user,
            child=child,
            revision=data["revision"],
            submit=sending,
            help_note=data.get("help_note", ""),
            **{name: data[name] for name in FORM_FIELDS},
        ),
        "Thank you: the form has been sent to the setting." if sending else "Your answers have been saved as a draft.",
    )
    if saved:
        return redirect("enrolment:registration", child.pk)
    collision = request.method == "POST" and services.COLLISION in form.non_field_errors()
    if collision:
        # someone else saved first: show their answers (and their revision), never overwrite them
        registration = selectors.registration_of(child=child)
        latest = registration or Registration(child=child)
        form = RegistrationForm(
            instance=latest,
            initial={**initial, "revision": registration.revision if registration else None},
            helping=helping,
        )
    context = {"child": child, "form": form, "registration": registration, "helping": helping, "collision": collision}
    return render(request, "enrolment/registration/form.html", context)


@require_POST
@action_required(REGISTRATION_REVIEW, Child)
def registration_review(request: AuthedRequest, child: Child) -> HttpResponse:
    registration = selectors.registration_of(child=child)
    form = ReviewForm(request.POST)
    if registration is None or not form.is_valid():
        messages.error(request, "There is no form to review yet.")
        return redirect("enrolment:registration", child.pk)
    try:
        services.review_registration(
            actor=request.user, registration=registration, apply_languages=form.cleaned_data["apply_languages"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The form is marked as reviewed.")
    return redirect("enrolment:registration", child.pk)


# --- sessions ------------------------------------------------------------------------------


@action_required(SESSIONS_VIEW, Child)
def sessions(request: AuthedRequest, child: Child) -> HttpResponse:
    context = {"child": child, **selectors.sessions_page(actor=request.user, child=child)}
    return render(request, "enrolment/registration/sessions.html", context)


@action_required(SESSIONS_REQUEST, Child)
def session_request(request: AuthedRequest, child: Child) -> HttpResponse:
    current = selectors.current_sessions(child=child)
    form = SessionChangeForm(request.POST or None, initial={"sessions": current})
    if submit(
        request,
        form,
        lambda data: services.request_session_change(actor=request.user, child=child, **data),
        "Your request has been sent. The manager will reply here.",
    ):
        return redirect("enrolment:sessions", child.pk)
    return render(request, "enrolment/registration/session_request.html", {"child": child, "form": form})


@action_required(SESSIONS_DECIDE, Child)
def session_decide(request: AuthedRequest, child: Child, change_id: int) -> HttpResponse:
    change = selectors.session_change_of(child=child, change_id=change_id)
    form = DecisionForm(request.POST or None)
    if submit(
        request,
        form,
        lambda data: services.decide_session_change(
            actor=request.user, change=change, approve=data["decision"] == "approve", reason=data["reason"]
        ),
        "The decision has been saved and the family told.",
    ):
        return redirect("enrolment:sessions", child.pk)
    current = selectors.sessions_of(
        child=child,
        registration=selectors.registration_of(child=child),
        changes=selectors.session_changes_of(child=child),
    )
    context = {"child": child, "change": change, "form": form, "current": current}
    return render(request, "enrolment/registration/session_decide.html", context)


# --- the setting's list ------------------------------------------------------------------------


@action_required(REGISTRATION_LIST, Setting)
def setting_registrations(request: AuthedRequest, setting: Setting) -> HttpResponse:
    show = request.GET.get("show")
    show = show if show in selectors.LIST_VIEWS else "submitted"
    rows: QuerySet[Any]
    if show == "sessions":
        rows = selectors.pending_session_changes(actor=request.user, setting=setting)
    else:
        rows = selectors.registrations_in(actor=request.user, setting=setting, status=show)
    context = {
        "setting": setting,
        "show": show,
        "page": paginate(request, rows),
        "query": query_without_page(request),
        "counts": selectors.setting_counts(actor=request.user, setting=setting),
    }
    return render(request, "enrolment/registration/setting.html", context)
