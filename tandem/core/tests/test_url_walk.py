"""Walk every URL pattern: each view declares its action, and strangers are kept out.

Adding a public page (one anyone may open without signing in) needs a change here, in
``PUBLIC_VIEWS``, so that the short list of public pages is reviewed like any other change.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter

from tandem.conftest import login
from tandem.core.access import ACTIONS, Action
from tandem.core.decorators import PUBLIC, view_action

# Third-party sign-in pages (django-allauth): they guard themselves.
THIRD_PARTY_PREFIXES = ("allauth.",)

# Every page anyone may open, signed in or not. Keep this short.
PUBLIC_VIEWS = {
    "tandem.core.views.healthz",
    "tandem.comms.views.events.feed",  # the calendar feed: a secret address, only its hash kept
    "tandem.people.views.invitation_link",
    "tandem.people.views.accept_invitation",
    "tandem.journal.views.sharing.shared_link",  # another setting's link to one shared record (R25)
    "tandem.journal.views.sharing.shared_view",
    "tandem.agencies.views.visits.professional_invitation",  # a visiting professional's invitation (R50)
    "tandem.agencies.views.visits.professional_accept",
    "tandem.agencies.views.sharing.shared_link",  # an agency's link to one share pack (R48)
    "tandem.agencies.views.sharing.shared_view",
    "tandem.agencies.views.sharing.shared_document",  # a received PDF in that pack, only with its agency's consent
    "tandem.records.views.transfer.school_link",  # the receiving school's single-use link to sent records (R55)
    "ninja.openapi.views.default_home",  # the API's root: a pointer to the docs, no data
}

LOGIN_URL = "/accounts/login/"


@dataclass(frozen=True)
class Route:
    route: str
    name: str | None
    pattern: URLPattern

    @property
    def callback(self) -> Any:
        return self.pattern.callback

    @property
    def dotted(self) -> str:
        target = self.callback
        while isinstance(target, functools.partial):
            target = target.func
        target = getattr(target, "view_class", None) or target
        return f"{target.__module__}.{target.__qualname__}"

    @property
    def api(self) -> bool:
        return self.route.startswith("api/")

    @property
    def third_party(self) -> bool:
        return self.dotted.startswith(THIRD_PARTY_PREFIXES)

    @property
    def int_kwargs(self) -> list[str]:
        converters = getattr(self.pattern.pattern, "converters", {})
        return [name for name, conv in converters.items() if isinstance(conv, IntConverter)]


def walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(n for n in (namespace, entry.namespace or "") if n)
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        else:
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield Route(prefix + str(entry.pattern), name, entry)


ROUTES = list(walk(get_resolver().url_patterns))
OURS = [r for r in ROUTES if not r.third_party]


def test_the_walk_finds_our_pages() -> None:
    names = {r.name for r in OURS}
    assert {"people:home", "people:children", "people:child", "core:organisation", "core:healthz"} <= names
    assert any(r.third_party for r in ROUTES), "the sign-in pages should be mounted"


@pytest.mark.parametrize("route", OURS, ids=[r.route or "/" for r in OURS])
def test_every_view_declares_its_action(route: Route) -> None:
    action = view_action(route.callback)
    assert action is not None, f"{route.dotted} ({route.route}) declares no action: use @action_required or @public"
    if action == PUBLIC:
        assert route.dotted in PUBLIC_VIEWS, f"{route.dotted} is public but not in the test's allow-list"
        return
    # An API path may serve several operations (GET, POST…), each with its own action.
    declared = action if isinstance(action, tuple) else (action,)
    assert declared, route.dotted
    for one in declared:
        assert isinstance(one, Action), f"{route.dotted} declares {one!r}, not an action"
        assert ACTIONS.get(one.name) is one, f"{route.dotted} declares an unregistered action"


def test_public_allow_list_has_no_stale_entries() -> None:
    public = {r.dotted for r in OURS if view_action(r.callback) == PUBLIC}
    assert public == PUBLIC_VIEWS


def test_only_sign_in_pages_are_third_party() -> None:
    assert all(r.dotted.startswith("allauth.") for r in ROUTES if r.third_party)
    assert all(r.route.startswith("accounts/") for r in ROUTES if r.third_party)


# --- strangers -------------------------------------------------------------------------------

WITH_INT = [r for r in ROUTES if r.int_kwargs]


def candidate_kwargs(route: Route, world: Any) -> list[dict[str, int]]:
    """Real ids from the world for each integer in the URL, so a refusal is not just a missing row."""
    everything = sorted(
        {
            world[key].pk
            for key in (
                "child_a",
                "child_b",
                "setting",
                "organisation",
                "adult_a",
                "link_a",
                "need_a",
                "room_1",
                "key_person_a",
            )
        }
    )
    by_name = {"link_id": [world.link_a.pk], "need_id": [world.need_a.pk]}
    choices = [by_name.get(name, everything) for name in route.int_kwargs]
    return [dict(zip(route.int_kwargs, combo, strict=True)) for combo in itertools.product(*choices)]


def url_for(route: Route, kwargs: dict[str, int]) -> str:
    assert route.name, f"{route.route} has no name"
    return reverse(route.name, kwargs=kwargs)


def test_there_are_pages_with_ids() -> None:
    assert len([r for r in WITH_INT if not r.third_party]) >= 8


@pytest.mark.parametrize("route", WITH_INT, ids=[r.route for r in WITH_INT])
def test_anonymous_is_sent_to_sign_in(route: Route, world: Any, client: Any) -> None:
    for kwargs in candidate_kwargs(route, world):
        url = url_for(route, kwargs)
        statuses = []
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            statuses.append(response.status_code)
            assert_sent_to_sign_in(route, response, method)
        assert {302, 401} & set(statuses), url


def assert_sent_to_sign_in(route: Route, response: Any, method: str = "get") -> None:
    """Pages redirect to the sign-in page; the JSON API answers 401. 405: no such method there."""
    where = (method, route.route, response.status_code)
    if response.status_code == 405:
        return
    if route.api and response.status_code == 401:
        return
    assert response.status_code == 302, where
    assert response["Location"].startswith(LOGIN_URL), (*where, response["Location"])


@pytest.mark.parametrize("route", WITH_INT, ids=[r.route for r in WITH_INT])
def test_nobody_is_refused(route: Route, world: Any, client: Any) -> None:
    login(client, world.nobody)
    for kwargs in candidate_kwargs(route, world):
        url = url_for(route, kwargs)
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code in (403, 404, 405), (method, url, response.status_code)


PAGES_WITHOUT_IDS = [r for r in OURS if not r.int_kwargs and view_action(r.callback) != PUBLIC]


@pytest.mark.parametrize("route", PAGES_WITHOUT_IDS, ids=[r.route or "/" for r in PAGES_WITHOUT_IDS])
def test_anonymous_is_sent_to_sign_in_from_every_page(route: Route, world: Any, client: Any) -> None:
    response = client.get(url_for(route, {}))
    assert_sent_to_sign_in(route, response)
    assert response.status_code != 405


# What a signed-in stranger sees on the pages without ids: their own home and account pages,
# and a refusal everywhere else.
NOBODY_STATUS = {
    "people:home": 200,
    "core:mfa_required": 200,
    "core:my_photo": 403,
    "comms:my_messages": 403,
    "voice:policies": 403,
    "agencies:my_visits": 403,
    "complaints:my_complaints": 403,
    "records:my_requests": 403,
    "records:request_ask": 403,
    "complaints:record_home": 403,
    "complaints:reviews": 403,
    "comms:calendar": 403,
    "comms:news_archive": 403,
    "comms:notifications": 200,
    "comms:notification_preferences": 200,
    "core:office": 403,
    "people:children": 403,
    "people:adults": 403,
    "api:me": 200,
    "api:children": 403,
    "api:openapi-json": 200,
    "api:openapi-view": 200,
}


def test_nobody_status_covers_every_page_without_ids() -> None:
    assert set(NOBODY_STATUS) == {r.name for r in PAGES_WITHOUT_IDS}


@pytest.mark.parametrize("name, status", sorted(NOBODY_STATUS.items()))
def test_nobody_on_pages_without_ids(name: str, status: int, world: Any, client: Any) -> None:
    login(client, world.nobody)
    response = client.get(reverse(name))
    assert response.status_code == status
    if status == 200:
        for key in ("child_a", "child_b", "other_child"):
            assert world[key].last_name not in response.content.decode()


def test_public_pages_answer_strangers(world: Any, client: Any) -> None:
    assert client.get("/healthz").status_code == 200
    # No invitation in the session: a clear refusal, not a form and not an error page.
    assert client.get("/invitation/accept/").status_code == 400
    response = client.get("/invitation/not-a-real-token/")
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 400
