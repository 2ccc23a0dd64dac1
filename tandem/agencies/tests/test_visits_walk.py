"""The URL walk R50 asks for: a visiting professional, signed in, tries every URL of the project with
the ids of every object in the test world, by GET and by POST.

* **During their visit** to child A (inside the window, arrival recorded), the only pages that do
  not refuse them are their own visit pages (and the pages of the one support plan they are invited
  to, a separate grant: R22); no answer ever names child B or the other provider's child.
* **After the window**, and **before the supervisor records their arrival**, every page refuses
  child A too: their visit page shows when and where only (before arrival, on the day, the child's
  first name), never the child's record.
* The pages without ids (home, menus, notifications, "Your visits") never name any child.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone

from tandem.agencies.models import PlanContributor, Share, ShareItem, Visit
from tandem.agencies.rules import IsPlanContributor, IsVisitingProfessional
from tandem.conftest import login
from tandem.core.access import Action, permitted
from tandem.core.decorators import PUBLIC, view_action
from tandem.core.models import User
from tandem.core.tests.test_url_walk import ROUTES, Route, url_for
from tandem.people.actions import CHILD_VIEW
from tandem.people.models import Child

OWN_VISIT_PAGE = "agencies:my_visit"
CHILD_A = ("Amelia", "Ashcombe")
OTHERS = ("Barnaby", "Brackenbury", "Ottilie", "Otterburn")  # child B and the other provider's child
REFUSED = (403, 404, 405)
OURS = [r for r in ROUTES if r.name and not r.third_party]  # not the sign-in pages (POST would sign out)
WITH_IDS = [r for r in OURS if r.int_kwargs]
WITHOUT_IDS = [r for r in OURS if not r.int_kwargs and view_action(r.callback) != PUBLIC]


def world_ids(w: Any) -> list[int]:
    """The id of every object in the world: children, settings, visits, plans, shares, users…"""
    found = {value.pk for value in vars(w).values() if isinstance(value, models.Model) and isinstance(value.pk, int)}
    return sorted(found)


def loaded(route: Route) -> tuple[Action | None, QuerySet[Any] | None]:
    """The action and the rows ``action_required`` loads the URL's ``pk`` from (None for a page that
    names no model: it is then tried with every world id)."""
    target = route.callback
    while target is not None:
        code, cells = getattr(target, "__code__", None), getattr(target, "__closure__", None)
        if code is not None and cells and {"model", "action"} <= set(code.co_freevars):
            found = dict(zip(code.co_freevars, (c.cell_contents for c in cells), strict=True))
            if found["model"] is None:
                return None, None
            source = found.get("queryset")
            return found["action"], source() if source else found["model"]._default_manager.all()
        target = getattr(target, "__wrapped__", None)
    return None, None


class Candidates:
    """Each integer of each URL filled with real ids: for the URL's ``pk``, every world object of the
    model it names and the key objects' ids (child A and B, the other child, the setting, the visits);
    for a page naming no model, every world id. The other integers of a URL (``check_id``…) take every
    world id wherever the ``pk`` is one the professional may open (elsewhere the ``pk`` is refused first)."""

    def __init__(self, w: Any, user: Any) -> None:
        self.user = user
        self.objects = [v for v in vars(w).values() if isinstance(v, models.Model) and isinstance(v.pk, int)]
        self.ids = world_ids(w)
        keys = ("child_a", "child_b", "other_child", "setting", "other_setting", "visit", "later_visit", "other_visit")
        self.keys = {w[k].pk for k in keys}

    def of(self, route: Route) -> list[dict[str, int]]:
        names = route.int_kwargs
        if names == ["content_type_id", "object_id"]:
            pairs = {(ContentType.objects.get_for_model(o).pk, o.pk) for o in self.objects}
            return [dict(zip(names, pair, strict=True)) for pair in sorted(pairs)]
        action, rows = loaded(route)
        if rows is None:
            firsts = self.ids
        else:
            firsts = sorted({o.pk for o in self.objects if isinstance(o, rows.model)} | self.keys)
        combos = {(first,) * len(names) for first in firsts}
        for first in firsts:
            if len(names) > 1 and (rows is None or self.may_open(action, rows, first)):
                combos |= {(first, *rest) for rest in itertools.product(self.ids, repeat=len(names) - 1)}
        return [dict(zip(names, combo, strict=True)) for combo in sorted(combos)]

    def may_open(self, action: Action | None, rows: QuerySet[Any], pk: int) -> bool:
        return action is None or permitted(self.user, action, rows).filter(pk=pk).exists()


def plan_page(route: Route) -> bool:
    """A page allowed to a professional invited to a support plan (a grant of its own, R22)."""
    action = view_action(route.callback)
    declared = action if isinstance(action, tuple) else (action,)
    return any(isinstance(rule, IsPlanContributor) for one in declared for rule in getattr(one, "rules", ()))


def body(response: Any) -> str:
    if getattr(response, "streaming", False):
        return ""
    return response.content.decode(errors="replace")


def refused(client: Any, response: Any) -> bool:
    if response.status_code in REFUSED:
        return True
    if response.status_code == 302:  # a redirect to a refusal
        return client.get(response["Location"]).status_code in REFUSED
    return False


def walk(client: Any, w: Any, *, allow_plans: bool, routes: list[Route] = WITH_IDS) -> list[tuple[str, str, int, str]]:
    """Every route, every id, GET and POST. Returns what was not refused: (method, url, status, route name)."""
    candidates = Candidates(w, User.objects.get(pk=w.professional.pk))
    answered = []
    for route in routes:
        for kwargs in candidates.of(route):
            url = url_for(route, kwargs)
            for method in ("get", "post"):
                response = getattr(client, method)(url)
                text = body(response)
                for name in OTHERS:
                    assert name not in text, (method, url, name)
                if refused(client, response):
                    continue
                answered.append((method, url, response.status_code, route.name or ""))
                if route.name == OWN_VISIT_PAGE or (allow_plans and plan_page(route)):
                    continue
                pytest.fail(f"{method.upper()} {url} ({route.name}) answered {response.status_code}")
    return answered


def own_visit_pages(answered: list[tuple[str, str, int, str]]) -> set[str]:
    return {url for _, url, _, name in answered if name == OWN_VISIT_PAGE}


@pytest.fixture
def pack(world: Any) -> Share:
    """The visit may read a pack holding child A's allergy: it must show during the visit only."""
    w = world
    share = Share.objects.create(
        child=w.child_a, status=Share.Status.SHARED, recipient_kind=Share.Recipient.PROFESSIONAL,
        professional=w.professional, recipient_name="Priya Therapistson", purpose="Speech assessment",
        basis=Share.Basis.CONSENT, consent_by=w.adult_a, consent_on=timezone.localdate(),
        delivery=Share.Delivery.VISIT, shared_at=timezone.now(),
    )  # fmt: skip
    ShareItem.objects.create(share=share, kind="need", object_id=w.need_a.pk, label="Allergy: Peanut allergy")
    Visit.objects.filter(pk=w.visit.pk).update(share=share)
    return share


