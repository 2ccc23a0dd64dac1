"""Pages of questionnaires (R36): thin — parse, call a service or a selector, render.

Staff build, preview, send and close questionnaires and read their results (with a CSV export);
parents answer them. For a confidential questionnaire no page, message or redirect carries anything
that identifies an answer: after answering the parent comes back to the same address and is
thanked; their answers are not shown again, to them or anyone.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tandem.complaints.views.record import safe_cell  # the existing guard against CSV injection
from tandem.core.access import MAX_ID, can
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest, private
from tandem.core.models import Room, Setting
from tandem.core.pagination import paginate, query_without_page

from ..actions.questionnaires import (
    QUESTIONNAIRE_ANSWER,
    QUESTIONNAIRE_CREATE,
    QUESTIONNAIRE_EDIT,
    QUESTIONNAIRE_RESULTS,
    QUESTIONNAIRES_LIST,
)
from ..forms.questionnaires import AnswerForm, QuestionForm, QuestionnaireForm, initial_of, question_initial
from ..models import Question, Questionnaire
from ..rules import family_children
from ..selectors import questionnaires as selectors
from ..services import questionnaires as services


def _rooms(setting: Setting) -> Any:
    return Room.objects.filter(setting=setting).order_by("name")


def _question(questionnaire: Questionnaire, question_id: int) -> Question:
    if not 1 <= question_id <= MAX_ID:
        raise Http404
    found = questionnaire.questions.filter(pk=question_id).first()
    if found is None:
        raise Http404
    return found


def _post(request: AuthedRequest, run: Any, done: str) -> None:
    try:
        run()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)


# --- the setting's questionnaires ---------------------------------------------------------------


@action_required(QUESTIONNAIRES_LIST, Setting)
def questionnaires(request: AuthedRequest, setting: Setting) -> HttpResponse:
    services.close_due(setting)
    page = paginate(request, selectors.questionnaires_of(actor=request.user, setting=setting))
    context = {
        "setting": setting,
        "page": page,
        "query": query_without_page(request),
        "may_create": can(request.user, QUESTIONNAIRE_CREATE, setting),
    }
    return render(request, "voice/questionnaires/list.html", context)


def _form_page(
    request: AuthedRequest, form: Any, run: Any, done: str, template: str, context: dict[str, Any]
) -> HttpResponse:
    """Save the form through the service and go to the questionnaire's page, or show the form
    again (400 with the errors)."""
    saved = submit(request, form, run, done)
    if saved:
        pk = saved.questionnaire_id if isinstance(saved, Question) else saved.pk
        return redirect("voice:questionnaire", pk)
    return render(request, template, {**context, "form": form}, status=400 if form.errors else 200)


@action_required(QUESTIONNAIRE_CREATE, Setting)
def new(request: AuthedRequest, setting: Setting) -> HttpResponse:
    return _form_page(
        request,
        QuestionnaireForm(request.POST or None, rooms=_rooms(setting)),
        lambda data: services.create_questionnaire(actor=request.user, setting=setting, data=data),
        "Questionnaire started as a draft: now add its questions.",
        "voice/questionnaires/form.html",
        {"setting": setting, "q": None},
    )


# --- one questionnaire (staff) ------------------------------------------------------------------


@action_required(QUESTIONNAIRE_EDIT, Questionnaire)
def questionnaire(request: AuthedRequest, questionnaire: Questionnaire) -> HttpResponse:
    questionnaire = services.close_if_due(questionnaire)
    context = {
        "q": questionnaire,
        "setting": questionnaire.setting,
        "questions": list(questionnaire.questions.all()),
        "answered": questionnaire.responses.count(),
        "draft": questionnaire.status == Questionnaire.Status.DRAFT,
    }
    return render(request, "voice/questionnaires/questionnaire.html", context)


def _not_draft(request: AuthedRequest, questionnaire: Questionnaire) -> HttpResponse | None:
    if questionnaire.status != Questionnaire.Status.DRAFT:
        messages.error(request, services.ONLY_DRAFT)
        return redirect("voice:questionnaire", questionnaire.pk)
    return None


@action_required(QUESTIONNAIRE_EDIT, Questionnaire)
def edit(request: AuthedRequest, questionnaire: Questionnaire) -> HttpResponse:
    setting = questionnaire.setting
    return _not_draft(request, questionnaire) or _form_page(
        request,
        QuestionnaireForm(request.POST or None, rooms=_rooms(setting), initial=initial_of(questionnaire)),
        lambda data: services.update_questionnaire(actor=request.user, questionnaire=questionnaire, data=data),
        "Saved.",
        "voice/questionnaires/form.html",
        {"setting": setting, "q": questionnaire},
    )


@action_required(QUESTIONNAIRE_EDIT, Questionnaire)
def question_new(request: AuthedRequest, questionnaire: Questionnaire) -> HttpResponse:
    return _not_draft(request, questionnaire) or _form_page(
        request,
        QuestionForm(request.POST or None),
        lambda data: services.add_question(actor=request.user, questionnaire=questionnaire, data=data),
        "Question added.",
        "voice/questionnaires/question_form.html",
        {"q": questionnaire, "question": None},
    )


@action_required(QUESTIONNAIRE_EDIT, Questionnaire)
def question_edit(request: AuthedRequest, questionnaire: Questionnaire, question_id: int) -> HttpResponse:
    question = _question(questionnaire, question_id)
    return _not_draft(request, questionnaire) or _form_page(
        request,
        QuestionForm(request.POST or None, initial=question_initial(question)),
        lambda data: services.update_question(actor=request.user, question=question, data=data),
        "Question saved.",
        "voice/questionnaires/question_form.html",
        {"q": questionnaire, "question": question},
    )


@require_POST
@action_required(QUESTIONNAIRE_EDIT, Questionnaire)
def question_delete(request: AuthedRequest, questionnaire: Questionnaire, question_id: int) -> HttpResponse:
    question = _question(questionnaire, question_id)
    _post(request, lambda: services.remove_question(actor=request.user, question=question), "Question removed.")
    return redirect("voice:questionnaire", questionnaire.pk)


@require_POST
@action_required(QUESTIONNAIRE_EDIT, Questionnaire)
def question_move(request: AuthedRequest, questionnaire: Questionnaire, question_id: int) -> HttpResponse:
    question = _question(questionnaire, question_id)
    up = request.POST.get("direction") == "up"
    _post(request, lambda: services.move_question(actor=request.user, question=question, up=up), "Question moved.")
    return redirect("voice:questionnaire", questionnaire.pk)


@action_required(QUESTIONNAIRE_EDIT, Questionnaire)
def preview(request: AuthedRequest, questionnaire: Questionnaire) -> HttpResponse:
    """The questionnaire as a parent sees it, without a way to send answers."""
    questions = list(questionnaire.questions.all())
    context = {
        "q": questionnaire,
        "setting": questionnaire.setting,
        "form": AnswerForm(questions=questions, auto_id="preview_%s"),
        "preview": True,
        "state": "open",
    }
    return render(request, "voice/questionnaires/answer.html", context)


@require_POST
@action_required(QUESTIONNAIRE_EDIT, Questionnaire)
def send(request: AuthedRequest, questionnaire: Questionnaire) -> HttpResponse:
    _post(
        request,
        lambda: services.send(actor=request.user, questionnaire=questionnaire),
        "Sent: the families it is for have been told, and can answer now.",
    )
    return redirect("voice:questionnaire", questionnaire.pk)


@require_POST
@action_required(QUESTIONNAIRE_EDIT, Questionnaire)
def close(request: AuthedRequest, questionnaire: Questionnaire) -> HttpResponse:
    _post(
        request,
        lambda: services.close(actor=request.user, questionnaire=questionnaire),
        "Closed: no more answers can be given.",
    )
    return redirect("voice:questionnaire", questionnaire.pk)


# --- results ------------------------------------------------------------------------------------


@action_required(QUESTIONNAIRE_RESULTS, Questionnaire)
def results(request: AuthedRequest, questionnaire: Questionnaire) -> HttpResponse:
    questionnaire = services.close_if_due(questionnaire)
    context = {
        "q": questionnaire,
        "setting": questionnaire.setting,
        "results": selectors.results(questionnaire),
        "may_edit": can(request.user, QUESTIONNAIRE_EDIT, questionnaire),
    }
    return private(render(request, "voice/questionnaires/results.html", context))


@action_required(QUESTIONNAIRE_RESULTS, Questionnaire)
def export(request: AuthedRequest, questionnaire: Questionnaire) -> HttpResponse:
    """The results as CSV: counts and percentages (for a questionnaire that is not confidential,
    also who answered what). Withheld, like the page, below the minimum number of answers."""
    questionnaire = services.close_if_due(questionnaire)
    found = selectors.results(questionnaire)
    if not found.withheld:
        services.record_export(actor=request.user, questionnaire=questionnaire)
    rows: list[list[Any]] = [
        ["Questionnaire", questionnaire.title],
        ["Setting", questionnaire.setting.name],
        ["For", questionnaire.room.name if questionnaire.room else "Every family in the setting"],
        ["Confidential", "Yes: anonymous answers" if questionnaire.confidential else "No: named answers"],
        ["Status", questionnaire.get_status_display()],
        ["Families who have answered", found.answered],
        ["Families asked", found.in_scope],
        ["Response rate", f"{found.rate}%"],
        [],
    ]
    if found.withheld:
        rows.append([withheld_text(found)])
    else:
        for result in found.questions:
            question = result.question
            rows.append([question.text, question.get_kind_display(), f"{result.answered} answered"])
            if question.kind == Question.Kind.TEXT:
                rows.append(["Free-text answers are listed on the results page, without names."])
            else:
                rows.append(["Answer", "Families", "Percent"])
                rows.extend([bar.label, bar.count, f"{bar.percent}%"] for bar in result.bars)
            if result.mean is not None:
                rows.append(["Average (1 to 5)", result.mean])
            rows.append([])
        named = selectors.named_rows(questionnaire)
        if named:
            questions = [r.question for r in found.questions]
            rows.append(["Who answered what (this questionnaire is not confidential)"])
            rows.append(["Name", *[q.text for q in questions]])
            rows.extend([name, *[cells.get(q.pk, "") for q in questions]] for name, cells in named)
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so spreadsheets read it as UTF-8
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="questionnaire-{questionnaire.pk}-results.csv"'
    return private(response)


def withheld_text(found: selectors.Results) -> str:
    families = "family has" if found.answered == 1 else "families have"
    return (
        f"{found.answered} {families} answered; results show once at least "
        f"{found.questionnaire.min_responses} have, so that no family can be recognised."
    )


# --- answering (parents) ------------------------------------------------------------------------


@action_required(QUESTIONNAIRE_ANSWER, Questionnaire)
def answer(request: AuthedRequest, questionnaire: Questionnaire) -> HttpResponse:
    """The questionnaire for a parent: what confidential means here, then every question on one
    page. Once the family has answered: thanks (and, for a named questionnaire, their answers)."""
    user = request.user
    questionnaire = services.close_if_due(questionnaire)
    children = family_children(user, questionnaire.setting_id, questionnaire.room_id)
    answered = bool(children) and selectors.has_answered(questionnaire, children)
    is_open = questionnaire.status == Questionnaire.Status.OPEN
    questions = list(questionnaire.questions.all())
    form = AnswerForm(request.POST or None, questions=questions)
    status = 200
    if request.method == "POST":
        if not is_open or answered or not children:
            messages.error(request, services.ALREADY_ANSWERED if answered else services.NOT_OPEN)
            return redirect("voice:questionnaire_answer", questionnaire.pk)
        done = submit(
            request,
            form,
            lambda data: services.answer(actor=user, questionnaire=questionnaire, answers=data),
            "Thank you: your family's answers have been received.",
        )
        if done is None and _already(form):
            messages.error(request, services.ALREADY_ANSWERED)
        if done is not None or _already(form):
            return redirect("voice:questionnaire_answer", questionnaire.pk)
        status = 400
    if answered:
        state = "answered"
    elif not children:
        state = "not_for_you"
    elif not is_open:
        state = "closed"
    else:
        state = "open"
    context = {
        "q": questionnaire,
        "setting": questionnaire.setting,
        "form": form,
        "state": state,
        "preview": False,
        "mine": selectors.own_response(user, questionnaire) if answered else None,
    }
    return private(render(request, "voice/questionnaires/answer.html", context, status=status))


def _already(form: AnswerForm) -> bool:
    """The service found the family had already answered (a second parent, or two submits at once):
    show the thanks page, with the message, rather than the form again."""
    return services.ALREADY_ANSWERED in form.non_field_errors()
