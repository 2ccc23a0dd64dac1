"""Views of child protection plans and their tasks (R24): thin — parse, call a service or a
selector, render. Every page that shows a plan or its tasks records the read; a refused read is a
404 and records nothing (the decorator refuses before the view runs)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
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

from ..actions.protection import (
    PLAN_MANAGE,
    PROTECTION_OVERVIEW,
    PROTECTION_RECORD,
    PROTECTION_VIEW,
    TASK_ADD,
    TASK_DONE,
)
from ..forms.protection import DoneForm, EndPlanForm, PlanForm, TaskForm
from ..models import ProtectionPlan, ProtectionTask
from ..selectors import protection as selectors
from ..services import protection as services


def _done_prefix(task: ProtectionTask | int) -> str:
    return f"done-{task if isinstance(task, int) else task.pk}"


def _say(request: AuthedRequest, form: forms.Form) -> None:
    """The errors of a form the page no longer shows (its task done, its plan ended), as messages."""
    for error in form.non_field_errors():
        messages.error(request, str(error))


def _page(
    request: AuthedRequest,
    child: Child,
    *,
    status: int = 200,
    task_form: forms.Form | None = None,
    end_form: forms.Form | None = None,
    done_form: tuple[int, forms.Form] | None = None,
) -> HttpResponse:
    """The child's plans and tasks. Rendering it records the read."""
    user = request.user
    plans = selectors.plans_of(child)
    active = next((plan for plan in plans if plan.ended_on is None), None)
    # Whoever may open the page may mark its tasks done (the same rules, on the task's child).
    shown = False
    for plan in plans:
        for task in plan.tasks.all():
            if task.done_at is None:
                bound = done_form[1] if done_form and done_form[0] == task.pk else None
                shown = shown or bound is not None
                task.done_form = bound or DoneForm(prefix=_done_prefix(task))  # type: ignore[attr-defined]
    if done_form is not None and not shown:  # the task is no longer open: say why on the page
        _say(request, done_form[1])
    may_tasks = active is not None and can(user, TASK_ADD, active)
    may_manage = active is not None and can(user, PLAN_MANAGE, active)
    if task_form is not None and not may_tasks:  # the plan has ended meanwhile: the form is not shown
        _say(request, task_form)
    if end_form is not None and not may_manage:
        _say(request, end_form)
    context = {
        "child": child,
        "plans": plans,
        "active": active,
        "past": [plan for plan in plans if plan.ended_on is not None],
        "may_record": active is None and can(user, PROTECTION_RECORD, child),
        "may_manage": may_manage,
        "may_tasks": may_tasks,
        "task_form": task_form or TaskForm(),
        "end_form": end_form or EndPlanForm(),
    }
    services.record_viewed(actor=user, child_ids=[child.pk], setting_id=child.setting_id, obj=active or child)
    return render(request, "agencies/protection/child.html", context, status=status)


@action_required(PROTECTION_VIEW, Child)
def child_plans(request: AuthedRequest, child: Child) -> HttpResponse:
    return _page(request, child)


@action_required(PROTECTION_RECORD, Child)
def record_plan(request: AuthedRequest, child: Child) -> HttpResponse:
    form = PlanForm(request.POST or None)
    plan = submit(
        request,
        form,
        lambda d: services.record_plan(
            actor=request.user,
            child=child,
            started_on=d["started_on"],
            lead_professional=d["lead_professional"],
            lead_contact=d["lead_contact"],
            next_conference_on=d["next_conference_on"],
        ),
        "The child protection plan is recorded. Add the tasks agreed with the parents.",
    )
    if plan is not None:
        return redirect("agencies:protection_child", child.pk)
    status = 400 if form.is_bound else 200
    return render(request, "agencies/protection/plan_form.html", {"child": child, "form": form}, status=status)


@action_required(PLAN_MANAGE, ProtectionPlan)
def change_plan(request: AuthedRequest, plan: ProtectionPlan) -> HttpResponse:
    child = plan.child
    if plan.ended_on is not None:
        messages.info(request, "This plan has ended: its details can no longer be changed.")
        return redirect("agencies:protection_child", child.pk)
    initial = {
        "started_on": plan.started_on,
        "lead_professional": plan.lead_professional,
        "lead_contact": plan.lead_contact,
        "next_conference_on": plan.next_conference_on,
    }
    form = PlanForm(request.POST or None, initial=initial)
    form.fields["started_on"].disabled = True  # the start is the conference's date: fixed once recorded
    done = submit(
        request,
        form,
        lambda d: services.change_plan(
            actor=request.user,
            plan=plan,
            lead_professional=d["lead_professional"],
            lead_contact=d["lead_contact"],
            next_conference_on=d["next_conference_on"],
        ),
        "The plan's details are saved.",
    )
    if done is not None:
        return redirect("agencies:protection_child", child.pk)
    services.record_viewed(actor=request.user, child_ids=[child.pk], setting_id=child.setting_id, obj=plan)
    context = {"child": child, "plan": plan, "form": form}
    return render(request, "agencies/protection/plan_form.html", context, status=400 if form.is_bound else 200)


@require_POST
@action_required(PLAN_MANAGE, ProtectionPlan)
def end_plan(request: AuthedRequest, plan: ProtectionPlan) -> HttpResponse:
    form = EndPlanForm(request.POST)
    ended = submit(
        request,
        form,
        lambda d: services.end_plan(actor=request.user, plan=plan, ended_on=d["ended_on"]),
        "The plan is recorded as ended. Its tasks stay on the child's record.",
    )
    if ended is not None:
        return redirect("agencies:protection_child", plan.child_id)
    return _page(request, plan.child, status=400, end_form=form)


@require_POST
@action_required(TASK_ADD, ProtectionPlan)
def add_task(request: AuthedRequest, plan: ProtectionPlan) -> HttpResponse:
    form = TaskForm(request.POST)
    task = submit(
        request,
        form,
        lambda d: services.add_task(
            actor=request.user,
            plan=plan,
            task=d["task"],
            owner=d["owner"],
            owner_detail=d["owner_detail"],
            due_on=d["due_on"],
            agreed_with_parents_on=d["agreed_with_parents_on"],
        ),
        "The task is added.",
    )
    if task is not None:
        return redirect("agencies:protection_child", plan.child_id)
    return _page(request, plan.child, status=400, task_form=form)


@require_POST
@action_required(TASK_DONE, ProtectionTask, queryset=lambda: ProtectionTask.objects.select_related("plan__child"))
def task_done(request: AuthedRequest, task: ProtectionTask) -> HttpResponse:
    form = DoneForm(request.POST, prefix=_done_prefix(task))
    done = submit(
        request,
        form,
        lambda d: services.complete_task(actor=request.user, task=task, note=d["note"]),
        "The task is marked done.",
    )
    child = task.plan.child
    if done is not None:
        return redirect("agencies:protection_child", child.pk)
    return _page(request, child, status=400, done_form=(task.pk, form))


@action_required(PROTECTION_OVERVIEW, Setting)
def setting_plans(request: AuthedRequest, setting: Setting) -> HttpResponse:
    """The setting's plans in place, most overdue first. Reading it is recorded for each child listed."""
    page = paginate(request, selectors.setting_plans(request.user, setting))
    plans: list[Any] = list(page.object_list)
    services.record_viewed(
        actor=request.user, child_ids=[plan.child_id for plan in plans], setting_id=setting.pk, obj=setting
    )
    context = {"setting": setting, "page": page, "plans": plans, "query": query_without_page(request)}
    return render(request, "agencies/protection/setting.html", context)
