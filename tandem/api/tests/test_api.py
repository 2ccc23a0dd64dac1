"""The API answers with the same access layer as the pages (R65)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tandem.api.urls import api
from tandem.conftest import login
from tandem.core.access import Action
from tandem.core.models import AuditEvent
from tandem.people.models import Child

pytestmark = pytest.mark.django_db


def names(response: Any) -> set[str]:
    return {item["last_name"] for item in response.json()["items"]}


def test_every_api_operation_declares_an_action() -> None:
    missing = []
    for prefix, router, *_ in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                if not isinstance(getattr(operation.view_func, "tandem_action", None), Action):
                    missing.append(f"{prefix}{path} {operation.methods}")
    assert missing == []


def test_anonymous_gets_401(client: Client, world: Any) -> None:
    assert client.get("/api/people/children").status_code == 401
    assert client.get(f"/api/people/children/{world.child_a.pk}").status_code == 401


def test_parent_lists_only_their_own_child(client: Client, world: Any) -> None:
    login(client, world.parent_a)
    response = client.get("/api/people/children")
    assert response.status_code == 200
    assert names(response) == {"Ashcombe"}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("parent_b_no_pr", {"Brackenbury"}),
        ("restricted_parent", set()),
        ("key_person_a", {"Ashcombe", "Brackenbury"}),  # key child, and B is in their room
        ("manager", {"Ashcombe", "Brackenbury"}),
        ("other_manager", {"Otterburn"}),
    ],
)
def test_children_list_follows_the_rules(client: Client, world: Any, persona: str, expected: set[str]) -> None:
    login(client, world[persona])
    response = client.get("/api/people/children")
    if not expected:
        assert response.status_code == 403
    else:
        assert names(response) == expected


def test_another_familys_child_is_not_found(client: Client, world: Any) -> None:
    login(client, world.parent_a)
    assert client.get(f"/api/people/children/{world.child_b.pk}").status_code == 404
    assert client.get(f"/api/people/children/{world.other_child.pk}").status_code == 404
    assert client.get("/api/people/children/99999999999999999999999").status_code == 404
    assert client.get("/api/people/children/abc").status_code == 404


def test_child_detail_is_audited(client: Client, world: Any, committed: Any) -> None:
    login(client, world.parent_a)
    with committed():
        response = client.get(f"/api/people/children/{world.child_a.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["display_name"] == world.child_a.display_name
    assert body["key_person"] == world.key_person_a.get_full_name()
    assert AuditEvent.objects.filter(
        event="people.child.viewed", actor_id=world.parent_a.pk, object_id=world.child_a.pk
    ).exists()


def test_needs_need_parental_responsibility(client: Client, world: Any) -> None:
    login(client, world.parent_b_no_pr)
    assert client.get(f"/api/people/children/{world.child_b.pk}").status_code == 200
    # they know the child, so the refusal is a plain 403, not a 404
    assert client.get(f"/api/people/children/{world.child_b.pk}/needs").status_code == 403
    login(client, world.parent_a)
    response = client.get(f"/api/people/children/{world.child_a.pk}/needs")
    assert [n["summary"] for n in response.json()] == ["Peanut allergy"]


def test_staff_without_mfa_are_refused(client: Client, world: Any) -> None:
    client.force_login(world.manager)  # no authenticator enrolled
    response = client.get("/api/people/children")
    assert response.status_code == 403
    assert "two-factor" in response.json()["detail"]


def test_list_query_count_is_flat(client: Client, world: Any, django_assert_max_num_queries: Any) -> None:
    login(client, world.manager)
    client.get("/api/people/children")  # warm the session
    with django_assert_max_num_queries(12):
        client.get("/api/people/children")
    Child.objects.bulk_create(
        Child(setting=world.setting, first_name=f"Extra{i}", last_name=f"Extra{i}", date_of_birth="2023-01-01")
        for i in range(40)
    )
    with django_assert_max_num_queries(12):
        response = client.get("/api/people/children")
    assert response.json()["count"] == 42


def test_docs_need_a_sign_in(client: Client, world: Any) -> None:
    assert client.get("/api/docs").status_code == 302
    login(client, world.parent_a)
    assert client.get("/api/docs").status_code == 200
