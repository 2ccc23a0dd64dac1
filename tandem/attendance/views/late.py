"""Views of late and non-collection (R45): thin — parse, call a service or selector, render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.core.models import Setting
from tandem.core.pagination import paginate, query_without_page
from tandem.people.models import Child

from ..actions.late import DAY_SETTINGS, LATE_CASES, LATE_HANDLE
from ..forms.late import CloseCaseForm, DaySettingsForm, NoteForm
from ..models import Attendance, LateCase, LateStep
from ..selectors import late as selectors
from ..services import late as services


def _case_context(request: AuthedRequest, child: Child, case: LateCase, **extra: Any) -> dict[str, Any]:
    steps = selectors.steps_of(case)
    plan = selectors.plan_steps(selectors.day_settings(child.setting_id))
    ticked = {s.plan_step: s for s in steps if s.kind == LateStep.Kind.PLAN and s.plan_step}
    contacts = selectors.cascade(child)
    calls: dict[int, list[LateStep]] = {}
    for step in steps:
        if step.adult_id and step.kind != LateStep.Kind.PLAN:
            calls.setdefault(step.adult_id, []).append(step)
    return {
        "child": child,
        "case": case,
        "attendance": case.attendance,
        "steps": steps,
        "plan": [(n, text, ticked.get(n)) for n, text in enumerate(plan, start=1)],
        "contacts": [(c, calls.get(c.link.adult_id, [])) for c in contacts],
        "kinds": [
            (LateStep.Kind.NO_ANSWER, "Called — no answer"),
            (LateStep.Kind.MESSAGE, "Left a message"),
            (LateStep.Kind.SPOKE, "Spoke to them"),
        ],
        "is_open": case.closed_at is None,
        "left": case.attendance.state == Attendance.State.LEFT,
        "close_form": extra.pop("close_form", None) or CloseCaseForm(),
        "note_form": extra.pop("note_form", None) or NoteForm(),
        **extra,
    }


@action_required(LATE_HANDLE, Child)
def case_page(request: AuthedRequest, child: Child) -> HttpResponse:
    """Today's case of the child, or the button to open one."""
    attendance = selectors.today_attendance(child)
    case = getattr(attendance, "late_case", None) if attendance else None
    if case is not None:
        return redirect("attendance:late_case_detail", child.pk, case.pk)
    rules = selectors.day_settings(child.setting_id)
    context = {"child": child, "attendance": attendance, "rules": rules}
    return render(request, "attendance/late/start.html", context)


@require_POST
@action_required(LATE_HANDLE, Child)
def open_case(request: AuthedRequest, child: Child) -> HttpResponse:
    attendance = selectors.today_attendance(child)
    if attendance is None:
        messages.error(request, "This child has not been signed in today.")
        return redirect("attendance:late_case", child.pk)
    try:
        case, created = services.open_case(actor=request.user, attendance=attendance)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("attendance:late_case", child.pk)
    if created:
        messages.success(request, "Case opened. The manager has been told. Work down the list of people to call.")
    return redirect("attendance:late_case_detail", child.pk, case.pk)


def _case(child: Child, case_id: int) -> LateCase:
    case = selectors.case_of(child, case_id)
    if case is None:
        raise Http404
    return case


@action_required(LATE_HANDLE, Child)
def case_detail(request: AuthedRequest, child: Child, case_id: int) -> HttpResponse:
    case = _case(child, case_id)
    return render(request, "attendance/late/case.html", _case_context(request, child, case))


def _post_step(
    request: AuthedRequest, child: Child, case_id: int, run: Callable[[LateCase], Any], done: str
) -> HttpResponse:
    case = _case(child, case_id)
    try:
        run(case)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("attendance:late_case_detail", child.pk, case.pk)


def _int(value: Any) -> int:
    text = str(value or "")
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else 0


@require_POST
@action_required(LATE_HANDLE, Child)
def record_call(request: AuthedRequest, child: Child, case_id: int) -> HttpResponse:
    return _post_step(
        request,
        child,
        case_id,
        lambda c: services.record_call(
            actor=request.user, case=c, link_id=_int(request.POST.get("link")), kind=request.POST.get("kind", "")
        ),
        "Call recorded.",
    )


@require_POST
@action_required(LATE_HANDLE, Child)
def tick_plan(request: AuthedRequest, child: Child, case_id: int) -> HttpResponse:
    return _post_step(
        request,
        child,
        case_id,
        lambda c: services.tick_plan_step(actor=request.user, case=c, number=_int(request.POST.get("step"))),
        "Step ticked as done.",
    )


@require_POST
@action_required(LATE_HANDLE, Child)
def add_note(request: AuthedRequest, child: Child, case_id: int) -> HttpResponse:
    case = _case(child, case_id)
    form = NoteForm(request.POST)
    if submit(
        request, form, lambda data: services.add_note(actor=request.user, case=case, note=data["note"]), "Note added."
    ):
        return redirect("attendance:late_case_detail", child.pk, case.pk)
    return render(request, "attendance/late/case.html", _case_context(request, child, case, note_form=form), status=400)


@action_required(LATE_HANDLE, Child)
def close_case(request: AuthedRequest, child: Child, case_id: int) -> HttpResponse:
    case = _case(child, case_id)
    if request.method != "POST":
        return redirect("attendance:late_case_detail", child.pk, case.pk)
    form = CloseCaseForm(request.POST)
    closed = submit(
        request,
        form,
        lambda data: services.close_case(
            actor=request.user, case=case, outcome=data["outcome"], summary=data["summary"]
        ),
        "The case is closed and kept on record.",
    )
    if closed:
        return redirect("attendance:late_case_detail", child.pk, case.pk)
    return render(
        request, "attendance/late/case.html", _case_context(request, child, case, close_form=form), status=400
    )


@action_required(LATE_CASES, Setting)
def cases(request: AuthedRequest, setting: Setting) -> HttpResponse:
    page = paginate(request, selectors.cases_of_setting(setting))
    context = {"setting": setting, "page": page, "query": query_without_page(request)}
    return render(request, "attendance/late/cases.html", context)


@action_required(DAY_SETTINGS, Setting)
def day_settings(request: AuthedRequest, setting: Setting) -> HttpResponse:
    rules = selectors.day_settings(setting)
    form = DaySettingsForm(request.POST or None, instance=rules)
    saved = submit(
        request,
        form,
        lambda data: services.save_day_settings(actor=request.user, setting=setting, data=data),
        "The day's settings have been saved.",
    )
    if saved:
        return redirect("attendance:day_settings", setting.pk)
    context = {"setting": setting, "form": form, "default_plan": selectors.plan_steps(type(rules)())}
    return render(request, "attendance/late/day_settings.html", context)
