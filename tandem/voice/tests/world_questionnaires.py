"""The world's questionnaires: a draft, an open confidential one for the whole setting, an open one
for room 2 (child B's room, not child A's), and an open one of the other provider. Each open one has
a question; no one has answered any."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tandem.voice.models import Question, Questionnaire


def _questionnaire(setting: Any, title: str, *, status: str = Questionnaire.Status.OPEN, room: Any = None) -> Any:
    questionnaire = Questionnaire.objects.create(
        setting=setting,
        room=room,
        title=title,
        status=status,
        closes_on=timezone.localdate() + dt.timedelta(days=30),
        opened_at=timezone.now() if status != Questionnaire.Status.DRAFT else None,
    )
    Question.objects.create(
        questionnaire=questionnaire,
        kind=Question.Kind.CHOICE,
        text="Are you happy with the setting?",
        choices=["Yes", "No"],
        required=True,
        order=1,
    )
    return questionnaire


def extend(w: Any) -> None:
    w.questionnaire_draft = _questionnaire(w.setting, "Lunches (draft)", status=Questionnaire.Status.DRAFT)
    w.questionnaire_open = _questionnaire(w.setting, "How are we doing?")
    w.questionnaire_room = _questionnaire(w.setting, "Bluebell Room garden", room=w.room_2)
    w.other_questionnaire = _questionnaire(w.other_setting, "Riverside survey")


# --- helpers for the questionnaire tests ----------------------------------------------------------


def make_family(setting: Any, room: Any, first: str, last: str, *, child_first: str = "") -> tuple[Any, Any]:
    """A parent (with parental responsibility and a sign-in) and their child in ``room``."""
    from tandem.factories import AdultFactory, ChildAdultFactory, ChildFactory, UserFactory

    child = ChildFactory(setting=setting, room=room, first_name=child_first or f"{first}child", last_name=last)
    user = UserFactory(first_name=first, last_name=last)
    adult = AdultFactory(user=user, setting=setting, first_name=first, last_name=last, email=user.email)
    ChildAdultFactory(child=child, adult=adult, parental_responsibility=True)
    return user, child


def second_parent(child: Any, first: str, last: str) -> Any:
    """Another parent with parental responsibility, of the same child (the same family)."""
    from tandem.factories import AdultFactory, ChildAdultFactory, UserFactory

    user = UserFactory(first_name=first, last_name=last)
    adult = AdultFactory(user=user, setting=child.setting, first_name=first, last_name=last, email=user.email)
    ChildAdultFactory(child=child, adult=adult, parental_responsibility=True)
    return user


def full_questionnaire(setting: Any, *, confidential: bool = True, minimum: int = 3, room: Any = None) -> Any:
    """An open questionnaire with a choice, a choose-any, a scale and a free-text question."""
    questionnaire = Questionnaire.objects.create(
        setting=setting,
        room=room,
        title="Autumn check-in",
        confidential=confidential,
        min_responses=minimum,
        status=Questionnaire.Status.OPEN,
        closes_on=timezone.localdate() + dt.timedelta(days=14),
        opened_at=timezone.now(),
    )
    specs = [
        {"kind": Question.Kind.CHOICE, "text": "How has your child settled?", "choices": ["Well", "Not well"]},
        {"kind": Question.Kind.MULTIPLE, "text": "How do you hear from us?", "choices": ["Journal", "Messages"]},
        {"kind": Question.Kind.SCALE, "text": "How well do we listen?", "scale_low": "Badly", "scale_high": "Well"},
        {"kind": Question.Kind.TEXT, "text": "What could we do better?"},
    ]
    for order, spec in enumerate(specs, start=1):
        Question.objects.create(questionnaire=questionnaire, order=order, required=order != 4, **spec)
    return questionnaire


def answers_for(
    questionnaire: Any, *, choice: str = "Well", heard: list[str] | None = None, scale: int = 4, text: str = ""
) -> dict[str, Any]:
    """Form data answering ``full_questionnaire``'s questions."""
    choice_q, multiple_q, scale_q, text_q = list(questionnaire.questions.all())
    return {
        f"q_{choice_q.pk}": choice,
        f"q_{multiple_q.pk}": heard if heard is not None else ["Journal"],
        f"q_{scale_q.pk}": scale,
        f"q_{text_q.pk}": text,
    }
