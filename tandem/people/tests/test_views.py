"""The pages about children and families, as each persona sees them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from tandem.conftest import login
from tandem.core.models import AuditEvent
from tandem.factories import ChildAdultFactory, ChildFactory
from tandem.people.models import Child

pytestmark = pytest.mark.django_db

HOME = "/"
CHILDREN = "/children/"


def text_of(response: Any) -> str:
    return response.content.decode()


# --- the parent's home ------------------------------------------------------------------------


def test_parent_home_shows_own_child_with_key_person_room_and_emergency_number(world: Any, client: Any) -> None:
    login(client, world.parent_a)
    response = client.get(HOME)
    assert response.status_code == 200
    page = text_of(response)
    assert "Amelia Ashcombe" in page
    assert "Keira Keyworth" in page  # the key person
    assert "Acorn Room" in page
    assert "07700 900111" in page  # the setting's emergency number


def test_parent_home_shows_no_other_family(world: Any, client: Any) -> None:
    login(client, world.parent_a)
    page = text_of(client.get(HOME))
    for name in ("Barnaby", "Brackenbury", "Ottilie", "Otterburn"):
        assert name not in page
    # nor the other setting's number, nor the restricted adult linked to the same child
    assert "07700 900222" not in page
    assert "Restrictham" not in page


def test_restricted_parent_home_shows_nothing_of_the_child(world: Any, client: Any) -> None:
    login(client, world.restricted_parent)
    response = client.get(HOME)
    assert response.status_code == 200
    page = text_of(response)
    for secret in ("Amelia", "Ashcombe", "Keira Keyworth", "Acorn Room", "07700 900111", "Peanut"):
        assert secret not in page


def test_restricted_parent_cannot_open_the_child(world: Any, client: Any) -> None:
    login(client, world.restricted_parent)
    assert client.get(world.child_a.get_absolute_url()).status_code == 404


# --- a child's page ---------------------------------------------------------------------------


def test_parent_with_pr_sees_needs_but_not_the_family_table(world: Any, client: Any) -> None:
    login(client, world.parent_a)
    response = client.get(world.child_a.get_absolute_url())
    assert response.status_code == 200
    page = text_of(response)
    assert "Peanut allergy" in page
    assert "Restrictham" not in page  # another adult, under a restriction
    assert "Prohibited steps order" not in page


def test_parent_without_pr_sees_the_profile_but_not_needs(world: Any, client: Any) -> None:
    login(client, world.parent_b_no_pr)
    response = client.get(world.child_b.get_absolute_url())
    assert response.status_code == 200
    page = text_of(response)
    assert "Barnaby Brackenbury" in page
    assert "Vegetarian diet" not in page
    assert client.get(world.child_a.get_absolute_url()).status_code == 404


def test_key_person_sees_family_and_restrictions(world: Any, client: Any) -> None:
    login(client, world.key_person_a)
    page = text_of(client.get(world.child_a.get_absolute_url()))
    assert "Peanut allergy" in page
    assert "Penny Parentish" in page
    assert "Rex Restrictham" in page
    assert "Prohibited steps order" in page


def test_room_practitioner_sees_needs_but_not_family(world: Any, client: Any) -> None:
    login(client, world.room_practitioner)
    page = text_of(client.get(world.child_a.get_absolute_url()))
    assert "Peanut allergy" in page
    assert "Restrictham" not in page
    assert "Prohibited steps order" not in page


@pytest.mark.parametrize("persona", ["volunteer", "other_practitioner", "owner", "line_manager", "other_manager"])
def test_staff_without_a_link_to_the_child_get_404(persona: str, world: Any, client: Any) -> None:
    login(client, world[persona])
    assert client.get(world.child_a.get_absolute_url()).status_code == 404


# --- the children list ------------------------------------------------------------------------


def test_manager_lists_own_setting_children_only(world: Any, client: Any) -> None:
    login(client, world.manager)
    response = client.get(CHILDREN)
    assert response.status_code == 200
    page = text_of(response)
    assert "Amelia Ashcombe" in page
    assert "Barnaby Brackenbury" in page
    assert "Otterburn" not in page


def test_children_list_search(world: Any, client: Any) -> None:
    login(client, world.manager)
    page = text_of(client.get(CHILDREN, {"q": "amelia"}))
    assert "Amelia Ashcombe" in page
    assert "Brackenbury" not in page
    page = text_of(client.get(CHILDREN, {"q": "BRACKEN"}))
    assert "Barnaby Brackenbury" in page
    assert "Ashcombe" not in page
    # another setting's child is not found by searching for it
    response = client.get(CHILDREN, {"q": "Otterburn"})
    assert response.context["page"].paginator.count == 0
    assert "Ottilie" not in text_of(response)


def test_children_list_htmx_gives_rows_only(world: Any, client: Any) -> None:
    login(client, world.manager)
    response = client.get(CHILDREN, {"q": "amelia"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    page = text_of(response)
    assert "Amelia Ashcombe" in page
    assert "<html" not in page


def test_children_list_hides_leavers_unless_asked(world: Any, client: Any) -> None:
    ChildFactory(
        setting=world.setting,
        first_name="Lenny",
        last_name="Leftearly",
        start_date=dt.date(2020, 1, 6),
        leaving_date=dt.date(2021, 7, 16),
    )
    login(client, world.manager)
    assert "Leftearly" not in text_of(client.get(CHILDREN))
    assert "Leftearly" in text_of(client.get(CHILDREN, {"left": "on"}))


def test_children_list_pages(world: Any, client: Any) -> None:
    for i in range(30):
        ChildFactory(setting=world.setting, first_name=f"Pagechild{i:02d}", last_name=f"Zz{i:02d}")
    login(client, world.manager)
    first = client.get(CHILDREN)
    assert first.status_code == 200
    assert first.context["page"].paginator.num_pages == 2
    second = client.get(CHILDREN, {"page": "2"})
    assert second.status_code == 200
    assert second.context["page"].number == 2
    assert "Zz29" in text_of(second)
    assert "Zz29" not in text_of(first)
    too_far = client.get(CHILDREN, {"page": "999"})
    assert too_far.status_code == 200
    assert too_far.context["page"].number == 2
    nonsense = client.get(CHILDREN, {"page": "abc"})
    assert nonsense.status_code == 200
    assert nonsense.context["page"].number == 1


@pytest.mark.parametrize("path", ["/children/99999999999999999999999/", "/children/0/", "/children/00/"])
def test_bad_child_ids_give_404(path: str, world: Any, client: Any) -> None:
    login(client, world.manager)
    assert client.get(path).status_code == 404


def test_child_of_another_provider_gives_404_to_manager(world: Any, client: Any) -> None:
    login(client, world.manager)
    assert client.get(world.other_child.get_absolute_url()).status_code == 404
    assert client.get(reverse("people:child_edit", args=[world.other_child.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["nobody", "parent_a", "key_person_a", "volunteer", "owner"])
def test_children_list_is_refused_with_403(persona: str, world: Any, client: Any) -> None:
    login(client, world[persona])
    assert client.get(CHILDREN).status_code == 403


# --- editing a child --------------------------------------------------------------------------


def child_post(world: Any, **changes: Any) -> dict[str, Any]:
    child = world.child_a
    data = {
        "first_name": child.first_name,
        "last_name": child.last_name,
        "preferred_name": child.preferred_name,
        "date_of_birth": child.date_of_birth.isoformat(),
        "room": child.room_id or "",
        "start_date": child.start_date.isoformat() if child.start_date else "",
        "leaving_date": "",
        "key_person": child.key_person_id or "",
        "backup_key_person": "",
    }
    data.update(changes)
    return data


def snapshot() -> tuple[list[dict[str, Any]], int, int]:
    return (
        list(Child.objects.order_by("pk").values()),
        Child.history.count(),
        AuditEvent.objects.count(),
    )


def test_manager_can_edit_a_child(world: Any, client: Any, committed: Any) -> None:
    login(client, world.manager)
    url = reverse("people:child_edit", args=[world.child_a.pk])
    assert client.get(url).status_code == 200
    with committed():
        response = client.post(url, child_post(world, preferred_name="Millie", backup_key_person=world.senco.pk))
    assert response.status_code == 302
    world.child_a.refresh_from_db()
    assert world.child_a.preferred_name == "Millie"
    assert world.child_a.backup_key_person == world.senco
    assert AuditEvent.objects.filter(event="people.child.updated", object_id=world.child_a.pk).count() == 1


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"backup_key_person": "KEY"}, "backup_key_person"),
        ({"start_date": "2025-09-01", "leaving_date": "2025-07-18"}, "leaving_date"),
        ({"first_name": ""}, "first_name"),
        ({"date_of_birth": "31/02/2022"}, "date_of_birth"),
        ({"key_person": "999999"}, "key_person"),
    ],
    ids=["backup-is-key-person", "leaves-before-start", "missing-name", "bad-date", "unknown-key-person"],
)
def test_invalid_edit_shows_errors_and_writes_nothing(
    changes: dict[str, Any], field: str, world: Any, client: Any, committed: Any
) -> None:
    if changes.get("backup_key_person") == "KEY":
        changes = {"backup_key_person": world.key_person_a.pk}
    login(client, world.manager)
    before = snapshot()
    with committed():
        response = client.post(reverse("people:child_edit", args=[world.child_a.pk]), child_post(world, **changes))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    page = text_of(response)
    for message in errors[field]:
        assert escape(message) in page, f"the error on {field} is not shown"
    assert snapshot() == before


def test_key_person_from_another_setting_is_refused(world: Any, client: Any) -> None:
    login(client, world.manager)
    before = snapshot()
    response = client.post(
        reverse("people:child_edit", args=[world.child_a.pk]), child_post(world, key_person=world.other_manager.pk)
    )
    assert response.status_code == 200
    assert "key_person" in response.context["form"].errors
    assert snapshot() == before


@pytest.mark.parametrize("persona", ["key_person_a", "room_practitioner", "senco", "dsl", "parent_a", "other_manager"])
def test_edit_by_someone_who_may_not_manage_gives_404(persona: str, world: Any, client: Any) -> None:
    login(client, world[persona])
    before = snapshot()
    url = reverse("people:child_edit", args=[world.child_a.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, child_post(world, first_name="Hacked")).status_code == 404
    assert snapshot() == before


# --- query counts: a page costs the same with 5 or 30 children ----------------------------------

# Measured: session, user, MFA gate, roles, count, page, settings for "add", session save.
LIST_QUERIES = 16  # with the enrolment features: menu entries, flags; the unread-notifications count
HOME_QUERIES = 18  # links under each child (one query per kind of link, however many children); unread count


def add_children(world: Any, count: int, parent_adult: Any = None) -> None:
    """Children in A's setting with a room and key persons; linked to ``parent_adult`` if given."""
    for _ in range(count):
        child = ChildFactory(
            setting=world.setting,
            room=world.room_1,
            key_person=world.key_person_a,
            backup_key_person=world.room_practitioner,
        )
        if parent_adult is not None:
            ChildAdultFactory(child=child, adult=parent_adult, emergency_contact=True, emergency_priority=1)
            ChildAdultFactory(child=child, emergency_contact=True, emergency_priority=2)


