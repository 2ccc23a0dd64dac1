"""Staff at a desk (and the staff home on a phone): two-factor sign-in, key children, the children list."""

from __future__ import annotations

import re
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest
from django.db.models import Q
from django.utils import timezone
from playwright.sync_api import expect

from tandem.core.models import User
from tandem.people.models import Child, Need


@pytest.mark.browser
def test_key_person_signs_in_with_a_code_and_opens_a_key_childs_record(
    site: Callable[[str], Any], demo: ModuleType
) -> None:
    key_person = User.objects.get(email=demo.KEY_PERSON_EMAIL)
    first_name, last_name = demo.MAIN_CHILD
    key_child = Child.objects.get(key_person=key_person, first_name=first_name, last_name=last_name)

    tab = site("desktop")
    tab.sign_in(demo.KEY_PERSON_EMAIL, demo.DEMO_PASSWORD)
    tab.second_factor(demo.totp_secret(demo.KEY_PERSON_EMAIL))
    assert tab.path == "/"
    page = tab.page
    key_children = page.get_by_role("region", name="Your key children")
    expect(key_children).to_be_visible()
    current = Q(leaving_date__isnull=True) | Q(leaving_date__gte=timezone.localdate())
    for child in Child.objects.filter(current, key_person=key_person):
        expect(key_children).to_contain_text(child.display_name)

    tab.follow(key_children.get_by_role("link", name=re.compile(re.escape(key_child.display_name))))
    assert tab.path == key_child.get_absolute_url()
    expect(page.get_by_role("heading", level=1)).to_have_text(key_child.display_name)
    # The key person must see what keeps the child safe.
    for need in Need.objects.filter(child=key_child, severe=True):
        expect(page.get_by_role("alert").filter(has_text=need.summary)).to_be_visible()
    expect(page.get_by_role("region", name="Family and contacts")).to_be_visible()


@pytest.mark.browser
def test_manager_finds_and_adds_a_child_and_sees_who_has_seen_the_record(
    site: Callable[[str], Any], demo: ModuleType
) -> None:
    manager = User.objects.get(email=demo.MANAGER_EMAIL)
    sought = Child.objects.get(first_name="Zofia", last_name="Kowalska")

    tab = site("desktop")
    tab.sign_in(demo.MANAGER_EMAIL, demo.DEMO_PASSWORD)
    tab.second_factor(demo.totp_secret(demo.MANAGER_EMAIL))
    assert tab.path == "/"
    page = tab.page
    tab.resize(360, 740)  # the staff home on a phone
    tab.resize(1280, 800)

    tab.follow(page.get_by_role("navigation", name="Main").get_by_role("link", name="Children", exact=True))
    assert tab.path == "/children/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Children")
    tab.screenshot("children-list.png")

    # The search updates the list in place (htmx) and puts the search in the address bar.
    results = page.locator("#results")
    page.get_by_label("Search by name").fill(sought.last_name)
    page.get_by_role("button", name="Search", exact=True).click()
    expect(results.get_by_role("row")).to_have_count(2)  # the heading row and one child
    expect(results.get_by_role("link", name=sought.display_name, exact=True)).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/children/\?q={sought.last_name}"))
    tab.check()

    tab.follow(page.get_by_role("link", name="Add a child", exact=True))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Add a child")
    save = page.get_by_role("button", name="Save", exact=True)
    tab.follow(save)
    summary = page.get_by_role("alert").filter(has=page.get_by_role("heading", name="There is a problem"))
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link")).to_have_count(3)  # first name, last name, date of birth

    page.get_by_label("Legal first name", exact=True).fill("Wren")
    page.get_by_label("Last name", exact=True).fill("Ashdown")
    page.get_by_label("Date of birth", exact=True).fill("2022-09-14")
    tab.follow(save)
    added = Child.objects.get(first_name="Wren", last_name="Ashdown")
    assert tab.path == added.get_absolute_url()
    expect(page.get_by_role("status")).to_contain_text("has been added")
    expect(page.get_by_role("heading", level=1)).to_have_text("Wren Ashdown")

    tab.follow(page.get_by_role("link", name="Who has seen this record"))
    assert tab.path == f"/children/{added.pk}/audit/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Who has seen or changed Wren Ashdown's record")
    expect(page.get_by_role("table").get_by_role("cell", name=manager.get_full_name()).first).to_be_visible()
