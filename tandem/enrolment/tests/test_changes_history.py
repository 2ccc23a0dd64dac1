"""Revision history of a child's record and an adult's record: who, when, what from what to what."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tandem.conftest import login
from tandem.core.models import AuditEvent
from tandem.people.models import Adult, Child
from tandem.people.services import save_need, update_adult, update_child, update_link

pytestmark = pytest.mark.django_db


def text_of(response: Any) -> str:
    return response.content.decode()


def child_url(world: Any, key: str = "child_a") -> str:
    return f"/children/{world[key].pk}/history/"


def adult_url(world: Any, key: str = "adult_a") -> str:
    return f"/families/{world[key].pk}/history/"


def test_the_child_history_shows_who_changed_which_field_from_what_to_what(world: Any, client: Client) -> None:
    child = Child.objects.get(pk=world.child_a.pk)
    child._history_user = world.deputy  # type: ignore[attr-defined]
    update_child(actor=world.deputy, child=child, room=world.room_2, preferred_name="Millie")
    login(client, world.manager)
    response = client.get(child_url(world))
    assert response.status_code == 200
    page = text_of(response)
    assert "Dev Deputyson" in page
    assert "Acorn Room" in page and "Bluebell Room" in page  # the room, by name, before and after
    assert "Millie" in page
    assert "Created" in page  # the first revision


def test_family_links_are_in_the_history_with_restrictions(world: Any, client: Client) -> None:
    link = world.link_a.__class__.objects.get(pk=world.link_a.pk)
    update_link(actor=world.manager, link=link, emergency_priority=2)
    login(client, world.dsl)
    page = text_of(client.get(child_url(world)))
    assert "Family link: Penny Parentish" in page
    assert "Emergency priority" in page
    assert "Family link: Rex Restrictham" in page  # the restricted adult's link and its creation


def test_needs_only_for_those_who_may_see_them(world: Any, client: Client) -> None:
    save_need(actor=world.manager, child=world.child_a, need=world.need_a, details="Carries an auto-injector")
    login(client, world.manager)
    assert "Carries an auto-injector" in text_of(client.get(child_url(world)))
    login(client, world.administrator)  # keeps records, does not see needs
    response = client.get(child_url(world))
    assert response.status_code == 200
    page = text_of(response)
    assert "Carries an auto-injector" not in page and "Peanut" not in page


def test_reading_the_history_is_recorded(world: Any, client: Client, committed: Any) -> None:
    login(client, world.manager)
    with committed():
        client.get(child_url(world))
        client.get(adult_url(world))
    child_event = AuditEvent.objects.get(event="enrolment.child_history.viewed")
    assert child_event.actor_id == world.manager.pk
    assert [s.subject_id for s in child_event.subjects.all()] == [world.child_a.pk]
    adult_event = AuditEvent.objects.get(event="enrolment.adult_history.viewed")
    assert [s.subject_id for s in adult_event.subjects.all()] == [world.adult_a.pk]


@pytest.mark.parametrize(
    "persona",
    [
        "parent_a",
        "restricted_parent",
        "key_person_a",
        "room_practitioner",
        "senco",
        "volunteer",
        "owner",
        "other_manager",
    ],
)
def test_history_is_refused_to_others(world: Any, client: Client, persona: str) -> None:
    login(client, world[persona])
    assert client.get(child_url(world)).status_code == 404
    assert client.get(adult_url(world)).status_code == 404


def test_an_adults_history_after_a_change_request(world: Any, client: Client) -> None:
    from tandem.enrolment.services import changes

    request = changes.submit_own_details_change(
        actor=world.parent_a, child=world.child_a, changes={"phone": "07700 900555"}
    )
    changes.apply_change_request(actor=world.administrator, change_request=request)
    login(client, world.deputy)
    page = text_of(client.get(adult_url(world)))
    assert "Ada Adminton" in page
    assert world.adult_a.phone in page and "07700 900555" in page
    assert f"Change request {request.pk} from a parent" in page


def test_history_pages_keep_a_flat_query_count(world: Any, client: Client, django_assert_max_num_queries: Any) -> None:
    adult = Adult.objects.get(pk=world.adult_a.pk)
    child = Child.objects.get(pk=world.child_a.pk)

    def change(times: int, start: int) -> None:
        for n in range(start, start + times):
            update_adult(actor=world.manager, adult=adult, phone=f"07700 9003{n:02d}")
            update_child(actor=world.manager, child=child, room=world.room_2 if n % 2 else world.room_1)

    change(2, 0)
    login(client, world.manager)
    client.get(child_url(world))
    with django_assert_max_num_queries(40) as child_few:
        client.get(child_url(world))
    with django_assert_max_num_queries(40) as adult_few:
        client.get(adult_url(world))
    change(30, 2)
    with django_assert_max_num_queries(len(child_few.captured_queries)):
        page = text_of(client.get(child_url(world)))
    assert "Page 1 of 2" in page
    with django_assert_max_num_queries(len(adult_few.captured_queries)):
        page = text_of(client.get(adult_url(world)))
    assert "Page 1 of 2" in page and "07700 900331" in page
    assert "07700 900300" in text_of(client.get(adult_url(world) + "?page=2"))


def test_the_panel_on_the_child_record_is_for_history_readers(world: Any, client: Client) -> None:
    login(client, world.administrator)
    page = text_of(client.get(world.child_a.get_absolute_url()))
    assert "Record history" in page and child_url(world) in page and adult_url(world) in page
    login(client, world.key_person_a)
    assert "Record history" not in text_of(client.get(world.child_a.get_absolute_url()))
