"""The EYFS data and the setting's journal settings."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tandem.conftest import login
from tandem.journal.eyfs_data import AREAS
from tandem.journal.models import Area, Aspect, Band, Characteristic, JournalSettings
from tandem.journal.services.eyfs import ensure_eyfs, journal_settings

pytestmark = pytest.mark.django_db


def test_the_eyfs_data_is_complete_and_loading_it_again_changes_nothing(world: Any) -> None:
    ensure_eyfs()
    assert Area.objects.count() == 7 and Area.objects.filter(prime=True).count() == 3
    assert set(Area.objects.filter(prime=True).values_list("code", flat=True)) == {"CL", "PSED", "PD"}
    assert Aspect.objects.count() == sum(len(a[3]) for a in AREAS) == 17  # one an Early Learning Goal
    assert Characteristic.objects.count() == 3
    assert Band.objects.filter(framework="DM").count() == 3 and Band.objects.filter(framework="B5M").count() == 6


def test_a_setting_starts_with_development_matters_and_checks_due_from_24_months(world: Any) -> None:
    found = journal_settings(world.setting)
    assert (found.framework, found.check_due_months, found.check_overdue_months) == ("DM", 24, 30)


def test_the_manager_changes_the_framework(world: Any, client: Any) -> None:
    login(client, world.manager)
    url = reverse("journal:settings", args=[world.setting.pk])
    page = client.get(url).content.decode()
    assert "Development Matters" in page and "Communication and language" in page
    response = client.post(url, {"framework": "B5M", "check_due_months": 24, "check_overdue_months": 33})
    assert response.status_code == 302
    assert JournalSettings.objects.get(setting=world.setting).framework == "B5M"


def test_impossible_ages_are_refused_on_the_form(world: Any, client: Any) -> None:
    login(client, world.manager)
    url = reverse("journal:settings", args=[world.setting.pk])
    response = client.post(url, {"framework": "DM", "check_due_months": 30, "check_overdue_months": 26})
    assert response.status_code == 200
    assert "Enter an age after the age the check falls due." in response.content.decode()
    assert not JournalSettings.objects.filter(setting=world.setting, check_due_months=30).exists()


@pytest.mark.parametrize("persona", ["key_person_a", "parent_a", "other_manager"])
def test_others_cannot_change_the_settings(persona: str, world: Any, client: Any) -> None:
    login(client, world[persona])
    response = client.get(reverse("journal:settings", args=[world.setting.pk]))
    assert response.status_code == 404
