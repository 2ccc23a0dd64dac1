"""Parents and carers on a phone: their own children, nobody else's."""

from __future__ import annotations

import html
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest
from django.db.models import Q
from django.utils import timezone
from playwright.sync_api import expect

from tandem.people.models import Child


def current_children() -> Q:
    return Q(leaving_date__isnull=True) | Q(leaving_date__gte=timezone.localdate())


def names(child: Child) -> set[str]:
    return {child.display_name, f"{child.first_name} {child.last_name}"}


def assert_no_names_of(children: list[Child], tab: Any) -> None:
    shown = html.unescape(tab.page.content())
    leaked = sorted(name for child in children for name in names(child) if name in shown)
    assert not leaked, f"{tab.path} shows other families' children: {leaked}"


@pytest.mark.browser
def test_parent_sees_their_own_children_and_nobody_elses(site: Callable[[str], Any], demo: ModuleType) -> None:
    own = list(
        Child.objects.filter(current_children(), links__adult__user__email=demo.PARENT_EMAIL)
        .select_related("room", "key_person", "setting")
        .distinct()
    )
    assert own, "the demo parent has children"
    others = list(Child.objects.exclude(pk__in=[c.pk for c in own]))
    assert others, "the demo has other families"

    tab = site("phone")
    tab.sign_in(demo.PARENT_EMAIL, demo.DEMO_PASSWORD)
    assert tab.path == "/"
    page = tab.page
    for child in own:
        card = page.get_by_role("article", name=child.display_name)
        expect(card).to_be_visible()
        expect(card).to_contain_text(child.key_person.get_full_name())
        expect(card).to_contain_text(child.room.name)
        # the setting's emergency number is shown once per setting, below the children
        expect(page.get_by_role("link", name=child.setting.emergency_phone)).to_be_visible()
    assert_no_names_of(others, tab)
    tab.screenshot("parent-home.png")

    first_name, last_name = demo.MAIN_CHILD
    main_child = next(c for c in own if (c.first_name, c.last_name) == (first_name, last_name))
    tab.follow(page.get_by_role("link", name=main_child.display_name, exact=True))
    assert tab.path == main_child.get_absolute_url()
    expect(page.get_by_role("heading", level=1)).to_have_text(main_child.display_name)
    assert_no_names_of(others, tab)

    other_family = Child.objects.get(links__adult__user__email=demo.OTHER_PARENT_EMAIL)
    tab.visit(other_family.get_absolute_url(), status=404)
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_no_names_of(others, tab)


@pytest.mark.browser
def test_parent_barred_by_a_court_order_sees_no_child(site: Callable[[str], Any], demo: ModuleType) -> None:
    barred = Child.objects.get(links__adult__user__email=demo.RESTRICTED_PARENT_EMAIL, links__no_information=True)

    tab = site("phone")
    tab.sign_in(demo.RESTRICTED_PARENT_EMAIL, demo.DEMO_PASSWORD)
    assert tab.path == "/"
    expect(tab.page.get_by_role("heading", name="Nothing to show yet")).to_be_visible()
    assert_no_names_of([barred], tab)

    tab.visit(barred.get_absolute_url(), status=404)
    expect(tab.page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_no_names_of([barred], tab)
