"""Views of a child's move to school (R55): thin — parse, call a service or selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.views.decorators.http import require_POST

from tandem.core.access import can
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest, form_status
from tandem.core.models import Setting
from tandem.core.pagination import paginate, query_without_page
from tandem.people.models import Child

from ..actions.transition import (
    FAMILY_PAGE,
    REPORT_FAMILY,
    TRANSITION_PLAN,
    TRANSITION_START,
    TRANSITION_VIEW,
    TRANSITIONS_LIST,
)
from ..forms.transition import AgreeForm, ChangeForm, FamilyWordsForm, MeetingForm, ReportForm, TransitionForm
from ..models import Transition, TransitionReport
from ..selectors import transition as selectors
from ..services import transition as services

TRANSFER_PANEL = "records/transfer/_panel.html"
CANDIDATES_SHOWN = 50


def _settings() -> QuerySet[Setting]:
    return Setting.objects.select_related("organisation")


def _children() -> QuerySet[Child]:
    return Child.objects.select_related("setting", "room")


def _transitions() -> QuerySet[Transition]:
    return Transition.objects.select_related("child", "child__setting", "school", "teacher")


def template_exists(name: str) -> bool:
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return False
    return True


def _errors(request: AuthedRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# --- the staff list of leavers ----------------------------------------------------------------------


@action_required(TRANSITIONS_LIST, Setting, queryset=_settings)
def transitions(request: AuthedRequest, setting: Setting) -> HttpResponse:
    candidates = list(selectors.candidates_for(request.user, setting)[: CANDIDATES_SHOWN + 1])
    context = {
        "setting": setting,
        "page": paginate(request, selectors.transitions_for(request.user, setting)),
        "query": query_without_page(request),
        "candidates": candidates[:CANDIDATES_SHOWN],
        "more_candidates": len(candidates) > CANDIDATES_SHOWN,
        "september": selectors.next_september(),
    }
    return render(request, "records/transition/list.html", context)


# --- one child's transition (staff) ---------------------------------------------------------------------


@action_required(TRANSITION_START, Child, queryset=_children)
def child_transition(request: AuthedRequest, child: Child) -> HttpResponse:
    """The child's transition, or the form to start one."""
    existing = Transition.objects.filter(child=child).values_list("pk", flat=True).first()
    if existing is not None:
        return redirect("records:transition", existing)
    form = TransitionForm(request.POST or None, setting_id=child.setting_id)
    made = submit(
        request,
        form,
        lambda data: services.start_transition(actor=request.user, child=child, **data),
        "The transition is started.",
    )
    if made is not None:
        return redirect("records:transition", made.pk)
    context = {"child": child, "form": form}
    return render(request, "records/transition/start.html", context, status=form_status(form))


@action_required(TRANSITION_VIEW, Transition, queryset=_transitions)
def transition(request: AuthedRequest, transition: Transition) -> HttpResponse:
    report = selectors.report_of(transition)
    context = {
        "transition": transition,
        "child": transition.child,
        "may_plan": can(request.user, TRANSITION_PLAN, transition),
        "meetings": selectors.meetings_of(transition),
        "show_transfers": template_exists(TRANSFER_PANEL),
        **selectors.context_for_report(report),
    }
    return render(request, "records/transition/transition.html", context)


@action_required(TRANSITION_PLAN, Transition, queryset=_transitions)
def transition_edit(request: AuthedRequest, transition: Transition) -> HttpResponse:
    initial = {"school": transition.school_id, "teacher": transition.teacher_id, "starts_on": transition.starts_on}
    form = TransitionForm(request.POST or None, initial=initial, setting_id=transition.setting_id)
    if submit(
        request,
        form,
        lambda data: services.update_transition(actor=request.user, transition=transition, **data),
        "The transition is saved.",
    ):
        return redirect("records:transition", transition.pk)
    context = {"child": transition.child, "transition": transition, "form": form}
    return render(request, "records/transition/start.html", context, status=form_status(form))


# --- the report (staff) -----------------------------------------------------------------------------------


def _report(transition: Transition) -> TransitionReport:
    report = selectors.report_of(transition)
    if report is None:
        raise Http404
    report.transition = transition
    return report


@require_POST
@action_required(TRANSITION_PLAN, Transition, queryset=_transitions)
def report_write(request: AuthedRequest, transition: Transition) -> HttpResponse:
    services.write_report(actor=request.user, transition=transition)
    messages.success(request, "The report is started from the journal. Check it and change what you need.")
    return redirect("records:transition_report", transition.pk)


@action_required(TRANSITION_PLAN, Transition, queryset=_transitions)
def report_edit(request: AuthedRequest, transition: Transition) -> HttpResponse:
    report = _report(transition)
    initial: dict[str, Any] = {name: getattr(report, name) for name in TransitionReport.SECTIONS}
    initial["seen"] = selectors.stamp(report)
    form = ReportForm(request.POST or None, initial=initial)
    saved = submit(
        request,
        form,
        lambda data: services.update_report(actor=request.user, report=report, **data),
        "The report is saved.",
    )
    if saved is not None:
        if saved.status == TransitionReport.Status.DRAFT and report.status != TransitionReport.Status.DRAFT:
            messages.warning(request, "This is a new version: send it to the family again, to read and agree.")
        return redirect("records:transition", transition.pk)
    stale = False
    if form.is_bound and form.non_field_errors():
        # the report changed since the form was shown: show it as it is now, keep their words in the form
        current = _report(transition)
        data = form.data.copy()  # type: ignore[attr-defined]
        data["seen"] = selectors.stamp(current)
        form.data = data
        stale = True
        report = current
    context = {
        "transition": transition,
        "child": transition.child,
        "form": form,
        "stale": stale,
        **selectors.context_for_report(report),
    }
    return render(request, "records/transition/report_form.html", context, status=form_status(form))


