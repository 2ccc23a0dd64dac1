"""The account pages a parent reaches from the menu, and password reset, pass axe at 360 px."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest
from playwright.sync_api import expect


@pytest.mark.browser
def test_forgotten_password_page(site: Callable[[str], Any], demo: ModuleType) -> None:
    tab = site("phone")
    tab.visit("/accounts/login/")
    tab.follow(tab.page.get_by_role("link", name="Forgotten your password?"))
    assert tab.path == "/accounts/password/reset/"
    tab.page.get_by_label("Email", exact=False).first.fill(demo.PARENT_EMAIL)
    tab.follow(tab.page.get_by_role("button", name="Reset"))
    assert tab.path == "/accounts/password/reset/done/"


@pytest.mark.browser
def test_a_parents_account_pages(site: Callable[[str], Any], demo: ModuleType) -> None:
    tab = site("phone")
    tab.sign_in(demo.PARENT_EMAIL, demo.DEMO_PASSWORD)
    for path in ("/accounts/password/change/", "/accounts/2fa/", "/accounts/email/"):
        tab.visit(path)
    tab.visit("/")
    tab.page.get_by_text("Emma", exact=True).click()  # the account menu
    tab.follow(tab.page.get_by_role("button", name="Sign out"))
    expect(tab.page.get_by_role("heading", name="Sign in to Tandem")).to_be_visible()