def test_the_walk_covers_the_project() -> None:
    assert len(WITH_IDS) > 300 and any(r.name == OWN_VISIT_PAGE for r in WITH_IDS)
    assert any(r.name == "people:child" for r in WITH_IDS) and any(r.name == "agencies:visit" for r in WITH_IDS)
    # the URL's model is found for nearly every page, so each is tried with real ids of its kind
    named = {r.name: loaded(r)[1] for r in WITH_IDS}
    assert named["people:child"] is not None and named["people:child"].model is Child
    assert named[OWN_VISIT_PAGE] is not None and named[OWN_VISIT_PAGE].model is Visit
    assert sum(rows is None for rows in named.values()) < 15


def test_the_walk_catches_a_leak(world: Any, client: Any) -> None:
    """Were a child's profile open to visiting professionals, the walk would say so."""
    w = world
    login(client, w.professional)
    routes = [r for r in WITH_IDS if r.name == "people:child"]
    original = CHILD_VIEW.rules
    object.__setattr__(CHILD_VIEW, "rules", (*original, IsVisitingProfessional()))
    try:
        with pytest.raises(pytest.fail.Exception, match="people:child"):
            walk(client, w, allow_plans=True, routes=routes)
    finally:
        object.__setattr__(CHILD_VIEW, "rules", original)
    assert walk(client, w, allow_plans=True, routes=routes) == []


def test_during_the_visit_only_their_own_visit_pages_answer(world: Any, client: Any, pack: Share) -> None:
    w = world
    login(client, w.professional)
    answered = walk(client, w, allow_plans=True)
    own = {url_for(r, {"pk": v.pk}) for r in WITH_IDS if r.name == OWN_VISIT_PAGE for v in (w.visit, w.later_visit)}
    assert own_visit_pages(answered) == own
    page = body(client.get(url_for(next(r for r in WITH_IDS if r.name == OWN_VISIT_PAGE), {"pk": w.visit.pk})))
    assert "Amelia Ashcombe" in page and "Peanut allergy" in page  # the walk did reach what the visit gives


def _assert_child_a_refused(client: Any, w: Any, *, first_name_allowed: bool) -> None:
    PlanContributor.objects.filter(user=w.professional).update(ended_at=timezone.now())  # only the visit's grant
    answered = walk(client, w, allow_plans=False)
    assert {name for _, _, _, name in answered} <= {OWN_VISIT_PAGE}
    for method, url, _, _ in answered:
        text = body(getattr(client, method)(url))
        for secret in ("Ashcombe", "Observe Amelia", "Peanut", "Keira"):
            assert secret not in text, (url, secret)
        if not first_name_allowed or str(w.later_visit.pk) in url.split("/"):
            assert "Amelia" not in text, url


def test_after_the_window_every_page_refuses_child_a(world: Any, client: Any, pack: Share) -> None:
    w = world
    login(client, w.professional)
    with time_machine.travel(w.visit.ends_at + dt.timedelta(minutes=1)):
        _assert_child_a_refused(client, w, first_name_allowed=False)


def test_before_arrival_every_page_refuses_child_a(world: Any, client: Any, pack: Share) -> None:
    w = world
    Visit.objects.filter(pk=w.visit.pk).update(arrived_at=None, arrival_recorded_by=None)
    login(client, w.professional)
    _assert_child_a_refused(client, w, first_name_allowed=True)


def test_pages_without_ids_name_no_child(world: Any, client: Any, pack: Share) -> None:
    w = world
    login(client, w.professional)
    for route in WITHOUT_IDS:
        for method in ("get", "post"):
            response = getattr(client, method)(url_for(route, {}))
            text = body(response)
            for name in (*CHILD_A, *OTHERS):
                assert name not in text, (method, route.name, name)
    home = body(client.get(url_for(next(r for r in WITHOUT_IDS if r.name == "people:home"), {})))
    assert "Your visits" in home