@require_POST
@action_required(TRANSITION_PLAN, Transition, queryset=_transitions)
def report_send(request: AuthedRequest, transition: Transition) -> HttpResponse:
    try:
        services.send_report(actor=request.user, report=_report(transition))
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, "The report is sent to the family to read and agree.")
    return redirect("records:transition", transition.pk)


@require_POST
@action_required(TRANSITION_PLAN, Transition, queryset=_transitions)
def feedback_answered(request: AuthedRequest, transition: Transition, feedback_id: int) -> HttpResponse:
    feedback = selectors.feedback_of(_report(transition), feedback_id)
    if feedback is None:
        raise Http404
    services.answer_feedback(actor=request.user, feedback=feedback)
    messages.success(request, "The request is marked as answered.")
    return redirect("records:transition", transition.pk)


# --- meetings with the receiving teacher -------------------------------------------------------------------


@action_required(TRANSITION_PLAN, Transition, queryset=_transitions)
def meeting_add(request: AuthedRequest, transition: Transition) -> HttpResponse:
    initial = {
        "with_whom": f"{transition.teacher.name}, {transition.teacher.role}".strip(", ") if transition.teacher else ""
    }
    form = MeetingForm(request.POST or None, initial=initial)
    if submit(
        request,
        form,
        lambda data: services.add_meeting(actor=request.user, transition=transition, **data),
        "The meeting is added.",
    ):
        return redirect("records:transition", transition.pk)
    context = {"transition": transition, "child": transition.child, "form": form}
    return render(request, "records/transition/meeting_form.html", context, status=form_status(form))


@action_required(TRANSITION_PLAN, Transition, queryset=_transitions)
def meeting_edit(request: AuthedRequest, transition: Transition, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_of(transition, meeting_id)
    if meeting is None:
        raise Http404
    meeting.transition = transition
    form = MeetingForm(request.POST or None, instance=selectors.meeting_of(transition, meeting_id))
    if submit(
        request,
        form,
        lambda data: services.update_meeting(actor=request.user, meeting=meeting, **data),
        "The meeting is saved.",
    ):
        return redirect("records:transition", transition.pk)
    context = {"transition": transition, "child": transition.child, "meeting": meeting, "form": form}
    return render(request, "records/transition/meeting_form.html", context, status=form_status(form))


@require_POST
@action_required(TRANSITION_PLAN, Transition, queryset=_transitions)
def meeting_delete(request: AuthedRequest, transition: Transition, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_of(transition, meeting_id)
    if meeting is None:
        raise Http404
    meeting.transition = transition
    services.delete_meeting(actor=request.user, meeting=meeting)
    messages.success(request, "The meeting is deleted.")
    return redirect("records:transition", transition.pk)


# --- the family's page ------------------------------------------------------------------------------------


def _family_page(
    request: AuthedRequest, child: Child, *, words: FamilyWordsForm | None = None, change: ChangeForm | None = None
) -> HttpResponse:
    found = selectors.transition_of(child)
    if found is None:
        raise Http404
    found.child = child
    report = selectors.report_of(found)
    sent = report is not None and report.sent_to_family_at is not None
    readable = sent and report is not None and report.status != TransitionReport.Status.DRAFT
    may_answer = readable and can(request.user, REPORT_FAMILY, found)
    if report is not None:
        report.transition = found
    context = {
        "child": child,
        "transition": found,
        "report": report if readable else None,
        "sections": selectors.report_sections(report) if readable and report else [],
        "being_changed": sent and not readable,
        "meetings": selectors.meetings_of(found, family=True),
        "may_answer": may_answer,
        "words_form": words or FamilyWordsForm(initial={"text": report.family_contribution if report else ""}),
        "change_form": change or ChangeForm(),
        "agree_form": AgreeForm(initial={"version": report.version if report else None}),
    }
    bound = (words is not None and words.is_bound) or (change is not None and change.is_bound)
    return render(request, "records/transition/family.html", context, status=400 if bound else 200)


@action_required(FAMILY_PAGE, Child, queryset=_children)
def starting_school(request: AuthedRequest, child: Child) -> HttpResponse:
    return _family_page(request, child)


def _family_report(child: Child) -> TransitionReport:
    found = selectors.transition_of(child)
    if found is None:
        raise Http404
    found.child = child
    return _report(found)


@require_POST
@action_required(FAMILY_PAGE, Child, queryset=_children)
def family_words(request: AuthedRequest, child: Child) -> HttpResponse:
    report = _family_report(child)
    form = FamilyWordsForm(request.POST)
    if submit(
        request,
        form,
        lambda data: services.add_family_words(actor=request.user, report=report, **data),
        "Your words are added to the report.",
    ):
        return redirect("records:starting_school", child.pk)
    return _family_page(request, child, words=form)


@require_POST
@action_required(FAMILY_PAGE, Child, queryset=_children)
def family_change(request: AuthedRequest, child: Child) -> HttpResponse:
    report = _family_report(child)
    form = ChangeForm(request.POST)
    if submit(
        request,
        form,
        lambda data: services.ask_for_change(actor=request.user, report=report, **data),
        "Your request is sent to the key person.",
    ):
        return redirect("records:starting_school", child.pk)
    return _family_page(request, child, change=form)


@require_POST
@action_required(FAMILY_PAGE, Child, queryset=_children)
def family_agree(request: AuthedRequest, child: Child) -> HttpResponse:
    report = _family_report(child)
    form = AgreeForm(request.POST)
    version = form.cleaned_data["version"] if form.is_valid() else None
    try:
        services.agree_report(actor=request.user, report=report, version=version)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, "Thank you: you have agreed the report.")
    return redirect("records:starting_school", child.pk)
