"""Reads of questionnaires (R36): lists, who they are for, and their results.

Results are counted here, a few queries whatever the number of answers. Below the questionnaire's
minimum number of answers nothing but the count is given. Free-text answers are listed without
names or dates, in the order of their random ids: random, but the same on every visit. Only a
questionnaire that is not confidential says who answered.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from tandem.core.access import can, permitted
from tandem.core.models import Setting, User
from tandem.people.models import Child, ChildAdult
from tandem.people.rules import IsLinkedAdult
from tandem.people.selectors import current

from ..actions.questionnaires import QUESTIONNAIRE_ANSWER, QUESTIONNAIRE_CREATE, QUESTIONNAIRE_RESULTS
from ..models import Answer, Participation, Question, Questionnaire, Response

BAR_STEP = 5  # bars are drawn in steps of 5% (the CSS classes bar--w0 … bar--w100)


# --- who it is for ------------------------------------------------------------------------------


def audience_children(questionnaire: Questionnaire) -> QuerySet[Child]:
    """The children still at the setting whose families the questionnaire is for."""
    children = current(Child.objects.filter(setting_id=questionnaire.setting_id))
    if questionnaire.room_id is not None:
        children = children.filter(room_id=questionnaire.room_id)
    return children


def audience_user_ids(questionnaire: Questionnaire) -> QuerySet[Any]:
    """The accounts of the parents and carers of those children whom no restriction keeps from
    information about them. Computed in the database."""
    links = ChildAdult.objects.filter(no_information=False, child__in=audience_children(questionnaire))
    return (
        User.objects.filter(is_active=True, adult__links__in=links)
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    )


@dataclass
class Family:
    """Children in scope tied together by a parent or carer they share (one answer for them all)."""

    children: list[str] = field(default_factory=list)
    adults: list[str] = field(default_factory=list)
    child_ids: set[int] = field(default_factory=set)

    @property
    def label(self) -> str:
        return ", ".join(sorted(self.children))


def families_in_scope(questionnaire: Questionnaire) -> list[Family]:
    """The families the questionnaire is for: the children in scope who have a parent or carer not
    kept from information, grouped by the adults they share. Two queries."""
    links = list(
        ChildAdult.objects.filter(no_information=False, child__in=audience_children(questionnaire))
        .select_related("child", "adult")
        .order_by("child__last_name", "child__first_name", "child_id")
    )
    parent: dict[int, int] = {}

    def root(child_id: int) -> int:
        while parent.setdefault(child_id, child_id) != child_id:
            parent[child_id] = parent[parent[child_id]]
            child_id = parent[child_id]
        return child_id

    first_child_of: dict[int, int] = {}
    for link in links:
        root(link.child_id)
        seen = first_child_of.setdefault(link.adult_id, link.child_id)
        parent[root(link.child_id)] = root(seen)
    families: dict[int, Family] = {}
    for link in links:
        family = families.setdefault(root(link.child_id), Family())
        if link.child_id not in family.child_ids:
            family.child_ids.add(link.child_id)
            family.children.append(link.child.display_name)
        name = str(link.adult)
        if name not in family.adults:
            family.adults.append(name)
    return list(families.values())


# --- parents ------------------------------------------------------------------------------------


def has_answered(questionnaire: Questionnaire, child_ids: list[int]) -> bool:
    return Participation.objects.filter(questionnaire=questionnaire, child_id__in=child_ids).exists()


def open_for(user: Any) -> list[Questionnaire]:
    """The open questionnaires this parent's family has still to answer, soonest closing first (the
    hub's section). One query, from the links the access layer has already loaded."""
    if not getattr(user, "is_authenticated", False):
        return []
    mine = IsLinkedAdult().child_ids(user)
    found = permitted(
        user,
        QUESTIONNAIRE_ANSWER,
        Questionnaire.objects.filter(status=Questionnaire.Status.OPEN, closes_on__gte=timezone.localdate()),
    )
    answered = Participation.objects.filter(child_id__in=mine).values("questionnaire_id")
    return list(found.exclude(pk__in=answered).select_related("setting", "room").order_by("closes_on", "pk")[:20])


def own_response(user: User, questionnaire: Questionnaire) -> Response | None:
    """A parent's own named answer to read back (never for a confidential questionnaire, where no
    answer says who gave it)."""
    if questionnaire.confidential:
        return None
    return (
        Response.objects.filter(questionnaire=questionnaire, adult__user=user)
        .prefetch_related("answers__question")
        .first()
    )


# --- staff --------------------------------------------------------------------------------------


