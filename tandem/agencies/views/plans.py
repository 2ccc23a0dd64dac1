"""Pages of support plans and SEN plans (R22, R23): thin — parse, call a service or selector, render.

One plan page serves everyone who may read the plan (staff, the family, an invited professional),
showing each only what they may do. A save over someone else's newer save is refused and shows
their changes beside the ones that were about to be saved."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.core.models import Setting
from tandem.core.pagination import paginate, query_without_page
from tandem.people.models import Child

from ..actions.plans import (
    PLAN_AGREE,
    PLAN_COMMENT,
    PLAN_CONTRIBUTORS,
    PLAN_EDIT,
    PLAN_REVIEW,
    PLAN_START,
    PLAN_VIEW,
    PLANS_DUE,
    PLANS_FAMILY,
)
from ..forms.plans import CommentForm, InviteForm, MoveForm, PlanForm, ReviewForm, TargetForm, VersionForm
from ..models import PlanContributor, PlanTarget, SupportPlan
from ..selectors import plans as selectors
from ..services import plans as services


def _children() -> Any:
    return Child.objects.select_related("setting", "key_person", "room")


def _plans() -> Any:
    return SupportPlan.objects.select_related(
        "child", "child__setting", "child__key_person", "child__backup_key_person", "created_by", "agreed_by"
    )


def _shown(value: Any) -> str:
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    return str(value or "").strip()


def _conflict(form: forms.Form, current: dict[str, Any], updated_at: dt.datetime | None) -> dict[str, Any] | None:
    """What is saved now, where it differs from what this person wrote; the form then carries the
    current version, so saving again is a knowing choice."""
    if not form.has_error(NON_FIELD_ERRORS, code=services.CONFLICT):
        return None
    differences = []
    for name, theirs in current.items():
        if name == "version":
            continue
        yours = form.cleaned_data.get(name, form.data.get(name))
        if name == "kind":
            labels = dict(SupportPlan.Kind.choices)
            theirs, yours = labels.get(str(theirs), theirs), labels.get(str(yours), yours)
        if _shown(theirs) != _shown(yours):
            differences.append({"label": form[name].label, "theirs": _shown(theirs)})
    data = form.data.copy()  # type: ignore[attr-defined]
    data["version"] = str(current["version"])
    form.data = data
    return {"differences": differences, "updated_at": updated_at}


# --- the family's page of a child's plans ------------------------------------------------------------
@action_required(PLANS_FAMILY, Child, queryset=_children)
def family_plans(request: AuthedRequest, child: Child) -> HttpResponse:
    plans = list(selectors.plans_of(request.user, child))
    return render(request, "agencies/plans/family.html", {"child": child, "plans": plans})


# --- starting and writing a plan -----------------------------------------------------------------------
@action_required(PLAN_START, Child, queryset=_children)
def start(request: AuthedRequest, child: Child) -> HttpResponse:
    form = PlanForm(request.POST or None)
    plan = submit(
        request,
        form,
        lambda d: services.start_plan(
            actor=request.user,
            child=child,
            kind=d["kind"],
            concern=d["concern"],
            strengths=d["strengths"],
            review_on=d["review_on"],
        ),
        "The plan is started. Add its targets, then propose it to the family.",
    )
    if plan is not None:
        return redirect("agencies:plan", plan.pk)
    context = {"child": child, "form": form, "plan": None}
    return render(request, "agencies/plans/form.html", context, status=400 if form.is_bound else 200)


def _page(
    request: AuthedRequest,
    plan: SupportPlan,
    *,
    status: int = 200,
    comment_form: CommentForm | None = None,
    errors: list[str] | None = None,
) -> HttpResponse:
    user = request.user
    can = selectors.abilities(user, plan)
    context = {
        "plan": plan,
        "child": plan.child,
        "can": can,
        "targets": selectors.targets_of(plan),
        "reviews": selectors.reviews_of(plan),
        "comments": selectors.comments_of(plan),
        "contributors": selectors.contributors_of(plan),
        "due": selectors.due_words(plan.review_on),
        "comment_form": comment_form or CommentForm(),
        "errors": errors or [],
    }
    return render(request, "agencies/plans/plan.html", context, status=status)


@action_required(PLAN_VIEW, SupportPlan, queryset=_plans)
def plan(request: AuthedRequest, plan: SupportPlan) -> HttpResponse:
    return _page(request, plan)


@action_required(PLAN_EDIT, SupportPlan, queryset=_plans)
def edit(request: AuthedRequest, plan: SupportPlan) -> HttpResponse:
    form = PlanForm(request.POST or None, plan=plan)
    saved = submit(
        request,
        form,
        lambda d: services.update_plan(
            actor=request.user,
            plan=plan,
            version=d["version"],
            kind=d["kind"],
            concern=d["concern"],
            strengths=d["strengths"],
            review_on=d["review_on"],
        ),
        "The plan is saved.",
    )
    if saved is not None:
        return redirect("agencies:plan", plan.pk)
    current = _plans().get(pk=plan.pk)
    values = {name: getattr(current, name) for name in ("kind", "concern", "strengths", "review_on", "version")}
    conflict = _conflict(form, values, current.updated_at)
    context = {"child": plan.child, "form": form, "plan": current, "conflict": conflict}
    return render(request, "agencies/plans/form.html", context, status=400 if form.is_bound else 200)


# --- targets ---------------------------------------------------------------------------------------
def _target(plan: SupportPlan, target_id: int) -> PlanTarget:
    found = PlanTarget.objects.filter(plan=plan, pk=target_id).first()
    if found is None:
        raise Http404
    return found


TARGET_FIELDS = ("target", "in_setting", "at_home", "who")


@action_required(PLAN_EDIT, SupportPlan, queryset=_plans)
def target_add(request: AuthedRequest, plan: SupportPlan) -> HttpResponse:
    form = TargetForm(request.POST or None, plan=plan)
    saved = submit(
        request,
        form,
        lambda d: services.add_target(
            actor=request.user,
            plan=plan,
            version=d["version"],
            target=d["target"],
            in_setting=d["in_setting"],
            at_home=d["at_home"],
            who=d["who"],
        ),
        "The target is added.",
    )
    if saved is not None:
        return redirect("agencies:plan", plan.pk)
    current = _plans().get(pk=plan.pk)
    conflict = None
    if form.has_error(NON_FIELD_ERRORS, code=services.CONFLICT):
        data = form.data.copy()  # type: ignore[attr-defined]
        data["version"] = str(current.version)
        form.data = data
        conflict = {"differences": [], "updated_at": current.updated_at, "targets": selectors.targets_of(current)}
    context = {"plan": current, "child": plan.child, "form": form, "target": None, "conflict": conflict}
    return render(request, "agencies/plans/target_form.html", context, status=400 if form.is_bound else 200)


@action_required(PLAN_EDIT, SupportPlan, queryset=_plans)
def target_edit(request: AuthedRequest, plan: SupportPlan, target_id: int) -> HttpResponse:
    target = _target(plan, target_id)
    form = TargetForm(request.POST or None, plan=plan, target=target)
    saved = submit(
        request,
        form,
        lambda d: services.update_target(
            actor=request.user,
            target=target,
            version=d["version"],
            text=d["target"],
            in_setting=d["in_setting"],
            at_home=d["at_home"],
            who=d["who"],
        ),
        "The target is saved.",
    )
    if saved is not None:
        return redirect("agencies:plan", plan.pk)
    current = _plans().get(pk=plan.pk)
    fresh = PlanTarget.objects.filter(plan=current, pk=target.pk).first()
    conflict = None
    if fresh is not None:
        values: dict[str, Any] = {name: getattr(fresh, name) for name in TARGET_FIELDS}
        conflict = _conflict(form, values | {"version": current.version}, current.updated_at)
    elif form.has_error(NON_FIELD_ERRORS, code=services.CONFLICT):
        conflict = {"differences": [], "updated_at": current.updated_at, "removed": True}
    context = {"plan": current, "child": plan.child, "form": form, "target": target, "conflict": conflict}
    return render(request, "agencies/plans/target_form.html", context, status=400 if form.is_bound else 200)


def _button(request: AuthedRequest, plan: SupportPlan, form: forms.Form, run: Any, done: str) -> HttpResponse:
    """A button on the plan page (propose, move, remove, agree): on success back to the plan; on a
    refusal the plan as it is now, with the reason, at status 400."""
    if submit(request, form, run, done) is not None:
        return redirect("agencies:plan", plan.pk)
    errors = [str(e) for field in form.errors.values() for e in field]
    return _page(request, _plans().get(pk=plan.pk), status=400, errors=errors)


@require_POST
@action_required(PLAN_EDIT, SupportPlan, queryset=_plans)
def target_move(request: AuthedRequest, plan: SupportPlan, target_id: int) -> HttpResponse:
    target = _target(plan, target_id)
    form = MoveForm(request.POST)
    return _button(
        request,
        plan,
        form,
        lambda d: services.move_target(
            actor=request.user, target=target, version=d["version"], direction=d["direction"]
        ),
        "The target is moved.",
    )


@require_POST
@action_required(PLAN_EDIT, SupportPlan, queryset=_plans)
def target_remove(request: AuthedRequest, plan: SupportPlan, target_id: int) -> HttpResponse:
    target = _target(plan, target_id)
    return _button(
        request,
        plan,
        VersionForm(request.POST),
        lambda d: services.remove_target(actor=request.user, target=target, version=d["version"]),
        "The target is removed.",
    )


@require_POST
@action_required(PLAN_EDIT, SupportPlan, queryset=_plans)
def propose(request: AuthedRequest, plan: SupportPlan) -> HttpResponse:
    return _button(
        request,
        plan,
        VersionForm(request.POST),
        lambda d: services.propose(actor=request.user, plan=plan, version=d["version"]),
        "The plan is proposed to the family. They have been told, and can read, comment and agree it.",
    )


# --- the family agree; everyone comments ------------------------------------------------------------------
@require_POST
@action_required(PLAN_AGREE, SupportPlan, queryset=_plans)
def agree(request: AuthedRequest, plan: SupportPlan) -> HttpResponse:
    return _button(
        request,
        plan,
        VersionForm(request.POST),
        lambda d: services.agree(actor=request.user, plan=plan, version=d["version"]),
        "Thank you. You have agreed the plan.",
    )


@require_POST
@action_required(PLAN_COMMENT, SupportPlan, queryset=_plans)
def comment(request: AuthedRequest, plan: SupportPlan) -> HttpResponse:
    form = CommentForm(request.POST)
    saved = submit(
        request,
        form,
        lambda d: services.comment(actor=request.user, plan=plan, body=d["body"]),
        "Thank you. Your comment is added.",
    )
    if saved is not None:
        return redirect("agencies:plan", plan.pk)
    return _page(request, plan, status=400, comment_form=form)


# --- contributors ------------------------------------------------------------------------------------
def _contributors_page(
    request: AuthedRequest, plan: SupportPlan, form: InviteForm, status: int = 200, errors: list[str] | None = None
) -> HttpResponse:
    context = {
        "errors": errors or [],
        "plan": plan,
        "child": plan.child,
        "form": form,
        "has_choices": form.fields["professional"].queryset.exists(),  # type: ignore[attr-defined]
        "contributors": selectors.contributors_of(plan, current_only=False),
    }
    return render(request, "agencies/plans/contributors.html", context, status=status)


@action_required(PLAN_CONTRIBUTORS, SupportPlan, queryset=_plans)
def contributors(request: AuthedRequest, plan: SupportPlan) -> HttpResponse:
    form = InviteForm(request.POST or None, choices=selectors.professional_choices(plan))
    saved = submit(
        request,
        form,
        lambda d: services.invite(actor=request.user, plan=plan, professional=d["professional"], role=d["role"]),
        "The professional is invited. They have been told, and can now read this plan and comment.",
    )
    if saved is not None:
        return redirect("agencies:plan_contributors", plan.pk)
    return _contributors_page(request, plan, form, status=400 if form.is_bound else 200)


@require_POST
@action_required(PLAN_CONTRIBUTORS, SupportPlan, queryset=_plans)
def contributor_end(request: AuthedRequest, plan: SupportPlan, contributor_id: int) -> HttpResponse:
    contributor = PlanContributor.objects.filter(plan=plan, pk=contributor_id).select_related("plan").first()
    if contributor is None:
        raise Http404
    form = forms.Form(request.POST)
    saved = submit(
        request,
        form,
        lambda d: services.end_invitation(actor=request.user, contributor=contributor),
        "The invitation has ended: they can no longer open this plan.",
    )
    if saved is not None:
        return redirect("agencies:plan_contributors", plan.pk)
    invite = InviteForm(choices=selectors.professional_choices(plan))
    return _contributors_page(request, plan, invite, status=400, errors=[str(e) for e in form.non_field_errors()])


# --- reviews ---------------------------------------------------------------------------------------
@action_required(PLAN_REVIEW, SupportPlan, queryset=_plans)
def review(request: AuthedRequest, plan: SupportPlan) -> HttpResponse:
    targets = selectors.targets_of(plan)
    form = ReviewForm(request.POST or None, plan=plan, targets=targets)
    saved = submit(
        request,
        form,
        lambda d: services.record_review(
            actor=request.user,
            plan=plan,
            version=d["version"],
            held_on=d["held_on"],
            who_attended=d["who_attended"],
            progress=d["progress"],
            family_views=d["family_views"],
            outcome=d["outcome"],
            next_review_on=d["next_review_on"],
            target_progress=form.target_progress(),
        ),
        "The review is recorded.",
    )
    if saved is not None:
        return redirect("agencies:plan", plan.pk)
    current = _plans().get(pk=plan.pk)
    conflict = None
    if form.has_error(NON_FIELD_ERRORS, code=services.CONFLICT):
        data = form.data.copy()  # type: ignore[attr-defined]
        data["version"] = str(current.version)
        form.data = data
        conflict = {"differences": [], "updated_at": current.updated_at, "targets": selectors.targets_of(current)}
    context = {"plan": current, "child": plan.child, "form": form, "targets": targets, "conflict": conflict}
    return render(request, "agencies/plans/review.html", context, status=400 if form.is_bound else 200)


# --- plans due for review --------------------------------------------------------------------------
@action_required(PLANS_DUE, Setting)
def due(request: AuthedRequest, setting: Setting) -> HttpResponse:
    show_all = request.GET.get("show") == "all"
    page = paginate(request, selectors.due_plans(request.user, setting, show_all=show_all))
    rows = [(plan, selectors.due_words(plan.review_on)) for plan in page.object_list]
    context = {
        "setting": setting,
        "page": page,
        "rows": rows,
        "show_all": show_all,
        "query": query_without_page(request),
        "soon_days": selectors.DUE_SOON_DAYS,
    }
    return render(request, "agencies/plans/due.html", context)