def count_queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("total", [5, 30])
def test_children_list_queries_are_bounded(
    total: int, world: Any, client: Any, django_assert_max_num_queries: Any
) -> None:
    add_children(world, total - 2)  # A and B are already there
    login(client, world.manager)
    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(CHILDREN)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == total


@pytest.mark.parametrize("total", [5, 30])
def test_parent_home_queries_are_bounded(
    total: int, world: Any, client: Any, django_assert_max_num_queries: Any
) -> None:
    add_children(world, total - 1, parent_adult=world.adult_a)  # A is already theirs
    login(client, world.parent_a)
    with django_assert_max_num_queries(HOME_QUERIES):
        response = client.get(HOME)
    assert response.status_code == 200
    assert len(response.context["children"]) == total


def test_children_list_query_count_does_not_grow(world: Any, client: Any) -> None:
    login(client, world.manager)
    add_children(world, 3)
    few = count_queries(client, CHILDREN)
    add_children(world, 25)
    many = count_queries(client, CHILDREN)
    assert many == few


def test_parent_home_query_count_does_not_grow(world: Any, client: Any) -> None:
    login(client, world.parent_a)
    add_children(world, 4, parent_adult=world.adult_a)
    few = count_queries(client, HOME)
    add_children(world, 25, parent_adult=world.adult_a)
    many = count_queries(client, HOME)
    assert many == few


