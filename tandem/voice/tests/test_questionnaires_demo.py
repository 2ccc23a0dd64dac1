"""The demo's questionnaires seed without error, twice (idempotent), and show the feature: an open
confidential one with enough anonymous answers for its results, Emma's family still to answer it,
and a closed one from the summer."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tandem.conftest import login
from tandem.core.models import User
from tandem.people.management.commands.seed_demo import MANAGER_EMAIL, PARENT_EMAIL, Loader
from tandem.voice.demo import questionnaires as demo
from tandem.voice.models import Participation, Questionnaire, Response
from tandem.voice.selectors import questionnaires as selectors


@pytest.mark.django_db
def test_demo_questionnaires(settings: Any, client: Any) -> None:
    settings.TANDEM_DEMO = True
    loader = Loader()
    loader.run()
    demo.seed(setting=loader.setting)
    demo.seed(setting=loader.setting)
    autumn = Questionnaire.objects.get(title=demo.AUTUMN)
    summer = Questionnaire.objects.get(title=demo.SUMMER)
    assert Questionnaire.objects.count() == 2
    assert autumn.status == Questionnaire.Status.OPEN and autumn.confidential and autumn.min_responses == 5
    assert summer.status == Questionnaire.Status.CLOSED
    assert Response.objects.filter(questionnaire=autumn, adult__isnull=True).count() == 6
    assert Participation.objects.filter(questionnaire=autumn).count() == 6
    found = selectors.results(autumn)
    assert not found.withheld and found.answered == 6
    settled = found.questions[0]
    assert [(b.label, b.count) for b in settled.bars][:3] == [("Very well", 3), ("Quite well", 2), ("Not very well", 1)]
    assert not selectors.results(summer).withheld

    emma = User.objects.get(email=PARENT_EMAIL)
    assert autumn in selectors.open_for(emma)
    login(client, emma)
    page = client.get(reverse("voice:hub", args=[loader.setting.pk])).content.decode()
    assert demo.AUTUMN in page
    login(client, User.objects.get(email=MANAGER_EMAIL))
    results = client.get(reverse("voice:questionnaire_results", args=[autumn.pk])).content.decode()
    assert "More photos in the journal, please." in results and "Ruby" not in results
