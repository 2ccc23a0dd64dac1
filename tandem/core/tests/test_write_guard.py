"""A write guard (core.decorators.register_write_guard) refuses changes to the object a view is
about, whatever the action allows, and leaves reads and exempt actions alone."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from tandem.core import decorators
from tandem.core.decorators import action_required, register_write_guard
from tandem.people.actions import CHILD_VIEW
from tandem.people.models import Child

pytestmark = pytest.mark.django_db
CALLED: list[int] = []


@action_required(CHILD_VIEW, Child)
def child_view(request: Any, child: Child) -> HttpResponse:
    CALLED.append(child.pk)
    return HttpResponse("ok")


@pytest.fixture
def guarded(monkeypatch: pytest.MonkeyPatch, world: Any) -> Any:
    monkeypatch.setattr(decorators, "WRITE_GUARDS", [])
    CALLED.clear()
    register_write_guard(lambda obj: "Locked for the test." if obj.pk == world.child_a.pk else None)
    return world


def request(method: str, user: Any) -> Any:
    made = getattr(RequestFactory(), method)("/")
    made.user = user
    return made


def test_a_guard_refuses_a_change_and_the_view_never_runs(guarded: Any) -> None:
    response = child_view(request("post", guarded.manager), pk=guarded.child_a.pk)
    assert response.status_code == 409
    assert b"Locked for the test." in response.content
    assert CALLED == []


def test_reads_and_other_objects_pass(guarded: Any) -> None:
    assert child_view(request("get", guarded.manager), pk=guarded.child_a.pk).status_code == 200
    assert child_view(request("post", guarded.manager), pk=guarded.child_b.pk).status_code == 200
    assert [guarded.child_a.pk, guarded.child_b.pk] == CALLED


def test_an_exempt_action_is_not_guarded(guarded: Any) -> None:
    decorators.WRITE_GUARDS.clear()
    register_write_guard(lambda obj: "Locked.", exempt=lambda action: action is CHILD_VIEW)
    assert child_view(request("post", guarded.manager), pk=guarded.child_a.pk).status_code == 200


def test_the_access_check_comes_first(guarded: Any) -> None:
    from django.http import Http404

    with pytest.raises(Http404):
        child_view(request("post", guarded.parent_b_no_pr), pk=guarded.child_a.pk)