def test_key_person_home_query_count_does_not_grow(world: Any, client: Any) -> None:
    login(client, world.key_person_a)
    add_children(world, 4)
    few = count_queries(client, HOME)
    add_children(world, 25)
    many = count_queries(client, HOME)
    assert many == few


def test_two_people_editing_a_child_never_silently_lose_an_edit(client: Any, world: Any) -> None:
    import re

    from tandem.conftest import login

    login(client, world.manager)
    url = f"/children/{world.child_a.pk}/edit/"
    page = client.get(url).content.decode()
    fingerprint = re.search(r'name="fingerprint" value="([0-9a-f]+)"', page).group(1)
    # meanwhile the deputy changes the preferred name
    Child.objects.filter(pk=world.child_a.pk).update(preferred_name="Millie")
    posted = {
        "first_name": "Amelia", "last_name": "Ashcombe", "preferred_name": "Amy",
        "date_of_birth": world.child_a.date_of_birth.isoformat(), "room": world.room_1.pk,
        "key_person": world.key_person_a.pk, "fingerprint": fingerprint,
    }  # fmt: skip
    response = client.post(url, posted)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Someone else changed this record while you were editing it" in body
    assert 'value="Millie"' in body  # the form now shows the other person's change
    assert Child.objects.get(pk=world.child_a.pk).preferred_name == "Millie"
    # saving again, now knowingly, works
    fresh = re.search(r'name="fingerprint" value="([0-9a-f]+)"', body).group(1)
    assert client.post(url, posted | {"fingerprint": fresh}).status_code == 302
    assert Child.objects.get(pk=world.child_a.pk).preferred_name == "Amy"