def questionnaires_of(*, actor: User, setting: Setting) -> QuerySet[Questionnaire]:
    """The setting's questionnaires this person may read the results of, newest first, each with
    the number of families who have answered (drafts only for those who build them). One query."""
    found = permitted(actor, QUESTIONNAIRE_RESULTS, Questionnaire.objects.filter(setting=setting))
    if not can(actor, QUESTIONNAIRE_CREATE, setting):
        found = found.exclude(status=Questionnaire.Status.DRAFT)
    return found.select_related("room").annotate(answered=Count("responses")).order_by("-created_at", "-pk")


@dataclass
class Bar:
    label: str
    count: int
    percent: int

    @property
    def width(self) -> str:
        """The CSS class of the bar's width, in steps of 5%."""
        step = round(self.percent / BAR_STEP) * BAR_STEP
        return f"bar--w{max(0, min(100, step))}"


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    bars: list[Bar] = field(default_factory=list)
    mean: float | None = None
    texts: list[str] = field(default_factory=list)


@dataclass
class Results:
    questionnaire: Questionnaire
    answered: int  # families who have answered (one response each)
    in_scope: int  # families the questionnaire is for
    withheld: bool
    questions: list[QuestionResult]
    answered_by: list[str]  # names, only when not confidential
    not_answered: list[Family]  # only when not confidential

    @property
    def rate(self) -> int:
        """Families answered as a percentage of the families in scope."""
        if not self.in_scope:
            return 0
        return min(100, round(100 * self.answered / self.in_scope))


def _percent(count: int, total: int) -> int:
    return round(100 * count / total) if total else 0


def _question_result(question: Question, answers: list[dict[str, Any]]) -> QuestionResult:
    result = QuestionResult(question=question, answered=len(answers))
    if question.kind in (Question.Kind.CHOICE, Question.Kind.MULTIPLE):
        counts: Counter[str] = Counter(choice for a in answers for choice in a["choices"] or [])
        result.bars = [Bar(c, counts[c], _percent(counts[c], result.answered)) for c in question.choices]
    elif question.kind == Question.Kind.SCALE:
        scores = [a["scale"] for a in answers if a["scale"] is not None]
        counts_by_score = Counter(scores)
        ends = {1: question.scale_low, 5: question.scale_high}
        result.bars = [
            Bar(
                f"{n} ({ends[n]})" if ends.get(n) else str(n),
                counts_by_score[n],
                _percent(counts_by_score[n], len(scores)),
            )
            for n in range(1, 6)
        ]
        result.mean = round(sum(scores) / len(scores), 1) if scores else None
    else:
        result.texts = [a["text"] for a in answers if a["text"]]
    return result


def results(questionnaire: Questionnaire) -> Results:
    """The results as staff see them. Withheld (counts only) below the minimum number of answers."""
    answered = Response.objects.filter(questionnaire=questionnaire).count()
    families = families_in_scope(questionnaire)
    withheld = answered < questionnaire.min_responses
    questions: list[QuestionResult] = []
    if not withheld:
        by_question: dict[int, list[dict[str, Any]]] = {}
        rows = Answer.objects.filter(response__questionnaire=questionnaire).order_by("id")
        for row in rows.values("question_id", "choices", "scale", "text"):
            by_question.setdefault(row["question_id"], []).append(dict(row))
        questions = [_question_result(q, by_question.get(q.pk, [])) for q in questionnaire.questions.all()]
    answered_by: list[str] = []
    not_answered: list[Family] = []
    if not questionnaire.confidential:
        answered_by = sorted(
            str(r.adult) if r.adult else "Someone no longer linked to the setting"
            for r in Response.objects.filter(questionnaire=questionnaire).select_related("adult")
        )
        done = set(Participation.objects.filter(questionnaire=questionnaire).values_list("child_id", flat=True))
        not_answered = [f for f in families if not (f.child_ids & done)]
    return Results(
        questionnaire=questionnaire,
        answered=answered,
        in_scope=len(families),
        withheld=withheld,
        questions=questions,
        answered_by=answered_by,
        not_answered=not_answered,
    )


def named_rows(questionnaire: Questionnaire) -> list[tuple[str, dict[int, str]]]:
    """For a questionnaire that is not confidential: each family's answers by question id, with the
    name of who answered (the CSV export). Empty for a confidential one."""
    if questionnaire.confidential:
        return []
    found = Response.objects.filter(questionnaire=questionnaire).select_related("adult").prefetch_related("answers")
    rows = []
    for response in found:
        cells = {a.question_id: answer_text(a) for a in response.answers.all()}
        rows.append((str(response.adult) if response.adult else "Someone no longer linked to the setting", cells))
    return sorted(rows, key=lambda row: row[0])


def answer_text(answer: Answer) -> str:
    if answer.scale is not None:
        return str(answer.scale)
    if answer.choices:
        return "; ".join(answer.choices)
    return answer.text
