"""Every write about questionnaires (R36): keyword-only, one transaction, audited.

A questionnaire is built as a draft (its details and its questions change only then), sent to the
families in scope (the whole setting, or one room), and closed by hand or once its closing date
has passed.

**One answer a family.** A family answers in one transaction: first one ``Participation`` for each
of the family's children in scope (unique per questionnaire and child, so a second parent of the
same child, a second submit or two submits at once are refused by the database: the
``IntegrityError`` becomes "Your family has already answered"), then the ``Response`` and its
``Answer`` rows.

**A confidential questionnaire is anonymous.** Nothing written links the response to the family:
the response holds no person (``adult`` stays empty), no time and no sequential id (random UUIDs);
the participations hold the child and the day only, and share no id or order with the response;
the audit event ``voice.questionnaire.answered`` names the questionnaire and the children, never
the response; nothing about the response goes to a log, the session, a message or a notification.
After each answer the questionnaire's responses and answers are written again in a random order
(:func:`scatter`), so even the order the database keeps its rows in (SQLite's hidden rowid, a
PostgreSQL table's physical order) does not follow the order in which families answered.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tandem.comms.services.notifications import notify
from tandem.core import audit
from tandem.core.access import require
from tandem.core.models import Room, Setting, User
from tandem.people.models import Adult

from ..actions.questionnaires import (
    QUESTIONNAIRE_ANSWER,
    QUESTIONNAIRE_CREATE,
    QUESTIONNAIRE_EDIT,
    QUESTIONNAIRE_RESULTS,
)
from ..models import Answer, Participation, Question, Questionnaire, Response
from ..rules import family_children
from ..selectors.questionnaires import audience_user_ids, has_answered

SENT_KIND = "voice.questionnaire.sent"

MIN_RESPONSES = 3
MAX_RESPONSES = 500
MIN_OPTIONS, MAX_OPTIONS = 2, 10
MAX_TEXT_ANSWER = 2000

ALREADY_ANSWERED = "Your family has already answered this questionnaire. Thank you."
NOT_IN_SCOPE = "This questionnaire is not for your family: none of your children is in the group it was sent to."
NOT_OPEN = "This questionnaire is not open for answers."
ONLY_DRAFT = "This questionnaire has been sent: it can no longer be changed."

REQUIRED = "Answer this question."
CHOOSE_ONE = "Choose one of the options."
CHOOSE_ANY = "Choose from the options given."
SCALE = "Choose a number from 1 to 5."
TEXT_TOO_LONG = f"Keep your answer to {MAX_TEXT_ANSWER} characters."


def field_name(question: Question) -> str:
    """The name of a question's field on the answer form (and in a ValidationError)."""
    return f"q_{question.pk}"


# --- building -----------------------------------------------------------------------------------


def _check_details(setting: Setting, data: dict[str, Any]) -> dict[str, Any]:
    title = " ".join(str(data.get("title") or "").split())
    introduction = str(data.get("introduction") or "").strip()
    room = data.get("room")
    closes_on = data.get("closes_on")
    errors: dict[str, str] = {}
    if not title:
        errors["title"] = "Give the questionnaire a title."
    elif len(title) > 200:
        errors["title"] = "Keep the title to 200 characters."
    if len(introduction) > 5000:
        errors["introduction"] = "Keep the introduction to 5,000 characters."
    if room is not None and (not isinstance(room, Room) or room.setting_id != setting.pk):
        errors["room"] = "Choose a room of this setting, or every family."
    raw_minimum: Any = data.get("min_responses")
    try:
        minimum = int(raw_minimum if raw_minimum is not None else 5)
    except (TypeError, ValueError):
        minimum = 0
    if not MIN_RESPONSES <= minimum <= MAX_RESPONSES:
        errors["min_responses"] = (
            f"Give a number from {MIN_RESPONSES} to {MAX_RESPONSES}: below 3 answers, "
            "a family could be recognised from the results."
        )
    if not isinstance(closes_on, dt.date):
        errors["closes_on"] = "Say when it closes."
    elif closes_on < timezone.localdate():
        errors["closes_on"] = "The closing date must be today or later."
    if errors:
        raise ValidationError(errors)
    return {
        "title": title,
        "introduction": introduction,
        "room": room,
        "confidential": bool(data.get("confidential")),
        "min_responses": minimum,
        "closes_on": closes_on,
    }


def _record(event: str, actor: Any, questionnaire: Questionnaire) -> None:
    audit.record(event, actor, obj=questionnaire, setting_id=questionnaire.setting_id)


