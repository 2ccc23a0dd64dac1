"""The demo's observations: a group observation whose photos each family sees as consent allows."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tandem.conftest import login
from tandem.core.models import User
from tandem.enrolment.demo import consents as consents_demo
from tandem.journal.demo import observations as observations_demo
from tandem.journal.models import Comment, Media, Observation
from tandem.journal.selectors.observations import family_feed, media_blocks
from tandem.people.management.commands import seed_demo
from tandem.people.models import Child

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def demo() -> Any:
    loader = seed_demo.Loader()
    loader.run()
    consents_demo.seed(setting=loader.setting)
    observations_demo.seed(setting=loader.setting)
    return loader.setting


def child(first: str, last: str) -> Child:
    return Child.objects.get(first_name=first, last_name=last)


def test_running_again_changes_nothing_and_it_stays_small(demo: Any) -> None:
    before = (Observation.objects.count(), Media.objects.count(), Comment.objects.count())
    observations_demo.seed(setting=demo)
    assert (Observation.objects.count(), Media.objects.count(), Comment.objects.count()) == before
    assert 5 < before[0] < 30
    assert Media.objects.filter(state=Media.State.READY).count() == before[1]  # prepared in the seed


def test_group_photo_of_isla_is_held_back_and_the_other_is_shown(demo: Any, client: Client) -> None:
    group = Observation.objects.get(title="Building a bug hotel")
    assert group.is_published and group.links.count() == 3
    isla, freddie = child("Isla", "Morgan"), child("Freddie", "Hughes")
    blocks = media_blocks(group)
    assert [(b.number, [c.pk for c in b.children]) for b in blocks] == [(1, [isla.pk])]
    first, second = group.media.order_by("order")
    for kid in (isla, freddie):
        [entry] = [o for o in family_feed(kid).entries if o.pk == group.pk]
        assert [m.pk for m in entry.shown_media] == [second.pk]
    parent = User.objects.get(email=seed_demo.PARENT_EMAIL)
    login(client, parent)
    assert client.get(reverse("journal:child_media_thumb", args=[isla.pk, first.pk])).status_code == 404
    assert client.get(reverse("journal:child_media_thumb", args=[isla.pk, second.pk])).status_code == 200
    body = client.get(reverse("journal:child_journal", args=[isla.pk])).content.decode()
    assert "Building a bug hotel" in body
    keyperson = User.objects.get(email=seed_demo.KEY_PERSON_EMAIL)
    login(client, keyperson)
    body = client.get(reverse("journal:observation", args=[isla.pk, group.pk])).content.decode()
    assert "Photo 1 will not be shown to any family: Isla Morgan has no photo consent." in body
