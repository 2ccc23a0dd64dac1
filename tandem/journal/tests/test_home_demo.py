"""The demo of learning at home, next steps and summaries: Emma's observations from home (one read
and answered by Amira, with a processed photo; one waiting), Isla's next steps, a shared summary with
Emma's views and a draft for Freddie. Seeding twice changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tandem.conftest import login
from tandem.core.models import User
from tandem.journal.demo import home, nextsteps, summaries
from tandem.journal.models import Media, NextStep, Observation, Summary
from tandem.people.management.commands import seed_demo
from tandem.people.models import Child


def counts() -> dict[str, int]:
    return {m.__name__: m._default_manager.count() for m in (Observation, Media, NextStep, Summary)}


@pytest.mark.django_db
def test_demo(client: Any, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    loader = seed_demo.Loader()
    loader.run()
    for _ in range(2):
        for module in (home, nextsteps, summaries):
            module.seed(setting=loader.setting)
        if _ == 0:
            first = counts()
    assert counts() == first
    isla = Child.objects.get(first_name="Isla", last_name="Morgan")
    emma = User.objects.get(email=seed_demo.PARENT_EMAIL)
    amira = User.objects.get(email=seed_demo.KEY_PERSON_EMAIL)
    read = Observation.objects.get(title="Baking bread with Grandma")
    assert read.status == Observation.Status.PUBLISHED and read.acknowledged_by == amira and read.acknowledgement
    assert read.media.get().state == Media.State.READY
    waiting = Observation.objects.get(title="On the number 12 bus")
    assert waiting.status == Observation.Status.AWAITING and waiting.author == emma
    steps = NextStep.objects.filter(child=isla)
    assert steps.filter(from_family=True, status=NextStep.Status.SUGGESTED).count() == 1
    assert steps.filter(from_family=True, status=NextStep.Status.OPEN).count() == 1
    shared = Summary.objects.get(child=isla)
    assert shared.status == Summary.Status.SHARED and shared.parents_views_by == emma and shared.areas.count() == 5
    assert Summary.objects.get(child__first_name="Freddie").status == Summary.Status.DRAFT

    login(client, emma)
    page = client.get(reverse("journal:home", args=[isla.pk])).content.decode()
    assert "Waiting for Amira to read it" in page and "squishy dough" in page
    media = read.media.get()
    assert client.get(reverse("journal:home_media_thumb", args=[isla.pk, read.pk, media.pk])).status_code == 200
    assert "Doing up the zip" in client.get(reverse("journal:nextsteps", args=[isla.pk])).content.decode()
    assert "Last term" in client.get(reverse("journal:summaries", args=[isla.pk])).content.decode()
    login(client, amira)
    queue = client.get(reverse("journal:home_queue", args=[isla.setting_id])).content.decode()
    assert "On the number 12 bus" in queue
    assert client.get(reverse("journal:summary", args=[isla.pk, shared.pk])).status_code == 200
