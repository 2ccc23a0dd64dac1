"""An archived child's record is read-only wherever it is changed (R67): a group observation naming
the child too, while the setting's own pages (whose ``children`` are the setting's, not a record's)
and the records app's access requests and transfers still work."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.conftest import login
from tandem.journal.models import Observation
from tandem.records.hooks.retention import STILL_ALLOWED, archived_guard
from tandem.records.models import Archive

pytestmark = pytest.mark.django_db


def archive(world: Any, child: Any) -> None:
    child.leaving_date = timezone.localdate()
    child.save(update_fields=["leaving_date"])
    Archive.objects.create(child=child, setting=child.setting, archived_by=world.manager)


def test_a_group_observation_naming_an_archived_child_cannot_be_changed(world: Any, client: Any) -> None:
    archive(world, world.child_b)
    world.observation_a.children.add(world.child_b)
    login(client, world.manager)
    url = reverse("journal:observation_edit", args=[world.observation_a.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"children": [world.child_a.pk], "title": "Changed", "text": "x"})
    assert response.status_code == 409
    assert "Barnaby Brackenbury&#x27;s record is archived" in response.content.decode()
    assert Observation.objects.get(pk=world.observation_a.pk).title != "Changed"


def test_an_observation_of_children_on_roll_is_still_changed(world: Any) -> None:
    archive(world, world.child_b)
    assert archived_guard(world.observation_a) is None
    world.observation_a.children.add(world.child_b)
    assert archived_guard(world.observation_a) is not None


def test_a_setting_or_a_room_with_archived_children_is_not_itself_archived(world: Any) -> None:
    archive(world, world.child_a)
    assert archived_guard(world.setting) is None
    assert archived_guard(world.room_1) is None
    assert archived_guard(world.child_a) is not None


def test_what_still_works_after_archiving() -> None:
    assert STILL_ALLOWED == ("records.retention.", "records.requests.", "records.transfer.")
    assert not any(prefix.startswith("records.transition") for prefix in STILL_ALLOWED)


def test_the_transition_report_of_an_archived_child_is_read_only(world: Any, client: Any) -> None:
    archive(world, world.child_a)
    login(client, world.key_person_a)
    url = reverse("records:transition_report", args=[world.transition.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"about_me": "Changed after leaving"})
    assert response.status_code == 409
    world.report.refresh_from_db()
    assert world.report.about_me != "Changed after leaving"
