"""The demo's room boards, offers and (no) book: realistic, seen by the right people, idempotent."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tandem.conftest import login
from tandem.core.models import Room, User
from tandem.enrolment.demo import consents as consents_demo
from tandem.journal.demo import boards as boards_demo
from tandem.journal.demo import book as book_demo
from tandem.journal.demo import offers as offers_demo
from tandem.journal.models import Book, DailyBoard, Media, Offer, PlanningFocus
from tandem.journal.services.eyfs import ensure_eyfs
from tandem.people.management.commands import seed_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def demo() -> Any:
    ensure_eyfs()
    loader = seed_demo.Loader()
    loader.run()
    consents_demo.seed(setting=loader.setting)
    for module in (boards_demo, book_demo, offers_demo):
        module.seed(setting=loader.setting)
    return loader.setting


def counts() -> dict[str, int]:
    return {m.__name__: m._default_manager.count() for m in (DailyBoard, Media, PlanningFocus, Offer, Book)}


def test_running_again_changes_nothing(demo: Any) -> None:
    before = counts()
    for module in (boards_demo, book_demo, offers_demo):
        module.seed(setting=demo)
    assert counts() == before
    assert before == {"DailyBoard": 4, "Media": 3, "PlanningFocus": 3, "Offer": 2, "Book": 0}
    assert all(m.is_ready and m.display and m.thumbnail for m in Media.objects.all())


def test_the_demo_parent_sees_todays_board_and_only_consented_photos(demo: Any, client: Any) -> None:
    room = Room.objects.get(setting=demo, name="Butterflies")
    login(client, User.objects.get(email=seed_demo.PARENT_EMAIL))
    page = client.get(reverse("journal:room_board", args=[room.pk])).content.decode()
    assert "float" in page and "Try at home" in page and "Telling stories in order" in page
    visible = Media.objects.get(caption="Ruby and Freddie testing the apple")
    assert reverse("journal:board_media_thumb", args=[room.pk, visible.pk]) in page
    blocked = Media.objects.get(caption="Isla and Theo planting")
    yesterday = blocked.board
    assert yesterday is not None
    page = client.get(reverse("journal:board_detail", args=[room.pk, yesterday.pk])).content.decode()
    assert "sunflower" in page and "Isla and Theo planting" not in page
    login(client, User.objects.get(email=seed_demo.KEY_PERSON_EMAIL))
    page = client.get(reverse("journal:board_detail", args=[room.pk, yesterday.pk])).content.decode()
    assert "Hidden from families:" in page and "Isla Morgan" in page


def test_the_demo_parent_sees_her_answered_offer(demo: Any, client: Any) -> None:
    login(client, User.objects.get(email=seed_demo.PARENT_EMAIL))
    page = client.get(reverse("journal:offers_mine", args=[demo.pk])).content.decode()
    assert "Welsh" in page and "We would love to" in page and "cardboard" not in page
    login(client, User.objects.get(email=seed_demo.MANAGER_EMAIL))
    page = client.get(reverse("journal:offers_setting", args=[demo.pk]) + "?status=new").content.decode()
    assert "cardboard" in page and "Welsh" not in page
