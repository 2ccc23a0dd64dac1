"""The demo's collection data: Isla's grandmother with a photo, Isla's password, Craig Donnelly blocked."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.hashers import check_password
from django.urls import reverse
from django.utils import timezone

from tandem.attendance.demo import collection as collection_demo
from tandem.attendance.models import Attendance, CollectionPassword, Collector, OneOffCollector
from tandem.attendance.selectors.collection import BLOCKED, collectors_today
from tandem.conftest import login
from tandem.core.models import User
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
    collection_demo.seed(setting=loader.setting)
    return loader.setting


def test_demo_collection(demo: Any, client: Any) -> None:
    isla = Child.objects.get(setting=demo, first_name="Isla", last_name="Morgan")
    nan = Collector.objects.get(child=isla)
    assert nan.photo and nan.is_adult and "Grandmother" in nan.relationship
    stored = CollectionPassword.objects.get(child=isla)
    assert check_password(collection_demo.DEMO_COLLECTION_PASSWORD, stored.password_hash)
    assert not OneOffCollector.objects.exists()
    rows = {r.name: r for r in collectors_today(isla)}
    assert rows["Margaret Hughes"].photo_url and rows["Emma Morgan"].allowed
    leo = Child.objects.get(setting=demo, first_name="Leo", last_name="Walsh")
    craig = next(r for r in collectors_today(leo) if r.name == "Craig Donnelly")
    assert craig.kind == BLOCKED and not craig.allowed

    # idempotent
    collection_demo.seed(setting=demo)
    assert Collector.objects.count() == 1 and CollectionPassword.objects.count() == 1

    # the parent sees the list; the key person hands over at the door
    emma = User.objects.get(email=seed_demo.PARENT_EMAIL)
    page = login(client, emma).get(reverse("attendance:collectors", args=[isla.pk]))
    assert page.status_code == 200 and b"Margaret Hughes" in page.content
    photo = client.get(rows["Margaret Hughes"].photo_url)
    assert photo.status_code == 200 and photo["Cache-Control"] == "private, no-store"
    Attendance.objects.create(child=isla, state=Attendance.State.PRESENT, arrived_at=timezone.now())
    amira = User.objects.get(email=seed_demo.KEY_PERSON_EMAIL)
    login(client, amira)
    page = client.get(reverse("attendance:release", args=[isla.pk]))
    assert b"Margaret Hughes" in page.content and b"collection password" in page.content
    response = client.post(
        reverse("attendance:release", args=[isla.pk]),
        {
            "collector": "password",
            "collector_name": "Sam Friend",
            "is_adult": "on",
            "password": collection_demo.DEMO_COLLECTION_PASSWORD,
            "identity_note": "Driving licence",
        },
    )
    assert response.status_code == 302
    assert Attendance.objects.get(child=isla).collection_check == "password"
