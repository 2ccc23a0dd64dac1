"""Settling-in pages: one page for the family and staff, and the staff's forms."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tandem.core.access import MAX_ID, can
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.enrolment.actions.settling import SETTLING_LOG, SETTLING_PLAN, SETTLING_REPLY, SETTLING_VIEW
from tandem.enrolment.forms.settling import EntryForm, PlanForm, ReplyForm, ReviewForm, VisitForm
from tandem.enrolment.models.settling import SettlingLogEntry, SettlingPlan, SettlingVisit
from tandem.enrolment.selectors import settling as selectors
from tandem.enrolment.services import settling as services
from tandem.people.models import Child


def _children() -> QuerySet[Child]:
    return Child.objects.select_related("setting", "key_person")


def _one(queryset: QuerySet[Any], pk: int) -> Any:
    """One row of ``queryset`` by id, or 404 (an id out of range is a 404, not a database error)."""
    found = queryset.filter(pk=pk).first() if 0 < pk <= MAX_ID else None
    if found is None:
        raise Http404
    return found


def _page(child: Child, anchor: str = "") -> str:
    return reverse("enrolment:settling", args=[child.pk]) + (f"#{anchor}" if anchor else "")


def _name(child: Child) -> str:
    return child.preferred_name or child.first_name


@action_required(SETTLING_VIEW, Child, queryset=_children)
def settling(request: AuthedRequest, child: Child) -> HttpResponse:
    user = request.user
    entries = list(selectors.entries_for(actor=user, child=child))
    may_reply = can(user, SETTLING_REPLY, child)
    if may_reply:
        for entry in entries:
            entry.reply_form = ReplyForm(auto_id=f"id_reply_{entry.pk}_%s")  # type: ignore[attr-defined]
    may_log = can(user, SETTLING_LOG, child)
    context = {
        "child": child,
        "plan": selectors.plan_for(actor=user, child=child),
        "entries": entries,
        "may_plan": can(user, SETTLING_PLAN, child),
        "may_log": may_log,
        "may_reply": may_reply,
        "entry_form": EntryForm() if may_log else None,
    }
    return render(request, "enrolment/settling/detail.html", context)


@action_required(SETTLING_PLAN, Child, queryset=_children)
def plan_edit(request: AuthedRequest, child: Child) -> HttpResponse:
    plan = selectors.plan_for(actor=request.user, child=child)
    form = PlanForm(request.POST or None, child=child, plan=plan)
    saved = submit(
        request,
        form,
        lambda data: services.save_plan(actor=request.user, child=child, **data),
        f"{_name(child)}'s settling-in plan has been saved.",
    )
    if saved:
        return redirect(_page(child, "plan"))
    current = None
    if form.has_error(NON_FIELD_ERRORS, code=services.CONFLICT):
        # Keep this person's changes in the form, show the plan as it now stands beside them, and
        # let them save again knowingly: nothing of the other person's is silently overwritten.
        current = selectors.plan_for(actor=request.user, child=child)
        data = request.POST.copy()
        data["version"] = str(current.version if current else 0)
        form.data = data
    return render(
        request, "enrolment/settling/plan_form.html", {"child": child, "plan": plan, "form": form, "current": current}
    )


@action_required(SETTLING_PLAN, Child, queryset=_children)
def review(request: AuthedRequest, child: Child) -> HttpResponse:
    plan = selectors.plan_for(actor=request.user, child=child)
    if plan is None:
        messages.info(request, "Make the settling-in plan first.")
        return redirect("enrolment:settling_plan", pk=child.pk)
    form = ReviewForm(request.POST or None, initial={"version": plan.version, "review_notes": plan.review_notes})
    saved = submit(
        request,
        form,
        lambda data: services.complete_review(actor=request.user, child=child, **data),
        f"The review is saved: {_name(child)} has settled in.",
    )
    if saved:
        return redirect(_page(child, "plan"))
    if form.has_error(NON_FIELD_ERRORS, code=services.CONFLICT):
        plan = selectors.plan_for(actor=request.user, child=child)
        assert plan is not None
        data = request.POST.copy()
        data["version"] = str(plan.version)
        form.data = data
    return render(request, "enrolment/settling/review_form.html", {"child": child, "plan": plan, "form": form})


def _visit_form(request: AuthedRequest, child: Child, visit: SettlingVisit | None) -> HttpResponse:
    if SettlingPlan.objects.filter(child=child).first() is None:
        messages.info(request, "Make the settling-in plan first; then add its visits.")
        return redirect("enrolment:settling_plan", pk=child.pk)
    initial = (
        {
            "date": visit.date,
            "duration_minutes": visit.duration_minutes,
            "parent_present": visit.parent_present,
            "notes": visit.notes,
        }
        if visit
        else {"parent_present": True}
    )
    form = VisitForm(request.POST or None, initial=initial)
    saved = submit(
        request,
        form,
        lambda data: services.save_visit(actor=request.user, child=child, visit=visit, **data),
        "The visit has been saved.",
    )
    if saved:
        return redirect(_page(child, "visits"))
    return render(request, "enrolment/settling/visit_form.html", {"child": child, "visit": visit, "form": form})


@action_required(SETTLING_PLAN, Child, queryset=_children)
def visit_add(request: AuthedRequest, child: Child) -> HttpResponse:
    return _visit_form(request, child, None)


@action_required(SETTLING_PLAN, Child, queryset=_children)
def visit_edit(request: AuthedRequest, child: Child, visit_id: int) -> HttpResponse:
    visit = _one(SettlingVisit.objects.filter(plan__child=child), visit_id)
    return _visit_form(request, child, visit)


@require_POST
@action_required(SETTLING_PLAN, Child, queryset=_children)
def visit_delete(request: AuthedRequest, child: Child, visit_id: int) -> HttpResponse:
    visit = _one(SettlingVisit.objects.filter(plan__child=child).select_related("plan"), visit_id)
    try:
        services.delete_visit(actor=request.user, child=child, visit=visit)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The visit has been removed from the plan.")
    return redirect(_page(child, "visits"))


@action_required(SETTLING_LOG, Child, queryset=_children)
def entry_add(request: AuthedRequest, child: Child) -> HttpResponse:
    form = EntryForm(request.POST or None)
    entry = submit(
        request,
        form,
        lambda data: services.add_entry(actor=request.user, child=child, **data),
        f"Your note has been added. {_name(child)}'s family can read it now.",
    )
    if entry:
        return redirect(_page(child, f"entry-{entry.pk}"))
    return render(request, "enrolment/settling/entry_form.html", {"child": child, "form": form})


@action_required(SETTLING_REPLY, Child, queryset=_children)
def reply(request: AuthedRequest, child: Child, entry_id: int) -> HttpResponse:
    entry = _one(SettlingLogEntry.objects.filter(child=child).select_related("author", "child"), entry_id)
    form = ReplyForm(request.POST or None)
    saved = submit(
        request,
        form,
        lambda data: services.add_reply(actor=request.user, entry=entry, **data),
        "Thank you. Your reply has been sent to the setting.",
    )
    if saved:
        return redirect(_page(child, f"entry-{entry.pk}"))
    return render(request, "enrolment/settling/reply_form.html", {"child": child, "entry": entry, "form": form})
