"""Two parents of one family send their answers at the same moment, in two real transactions on
PostgreSQL: both pass the friendly "already answered?" check before either has written, and the
unique participation lets only one through. (SQLite writes one transaction at a time; the same
path is tested there in test_questionnaires.py by making the check blind.)"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from tandem.factories import AdultFactory, ChildAdultFactory, ChildFactory, RoomFactory, SettingFactory, UserFactory
from tandem.voice.models import Participation, Question, Questionnaire, Response
from tandem.voice.services import questionnaires as services

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs two real concurrent transactions")


@pytest.mark.django_db(transaction=True)
def test_two_parents_answering_at_once_make_one_answer(monkeypatch: Any) -> None:
    setting = SettingFactory()
    child = ChildFactory(setting=setting, room=RoomFactory(setting=setting))
    parents = []
    for _ in range(2):
        user = UserFactory()
        ChildAdultFactory(child=child, adult=AdultFactory(user=user, setting=setting), parental_responsibility=True)
        parents.append(user)
    questionnaire = Questionnaire.objects.create(
        setting=setting,
        title="Both at once",
        status=Questionnaire.Status.OPEN,
        closes_on=timezone.localdate() + dt.timedelta(days=7),
    )
    question = Question.objects.create(questionnaire=questionnaire, kind=Question.Kind.TEXT, text="Anything?")
    monkeypatch.setattr(services, "has_answered", lambda *args: False)  # the race: both checks pass
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def send(user: Any, text: str) -> None:
        try:
            barrier.wait(timeout=10)
            services.answer(actor=user, questionnaire=questionnaire, answers={f"q_{question.pk}": text})
            outcomes.append("answered")
        except ValidationError as error:
            outcomes.extend(error.messages)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(user, f"From parent {n}")) for n, user in enumerate(parents)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == sorted(["answered", services.ALREADY_ANSWERED])
    assert Response.objects.filter(questionnaire=questionnaire).count() == 1
    assert Participation.objects.filter(questionnaire=questionnaire).count() == 1
