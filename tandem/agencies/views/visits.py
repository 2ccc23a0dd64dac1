"""Pages of visiting professionals and their visits (R50): thin — parse, call a service or selector,
render.

Staff invite professionals, book visits and keep the visit log. The professional has two pages:
"Your visits" (times, places and states: no child's name) and one visit's page, which shows the
child's shared information only while the visit is going on (inside its window, arrival recorded,
no departure), every such view audited. The emailed invitation link keeps its token in the session
and sends the browser on, so the token leaves the address bar after the first hop.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from tandem.core import audit
from tandem.core.access import can
from tandem.core.decorators import action_required, public
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest, form_status
from tandem.core.models import Setting
from tandem.core.pagination import paginate, query_without_page
from tandem.people.forms import AcceptInvitationForm
from tandem.people.models import Child
from tandem.people.services import InvitationError

from ..actions.visits import (
    MY_VISITS,
    PROFESSIONAL_MANAGE,
    PROFESSIONALS,
    VISIT_ATTEND,
    VISIT_BOOK,
    VISIT_LOG,
    VISIT_MANAGE,
    VISIT_VIEW,
    VISITS_LIST,
)
from ..forms.visits import BookVisitForm, InviteProfessionalForm, VisitFilterForm, VisitNoteForm, VisitShareForm
from ..models import Professional, Visit
from ..selectors import visits as selectors
from ..services import visits as services

SESSION_KEY = "agencies_professional_invitation"


def _visits() -> Any:
    return Visit.objects.select_related(
        "child__setting", "professional__user", "professional__agency", "supervisor", "share"
    )


# --- visiting professionals (staff) ---------------------------------------------------------------------


@action_required(PROFESSIONALS, Setting)
def professionals(request: AuthedRequest, setting: Setting) -> HttpResponse:
    context = {
        "setting": setting,
        "page": paginate(request, selectors.professionals_of(setting)),
        "query": query_without_page(request),
    }
    return render(request, "agencies/visits/professionals.html", context)


@action_required(PROFESSIONALS, Setting)
def professional_invite(request: AuthedRequest, setting: Setting) -> HttpResponse:
    form = InviteProfessionalForm(request.POST or None, setting=setting)
    professional = submit(
        request,
        form,
        lambda data: services.invite_professional(actor=request.user, setting=setting, **data),
        "The professional's account is made and their invitation has been emailed. It works once, for 7 days.",
    )
    if professional is not None:
        return redirect("agencies:professionals", setting.pk)
    return render(request, "agencies/visits/invite.html", {"setting": setting, "form": form}, status=form_status(form))


@require_POST
@action_required(PROFESSIONAL_MANAGE, Professional)
def professional_active(request: AuthedRequest, professional: Professional) -> HttpResponse:
    active = request.POST.get("active") == "1"
    try:
        services.set_professional_active(actor=request.user, professional=professional, active=active)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        name = professional.user.get_full_name()
        messages.success(
            request,
            f"{name} is active again: visits booked for them give access again."
            if active
            else f"{name} is deactivated: no visit gives them access to anything.",
        )
    return redirect("agencies:professionals", professional.setting_id)


@require_POST
@action_required(PROFESSIONAL_MANAGE, Professional)
def professional_invite_again(request: AuthedRequest, professional: Professional) -> HttpResponse:
    try:
        services.invite_again(actor=request.user, professional=professional)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "A new invitation has been emailed. The old link no longer works.")
    return redirect("agencies:professionals", professional.setting_id)


# --- the invitation (public) --------------------------------------------------------------------------------


@public
def professional_invitation(request: AuthedRequest, token: str) -> HttpResponse:
    """The emailed link: keep the token in the session and drop it from the address bar."""
    request.session[SESSION_KEY] = token
    return HttpResponseRedirect(reverse("agencies:professional_accept"))


@public
def professional_accept(request: AuthedRequest) -> HttpResponse:
    token = request.session.get(SESSION_KEY, "")
    try:
        invitation = services.find_invitation(token)
    except InvitationError as error:
        return render(request, "people/invitation_problem.html", {"problem": str(error)}, status=400)
    user = invitation.professional.user
    has_sign_in = user.has_usable_password()
    # the people's password form: it only reads the first and last name, for "too like your name"
    form: forms.Form = (
        forms.Form(request.POST if request.method == "POST" else None)
        if has_sign_in
        else AcceptInvitationForm(request.POST or None, adult=user, email=user.email)  # type: ignore[arg-type]
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.accept_invitation(token=token, password=form.cleaned_data.get("password1", ""))
        except InvitationError as error:
            return render(request, "people/invitation_problem.html", {"problem": str(error)}, status=400)
        request.session.pop(SESSION_KEY, None)
        messages.success(request, "Your sign-in is ready. Sign in with your email address and password.")
        return redirect("account_login")
    context = {
        "form": form,
        "invitation": invitation,
        "professional": invitation.professional,
        "has_sign_in": has_sign_in,
    }
    return render(request, "agencies/visits/accept.html", context, status=form_status(form))


# --- booking ---------------------------------------------------------------------------------------------


@action_required(VISIT_BOOK, Child)
def visit_book(request: AuthedRequest, child: Child) -> HttpResponse:
    form = BookVisitForm(request.POST or None, child=child)
    visit = submit(
        request,
        form,
        lambda data: services.book_visit(actor=request.user, child=child, **data),
        "The visit is booked. The supervisor and the family have been told, and the professional emailed.",
    )
    if visit is not None:
        return redirect("agencies:visit", visit.pk)
    no_professionals = not selectors.bookable_professionals(child.setting_id).exists()
    context = {
        "child": child,
        "form": form,
        "no_professionals": no_professionals,
        "may_invite": can(request.user, PROFESSIONALS, child.setting),
    }
    return render(request, "agencies/visits/book.html", context, status=form_status(form))


@action_required(VISITS_LIST, Setting)
def setting_visits(request: AuthedRequest, setting: Setting) -> HttpResponse:
    form = VisitFilterForm(request.GET or None)
    when = form.cleaned_data["when"] if form.is_valid() and form.cleaned_data["when"] else selectors.UPCOMING
    page = paginate(request, selectors.setting_visits(request.user, setting, when))
    page.object_list = selectors.with_states(page.object_list)
    context = {
        "setting": setting,
        "form": form,
        "when": when,
        "page": page,
        "query": query_without_page(request),
        "may_see_professionals": can(request.user, PROFESSIONALS, setting),
    }
    return render(request, "agencies/visits/list.html", context)


# --- one visit (staff) ---------------------------------------------------------------------------------------


def _visit_page(
    request: AuthedRequest,
    visit: Visit,
    *,
    status: int = 200,
    error: str = "",
    note_form: forms.Form | None = None,
    share_form: forms.Form | None = None,
) -> HttpResponse:
    user = request.user
    state = selectors.visit_state(visit)
    open_visit = state in ("booked", "waiting", "on")
    may_log = can(user, VISIT_LOG, visit) and state != "cancelled"
    may_manage = open_visit and can(user, VISIT_MANAGE, visit)
    context = {
        "visit": visit,
        "child": visit.child,
        "setting": visit.child.setting,
        "state": state,
        "state_label": selectors.STATES[state],
        "window": selectors.window_text(visit.starts_at, visit.ends_at),
        "share": selectors.visit_share(visit),
        "error": error,
        "may_log": may_log,
        "may_arrive": may_log and state == "waiting",
        "may_depart": may_log and visit.arrived_at is not None and visit.departed_at is None,
        "may_cancel": may_manage and visit.arrived_at is None,
        "may_change_share": may_manage,
        "note_form": note_form or VisitNoteForm(initial={"notes": visit.notes}),
        "share_form": share_form or (VisitShareForm(visit=visit) if may_manage else None),
    }
    return render(request, "agencies/visits/visit.html", context, status=status)


@action_required(VISIT_VIEW, Visit, queryset=_visits)
def visit(request: AuthedRequest, visit: Visit) -> HttpResponse:
    return _visit_page(request, visit)


def _log_step(request: AuthedRequest, visit: Visit, run: Any, success: str) -> HttpResponse:
    """A button on the visit page (arrival, departure, cancel): done, or the page again with why not."""
    try:
        run()
    except ValidationError as error:
        fresh = _visits().get(pk=visit.pk)
        return _visit_page(request, fresh, status=400, error=" ".join(error.messages))
    messages.success(request, success)
    return redirect("agencies:visit", visit.pk)


@require_POST
@action_required(VISIT_LOG, Visit, queryset=_visits)
def visit_arrival(request: AuthedRequest, visit: Visit) -> HttpResponse:
    return _log_step(
        request,
        visit,
        lambda: services.record_arrival(actor=request.user, visit=visit),
        "Arrival recorded. The professional can now read the information shared for this visit, until they leave.",
    )


@require_POST
@action_required(VISIT_LOG, Visit, queryset=_visits)
def visit_departure(request: AuthedRequest, visit: Visit) -> HttpResponse:
    return _log_step(
        request,
        visit,
        lambda: services.record_departure(actor=request.user, visit=visit),
        "Departure recorded. The professional no longer sees anything of the child.",
    )


@require_POST
@action_required(VISIT_MANAGE, Visit, queryset=_visits)
def visit_cancel(request: AuthedRequest, visit: Visit) -> HttpResponse:
    return _log_step(
        request,
        visit,
        lambda: services.cancel_visit(actor=request.user, visit=visit),
        "The visit is cancelled. The supervisor and the family have been told, and the professional emailed.",
    )


@require_POST
@action_required(VISIT_LOG, Visit, queryset=_visits)
def visit_note(request: AuthedRequest, visit: Visit) -> HttpResponse:
    form = VisitNoteForm(request.POST)
    if submit(request, form, lambda data: services.save_note(actor=request.user, visit=visit, **data), "Note saved."):
        return redirect("agencies:visit", visit.pk)
    return _visit_page(request, _visits().get(pk=visit.pk), status=400, note_form=form)


@require_POST
@action_required(VISIT_MANAGE, Visit, queryset=_visits)
def visit_share(request: AuthedRequest, visit: Visit) -> HttpResponse:
    form = VisitShareForm(request.POST, visit=visit)
    if submit(
        request,
        form,
        lambda data: services.set_visit_share(actor=request.user, visit=visit, **data),
        "The information for the visit is saved.",
    ):
        return redirect("agencies:visit", visit.pk)
    return _visit_page(request, _visits().get(pk=visit.pk), status=400, share_form=form)


# --- the professional's own pages --------------------------------------------------------------------------


@require_GET
@action_required(MY_VISITS)
def my_visits(request: AuthedRequest) -> HttpResponse:
    """The professional's visits: when, where and how each stands. No child's name."""
    page = paginate(request, selectors.my_past(request.user).order_by("-starts_at", "-pk"))
    page.object_list = selectors.with_states(page.object_list)
    for item in [*page.object_list]:
        item.window = selectors.window_text(item.starts_at, item.ends_at)  # type: ignore[attr-defined]
    upcoming = selectors.my_upcoming(request.user)
    for item in upcoming:
        item.window = selectors.window_text(item.starts_at, item.ends_at)  # type: ignore[attr-defined]
    context = {"upcoming": upcoming, "page": page, "query": query_without_page(request)}
    return render(request, "agencies/visits/mine.html", context)


@require_GET
@action_required(MY_VISITS, Visit, queryset=_visits)
def my_visit(request: AuthedRequest, visit: Visit) -> HttpResponse:
    """One visit, as the professional sees it. Outside the time it is going on: only when and where
    (and, on its day before arrival, the child's first name). During it: the child, the purpose, the
    supervisor and the shared information; each such view is audited."""
    user = request.user
    state = selectors.visit_state(visit)
    active = state == "on" and can(user, VISIT_ATTEND, visit)
    context: dict[str, Any] = {
        "visit": visit,
        "setting": visit.child.setting,
        "state": state,
        "state_label": selectors.STATES[state],
        "window": selectors.window_text(visit.starts_at, visit.ends_at),
        "active": active,
        "due_today": state in ("booked", "waiting") and timezone.localdate(visit.starts_at) <= timezone.localdate(),
    }
    if active:
        from ..selectors.sharing import render_pack

        share = selectors.visit_share(visit)
        context.update(child=visit.child, share=share, entries=render_pack(share) if share else [])
        audit.record(
            "agencies.visits.viewed", user, child_ids=[visit.child_id], obj=visit, setting_id=visit.child.setting_id
        )
    else:
        child = visit.child
        context["first_name"] = (child.preferred_name or child.first_name) if context["due_today"] else ""
    response = render(request, "agencies/visits/my_visit.html", context)
    response["Cache-Control"] = "private, no-store"
    return response
