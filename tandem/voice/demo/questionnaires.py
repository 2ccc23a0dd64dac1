"""Demo questionnaires for Willowbrook (R36).

* "How are we doing? Autumn 2026": open, confidential, results from 5 answers; six families have
  answered already (not the families whose parents sign in to the demo, so Emma Morgan and Sana
  Ahmed can still answer it), so its results show.
* "Summer outings 2026": closed in the summer, confidential, with its results.
Idempotent: each questionnaire is found by its title and only made once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from tandem.core.models import Setting, User
from tandem.people.models import Child

from ..models import Answer, Participation, Question, Questionnaire, Response
from ..services.questionnaires import scatter

AUTUMN = "How are we doing? Autumn 2026"
SUMMER = "Summer outings 2026"

# The families who answered: children whose parents do not sign in to the demo.
ANSWERED_AUTUMN = ["Ruby Evans", "Mason Clarke", "Zofia Kowalska", "Ana Popescu", "Freddie Hughes", "Amara Okoye"]
ANSWERED_SUMMER = ["Evie Johnson", "Lily Nguyen", "Theo Kaya", "George Edwards"]

SETTLED = "How well has your child settled this term?"
HEARD = "How do you hear about your child's day?"
LISTENED = "How well do we listen to you?"
BETTER = "What could we do better?"

AUTUMN_QUESTIONS: list[dict[str, Any]] = [
    {
        "kind": Question.Kind.CHOICE,
        "text": SETTLED,
        "choices": ["Very well", "Quite well", "Not very well", "Too early to say"],
        "required": True,
    },
    {
        "kind": Question.Kind.MULTIPLE,
        "text": HEARD,
        "help_text": "Choose all that apply.",
        "choices": ["At collection", "The learning journal", "Messages", "The newsletter"],
    },
    {
        "kind": Question.Kind.SCALE,
        "text": LISTENED,
        "scale_low": "Not at all",
        "scale_high": "Very well",
        "required": True,
    },
    {
        "kind": Question.Kind.TEXT,
        "text": BETTER,
        "help_text": "Please leave out names: your answer is anonymous.",
    },
]
# One family's answers each: (settled, heard, listened, better).
AUTUMN_ANSWERS = [
    ("Very well", ["At collection", "The learning journal"], 5, "More photos in the journal, please."),
    ("Very well", ["At collection"], 4, ""),
    ("Quite well", ["The learning journal", "Messages"], 4, "Longer opening hours on Fridays would help us."),
    ("Quite well", ["At collection", "The newsletter"], 3, "A reminder the day before non-uniform days."),
    ("Not very well", ["Messages"], 2, "We would like more time with the key person at drop-off."),
    ("Very well", ["At collection", "The learning journal", "The newsletter"], 5, ""),
]

SUMMER_QUESTIONS: list[dict[str, Any]] = [
    {
        "kind": Question.Kind.CHOICE,
        "text": "Which outing did your child enjoy most?",
        "choices": ["The farm", "The library", "The woods"],
        "required": True,
    },
    {
        "kind": Question.Kind.SCALE,
        "text": "How well were you told about outings beforehand?",
        "scale_low": "Not well",
        "scale_high": "Very well",
    },
]
SUMMER_ANSWERS = [("The farm", 5), ("The woods", 4), ("The farm", 4), ("The library", 3)]


def _questionnaire(setting: Setting, creator: User | None, **fields: Any) -> Questionnaire | None:
    if Questionnaire.objects.filter(setting=setting, title=fields["title"]).exists():
        return None
    return Questionnaire.objects.create(setting=setting, created_by=creator, **fields)


def _questions(questionnaire: Questionnaire, specs: list[dict[str, Any]]) -> list[Question]:
    return [
        Question.objects.create(questionnaire=questionnaire, order=n, **spec) for n, spec in enumerate(specs, start=1)
    ]


def _children(setting: Setting, names: list[str]) -> list[Child]:
    found = []
    for name in names:
        first, last = name.split(" ", 1)
        child = Child.objects.filter(setting=setting, first_name=first, last_name=last).first()
        if child is not None:
            found.append(child)
    return found


def _answered(questionnaire: Questionnaire, children: list[Child], day: dt.date) -> None:
    Participation.objects.bulk_create(
        [Participation(questionnaire=questionnaire, child=child, answered_on=day) for child in children]
    )


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import MANAGER_EMAIL

    manager = User.objects.filter(email=MANAGER_EMAIL).first()
    today = timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        autumn = _questionnaire(
            setting,
            manager,
            title=AUTUMN,
            introduction="We would love to know how this term is going for your family. It takes about "
            "two minutes, and your answers are anonymous.",
            confidential=True,
            min_responses=5,
            status=Questionnaire.Status.OPEN,
            closes_on=today + dt.timedelta(days=21),
            opened_at=now - dt.timedelta(days=7),
            created_at=now - dt.timedelta(days=8),
        )
        if autumn is not None:
            settled, heard, listened, better = _questions(autumn, AUTUMN_QUESTIONS)
            families = _children(setting, ANSWERED_AUTUMN)
            _answered(autumn, families, today - dt.timedelta(days=3))
            for choice, ways, score, comment in AUTUMN_ANSWERS[: len(families)]:
                response = Response.objects.create(questionnaire=autumn)
                answers = [
                    Answer(response=response, question=settled, choices=[choice]),
                    Answer(response=response, question=heard, choices=ways),
                    Answer(response=response, question=listened, scale=score),
                ]
                if comment:
                    answers.append(Answer(response=response, question=better, text=comment))
                Answer.objects.bulk_create(answers)
            scatter(autumn)

        summer = _questionnaire(
            setting,
            manager,
            title=SUMMER,
            introduction="Tell us about this summer's outings, so we can plan next year's.",
            confidential=True,
            min_responses=3,
            status=Questionnaire.Status.CLOSED,
            closes_on=today - dt.timedelta(days=60),
            opened_at=now - dt.timedelta(days=80),
            closed_at=now - dt.timedelta(days=59),
            created_at=now - dt.timedelta(days=81),
        )
        if summer is not None:
            outing, told = _questions(summer, SUMMER_QUESTIONS)
            families = _children(setting, ANSWERED_SUMMER)
            _answered(summer, families, today - dt.timedelta(days=65))
            for place, score in SUMMER_ANSWERS[: len(families)]:
                response = Response.objects.create(questionnaire=summer)
                Answer.objects.bulk_create(
                    [
                        Answer(response=response, question=outing, choices=[place]),
                        Answer(response=response, question=told, scale=score),
                    ]
                )
            scatter(summer)