def create_questionnaire(*, actor: User, setting: Setting, data: dict[str, Any]) -> Questionnaire:
    """A new questionnaire, as a draft."""
    require(actor, QUESTIONNAIRE_CREATE, setting)
    values = _check_details(setting, data)
    with transaction.atomic():
        questionnaire = Questionnaire.objects.create(setting=setting, created_by=actor, **values)
        _record("voice.questionnaire.created", actor, questionnaire)
    return questionnaire


def _draft(actor: User, questionnaire: Questionnaire) -> Questionnaire:
    """The questionnaire, locked for this transaction; refused unless it is still a draft."""
    locked = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    if locked.status != Questionnaire.Status.DRAFT:
        raise ValidationError(ONLY_DRAFT)
    return locked


def update_questionnaire(*, actor: User, questionnaire: Questionnaire, data: dict[str, Any]) -> Questionnaire:
    """Change the details of a draft."""
    require(actor, QUESTIONNAIRE_EDIT, questionnaire)
    values = _check_details(questionnaire.setting, data)
    with transaction.atomic():
        locked = _draft(actor, questionnaire)
        for name, value in values.items():
            setattr(locked, name, value)
        locked.save(update_fields=list(values))
        _record("voice.questionnaire.changed", actor, locked)
    return locked


def _options(raw: Any) -> list[str]:
    """The options of a choice question: from a list, or from text with one option a line."""
    lines = raw if isinstance(raw, list | tuple) else str(raw or "").splitlines()
    return [" ".join(str(line).split()) for line in lines if str(line).strip()]


def _check_question(data: dict[str, Any]) -> dict[str, Any]:
    kind = data.get("kind")
    text = " ".join(str(data.get("text") or "").split())
    help_text = " ".join(str(data.get("help_text") or "").split())
    errors: dict[str, str] = {}
    if kind not in Question.Kind.values:
        errors["kind"] = "Choose what kind of question it is."
    if not text:
        errors["text"] = "Write the question."
    elif len(text) > 300:
        errors["text"] = "Keep the question to 300 characters."
    if len(help_text) > 300:
        errors["help_text"] = "Keep the hint to 300 characters."
    options: list[str] = []
    low = high = ""
    if kind in (Question.Kind.CHOICE, Question.Kind.MULTIPLE):
        options = _options(data.get("options"))
        if not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
            errors["options"] = f"Give from {MIN_OPTIONS} to {MAX_OPTIONS} options, one a line."
        elif any(len(option) > 200 for option in options):
            errors["options"] = "Keep each option to 200 characters."
        elif len({option.casefold() for option in options}) != len(options):
            errors["options"] = "Give each option once."
    if kind == Question.Kind.SCALE:
        low = " ".join(str(data.get("scale_low") or "").split())
        high = " ".join(str(data.get("scale_high") or "").split())
        if not low:
            errors["scale_low"] = "Say what 1 means, for example: Not at all."
        elif len(low) > 60:
            errors["scale_low"] = "Keep it to 60 characters."
        if not high:
            errors["scale_high"] = "Say what 5 means, for example: Very much."
        elif len(high) > 60:
            errors["scale_high"] = "Keep it to 60 characters."
    if errors:
        raise ValidationError(errors)
    return {
        "kind": kind,
        "text": text,
        "help_text": help_text,
        "choices": options,
        "scale_low": low,
        "scale_high": high,
        "required": bool(data.get("required")),
    }


def add_question(*, actor: User, questionnaire: Questionnaire, data: dict[str, Any]) -> Question:
    """A question at the end of a draft."""
    require(actor, QUESTIONNAIRE_EDIT, questionnaire)
    values = _check_question(data)
    with transaction.atomic():
        locked = _draft(actor, questionnaire)
        last = locked.questions.order_by("-order").values_list("order", flat=True).first()
        question = Question.objects.create(questionnaire=locked, order=(last or 0) + 1, **values)
        _record("voice.questionnaire.changed", actor, locked)
    return question


def update_question(*, actor: User, question: Question, data: dict[str, Any]) -> Question:
    require(actor, QUESTIONNAIRE_EDIT, question.questionnaire)
    values = _check_question(data)
    with transaction.atomic():
        locked = _draft(actor, question.questionnaire)
        for name, value in values.items():
            setattr(question, name, value)
        question.save(update_fields=list(values))
        _record("voice.questionnaire.changed", actor, locked)
    return question


def remove_question(*, actor: User, question: Question) -> None:
    require(actor, QUESTIONNAIRE_EDIT, question.questionnaire)
    with transaction.atomic():
        locked = _draft(actor, question.questionnaire)
        Question.objects.filter(pk=question.pk, questionnaire=locked).delete()
        _record("voice.questionnaire.changed", actor, locked)


