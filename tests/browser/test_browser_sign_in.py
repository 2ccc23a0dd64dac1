"""Signing in when it goes wrong, and staff who have not yet set up two-factor sign-in."""

from __future__ import annotations

import re
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest
from playwright.sync_api import expect

from tandem.core.models import Setting, SettingMembership, User
from tandem.core.roles import SettingRole


@pytest.mark.browser
def test_wrong_password_is_explained_on_the_sign_in_page(site: Callable[[str], Any], demo: ModuleType) -> None:
    tab = site("phone")
    tab.sign_in(demo.PARENT_EMAIL, "not-the-password")
    assert tab.path == "/accounts/login/"
    expect(tab.page.get_by_role("alert")).to_contain_text("not correct")
    expect(tab.page.get_by_label("Email address", exact=True)).to_have_value(demo.PARENT_EMAIL)


@pytest.mark.browser
def test_staff_without_two_factor_sign_in_must_set_it_up_first(site: Callable[[str], Any], demo: ModuleType) -> None:
    setting = Setting.objects.get(name=demo.SETTING["name"])
    password = "a-brand-new-starter-2026"
    newcomer = User.objects.create_user(
        email="new.starter@demo.tandem.invalid", password=password, first_name="Nadia", last_name="Newcombe"
    )
    SettingMembership.objects.create(
        user=newcomer, setting=setting, role=SettingRole.PRACTITIONER, room=setting.rooms.first()
    )

    tab = site("desktop")
    page = tab.page
    tab.sign_in(newcomer.email, password)
    assert tab.path == "/security/mfa-required/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor sign-in")
    tab.visit("/children/")  # nothing else opens until it is set up
    assert tab.path == "/security/mfa-required/"

    tab.follow(page.get_by_role("link", name="Set up an authenticator app"))
    if tab.path.startswith("/accounts/reauthenticate/"):
        # allauth asks for the password again before adding an authenticator, even just after signing in.
        page.get_by_label(re.compile(r"^Password:?$")).fill(password)
        tab.follow(page.get_by_role("button", name="Confirm"))
    assert tab.path == "/accounts/2fa/totp/activate/"
    secret = page.get_by_label("Authenticator secret", exact=True).input_value()
    page.get_by_label(re.compile(r"^Authenticator code:?$")).fill(tab.totp_now(secret))
    tab.follow(page.get_by_role("button", name="Activate"))
    assert tab.path.startswith("/accounts/2fa/recovery-codes/"), "the recovery codes follow"

    tab.visit("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Nadia")
