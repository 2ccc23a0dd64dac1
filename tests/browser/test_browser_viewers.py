"""Who has seen this record (R65), in Chromium with axe on every page: Amira, Isla's key person, opens
Isla's record on a desktop; then Emma, Isla's mum, on her phone (360 px), opens "Who has seen this
record" under Isla and finds a "Key person" line for today, with no names, and her own views left out."""

from __future__ import annotations

import re
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from playwright.sync_api import expect

from tandem.people.models import Child


def staff_sign_in(tab: Any, demo: ModuleType, email: str) -> None:
    tab.sign_in(email, demo.DEMO_PASSWORD)
    tab.second_factor(demo.totp_secret(email))
    assert tab.path == "/"


@pytest.mark.browser
def test_a_parent_sees_that_the_key_person_opened_the_record_today(
    site: Callable[[str], Any], demo: ModuleType
) -> None:
    isla = Child.objects.get(first_name="Isla", last_name="Morgan", leaving_date__isnull=True)

    # --- Amira, Isla's key person, opens Isla's record -------------------------------------------------
    amira = site("desktop")
    staff_sign_in(amira, demo, demo.KEY_PERSON_EMAIL)
    amira.visit(reverse("people:child", args=[isla.pk]))
    expect(amira.page.get_by_role("heading", level=1)).to_contain_text("Isla")

    # --- Emma, on her phone: "Who has seen this record" under Isla --------------------------------------
    emma = site("phone")
    emma.sign_in(demo.PARENT_EMAIL, demo.DEMO_PASSWORD)
    page = emma.page
    card = page.get_by_role("article", name=isla.display_name)
    emma.follow(card.get_by_role("link", name="Who has seen this record", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Who has seen this record")
    views = page.get_by_role("region", name="Views, newest first")
    today = views.get_by_role("listitem").filter(has_text=date_format(timezone.localdate(), "l j F Y")).first
    expect(today).to_contain_text(re.compile(r"Key person\s+viewed the record"))
    expect(views).not_to_contain_text("Amira")
    expect(views).not_to_contain_text("Hussain")
    expect(page.get_by_role("region", name="How we keep the record private")).to_contain_text("Your own views")
    emma.screenshot("viewers-phone.png")