def move_question(*, actor: User, question: Question, up: bool) -> None:
    """Move a question one place up or down (the first cannot go up, the last cannot go down)."""
    require(actor, QUESTIONNAIRE_EDIT, question.questionnaire)
    with transaction.atomic():
        locked = _draft(actor, question.questionnaire)
        ordered = list(locked.questions.order_by("order", "pk"))
        index = next((i for i, q in enumerate(ordered) if q.pk == question.pk), None)
        if index is None:
            return
        other = index - 1 if up else index + 1
        if not 0 <= other < len(ordered):
            return
        ordered[index], ordered[other] = ordered[other], ordered[index]
        for position, each in enumerate(ordered, start=1):
            each.order = position
        Question.objects.bulk_update(ordered, ["order"])
        _record("voice.questionnaire.changed", actor, locked)


def send(*, actor: User, questionnaire: Questionnaire) -> Questionnaire:
    """Open a draft for answers and tell the parents of every child in scope."""
    require(actor, QUESTIONNAIRE_EDIT, questionnaire)
    with transaction.atomic():
        locked = _draft(actor, questionnaire)
        if not locked.questions.exists():
            raise ValidationError("Add at least one question before sending it.")
        if locked.closes_on < timezone.localdate():
            raise ValidationError("Its closing date has passed: change the closing date first.")
        locked.status = Questionnaire.Status.OPEN
        locked.opened_at = timezone.now()
        locked.save(update_fields=["status", "opened_at"])
        _record("voice.questionnaire.sent", actor, locked)
        anonymous = (
            "Your answers are confidential: no one at the setting can tell which family gave them. "
            if locked.confidential
            else ""
        )
        notify(
            kind=SENT_KIND,
            user_ids=list(audience_user_ids(locked)),
            title=f"Have your say: {locked.title}",
            body=f"{locked.setting.name} would like to hear what you think. {anonymous}"
            f"Please answer by {locked.closes_on.day} {locked.closes_on:%B %Y}.",
            url=reverse("voice:questionnaire_answer", args=[locked.pk]),
            setting_id=locked.setting_id,
        )
    return locked


def close(*, actor: User, questionnaire: Questionnaire) -> Questionnaire:
    require(actor, QUESTIONNAIRE_EDIT, questionnaire)
    with transaction.atomic():
        locked = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
        if locked.status != Questionnaire.Status.OPEN:
            raise ValidationError("Only an open questionnaire can be closed.")
        locked.status = Questionnaire.Status.CLOSED
        locked.closed_at = timezone.now()
        locked.save(update_fields=["status", "closed_at"])
        _record("voice.questionnaire.closed", actor, locked)
    return locked


def close_if_due(questionnaire: Questionnaire) -> Questionnaire:
    """Close an open questionnaire whose closing date has passed (done when it is read, so no task
    is needed). Returns the questionnaire as it now stands."""
    if questionnaire.status != Questionnaire.Status.OPEN or questionnaire.closes_on >= timezone.localdate():
        return questionnaire
    with transaction.atomic():
        now = timezone.now()
        closed = Questionnaire.objects.filter(
            pk=questionnaire.pk, status=Questionnaire.Status.OPEN, closes_on__lt=timezone.localdate()
        ).update(status=Questionnaire.Status.CLOSED, closed_at=now)
        if closed:
            questionnaire.status, questionnaire.closed_at = Questionnaire.Status.CLOSED, now
            _record("voice.questionnaire.closed", None, questionnaire)
    return questionnaire


def close_due(setting: Setting) -> None:
    """Close every open questionnaire of the setting whose closing date has passed."""
    due = Questionnaire.objects.filter(
        setting=setting, status=Questionnaire.Status.OPEN, closes_on__lt=timezone.localdate()
    )
    for questionnaire in due:
        close_if_due(questionnaire)


def record_export(*, actor: User, questionnaire: Questionnaire) -> None:
    """An export of the results (aggregates, or for a named questionnaire who answered what)."""
    require(actor, QUESTIONNAIRE_RESULTS, questionnaire)
    _record("voice.questionnaire.exported", actor, questionnaire)


# --- answering ----------------------------------------------------------------------------------


def check_answers(questions: list[Question], raw: dict[str, Any]) -> dict[int, dict[str, Any]]:
    """The answers given, by question id, as Answer fields; a ValidationError names each question
    (``q_<id>``) whose answer is missing or not valid. ``raw`` is keyed by field name."""
    values: dict[int, dict[str, Any]] = {}
    errors: dict[str, str] = {}
    for question in questions:
        name = field_name(question)
        value = raw.get(name)
        if question.kind == Question.Kind.CHOICE:
            chosen = str(value or "")
            if not chosen:
                if question.required:
                    errors[name] = REQUIRED
            elif chosen not in question.choices:
                errors[name] = CHOOSE_ONE
            else:
                values[question.pk] = {"choices": [chosen]}
        elif question.kind == Question.Kind.MULTIPLE:
            picked = [str(v) for v in value] if isinstance(value, list | tuple) else ([str(value)] if value else [])
            if not picked:
                if question.required:
                    errors[name] = REQUIRED
            elif any(v not in question.choices for v in picked):
                errors[name] = CHOOSE_ANY
            else:
                values[question.pk] = {"choices": [c for c in question.choices if c in picked]}
        elif question.kind == Question.Kind.SCALE:
            if value in (None, ""):
                if question.required:
                    errors[name] = REQUIRED
                continue
            try:
                number = int(str(value))
            except (TypeError, ValueError):
                number = 0
            if not 1 <= number <= 5:
                errors[name] = SCALE
            else:
                values[question.pk] = {"scale": number}
        else:
            text = str(value or "").strip()
            if not text:
                if question.required:
                    errors[name] = REQUIRED
            elif len(text) > MAX_TEXT_ANSWER:
                errors[name] = TEXT_TOO_LONG
            else:
                values[question.pk] = {"text": text}
    if errors:
        raise ValidationError(errors)
    return values


def _refuse_unless_open(questionnaire: Questionnaire) -> None:
    if questionnaire.status != Questionnaire.Status.OPEN or questionnaire.closes_on < timezone.localdate():
        raise ValidationError(NOT_OPEN)


def answer(*, actor: User, questionnaire: Questionnaire, answers: dict[str, Any]) -> bool:
    """The family's answers, once a family. Returns True, and nothing else: for a confidential
    questionnaire, nothing that identifies the response leaves this function."""
    require(actor, QUESTIONNAIRE_ANSWER, questionnaire)
    children = family_children(actor, questionnaire.setting_id, questionnaire.room_id)
    if not children:
        raise ValidationError(NOT_IN_SCOPE)
    _refuse_unless_open(questionnaire)
    questions = list(questionnaire.questions.all())
    values = check_answers(questions, answers)
    if has_answered(questionnaire, children):
        raise ValidationError(ALREADY_ANSWERED)
    adult = None
    if not questionnaire.confidential:
        adult = Adult.objects.filter(user=actor).first()
    try:
        with transaction.atomic():
            locked = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
            _refuse_unless_open(locked)
            # First the lock against a second answer from the family: the database refuses it.
            Participation.objects.bulk_create([Participation(questionnaire=locked, child_id=c) for c in children])
            response = Response.objects.create(questionnaire=locked, adult=adult)
            Answer.objects.bulk_create(
                [Answer(response=response, question_id=question_id, **fields) for question_id, fields in values.items()]
            )
            if locked.confidential:
                scatter(locked)
            # A confidential answer leaves no trail of who answered when (the Participation rows, a day
            # and no time, are the only record that the family took part): an audit row with the
            # family's name and time, read beside the results before and after it, would give the
            # answer away. A named answer is audited as usual.
            if not locked.confidential:
                audit.record(
                    "voice.questionnaire.answered",
                    actor,
                    child_ids=children,
                    obj=locked,
                    setting_id=locked.setting_id,
                )
    except IntegrityError:
        raise ValidationError(ALREADY_ANSWERED) from None
    return True


def _shuffle(items: list[Any]) -> None:
    """Shuffle in place with the operating system's randomness."""
    secrets.SystemRandom().shuffle(items)


def scatter(questionnaire: Questionnaire) -> None:
    """Write the questionnaire's responses and answers again, in a random order, so the order the
    database keeps rows in says nothing about the order families answered in. Their ids (random
    UUIDs) and contents are unchanged. A few queries, whatever the number of answers."""
    responses = list(Response.objects.filter(questionnaire=questionnaire).values("id", "adult_id"))
    answers = list(
        Answer.objects.filter(response__questionnaire=questionnaire).values(
            "id", "response_id", "question_id", "choices", "scale", "text"
        )
    )
    Answer.objects.filter(response__questionnaire=questionnaire).delete()
    Response.objects.filter(questionnaire=questionnaire).delete()
    _shuffle(responses)
    _shuffle(answers)
    Response.objects.bulk_create([Response(questionnaire=questionnaire, **row) for row in responses])
    Answer.objects.bulk_create([Answer(**row) for row in answers], batch_size=500)
