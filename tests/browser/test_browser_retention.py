"""Retention and archiving end to end (R67), in Chromium with axe on every page, on a desktop.

Sarah, the demo's manager, opens the retention schedule, tries a period below the minimum (the error
is shown), saves a valid one; archives Archie Dawson, who left six weeks ago; tries to destroy Oscar
Bramwell's record (he left last summer: refused); destroys Poppy Hartley's children's records (she
left four summers before last) with a reason, and sees the line in the destruction log.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Locator, expect

from tandem.people.models import Child
from tandem.records.models import Archive, DestructionLog, RetentionRule


def field(scope: Any, label: str) -> Locator:
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}( \(optional\))?$"))


@pytest.mark.browser
def test_the_manager_keeps_the_schedule_archives_and_destroys(site: Callable[[str], Any], demo: ModuleType) -> None:
    archie = Child.objects.get(first_name="Archie", last_name="Dawson")
    oscar = Child.objects.get(first_name="Oscar", last_name="Bramwell")
    poppy = Child.objects.get(first_name="Poppy", last_name="Hartley")
    setting = archie.setting

    sarah = site("desktop")
    sarah.sign_in(demo.MANAGER_EMAIL, demo.DEMO_PASSWORD)
    sarah.second_factor(demo.totp_secret(demo.MANAGER_EMAIL))
    page = sarah.page

    # --- the schedule: a period below the minimum is refused, a longer one saved ------------------------
    sarah.visit(reverse("records:retention_schedule", args=[setting.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Retention schedule")
    sarah.follow(page.get_by_role("link", name="Change the period for special educational needs records"))
    field(page, "Years").fill("20")
    sarah.follow(page.get_by_role("button", name="Save the period"), status=400)
    expect(page.get_by_text("must be kept at least until the child is 25").first).to_be_visible()
    field(page, "Years").fill("26")
    field(page, "Where this comes from in your policy").fill("SEND policy, section 9")
    sarah.follow(page.get_by_role("button", name="Save the period"))
    expect(page.get_by_role("cell", name="until the child is 26")).to_be_visible()
    assert RetentionRule.objects.get(setting=setting, record_type="sen").years == 26

    # --- archive a leaver from their record --------------------------------------------------------------
    sarah.visit(reverse("people:child", args=[archie.pk]))
    sarah.follow(page.get_by_role("link", name="Archive the record"))
    field(page, "Note").fill("Moved away")
    sarah.follow(page.get_by_role("button", name="Archive the record"))
    expect(page.get_by_role("status").first).to_contain_text("can be read but not changed")
    assert Archive.objects.filter(child=archie).exists()

    # --- the recent leaver's record must be kept -----------------------------------------------------------
    sarah.visit(reverse("records:retention_archived", args=[setting.pk]))
    sarah.visit(reverse("records:retention_destroy", kwargs={"pk": oscar.pk, "record_type": "child"}))
    field(page, "Reason").fill("Tidying up")
    page.get_by_label(re.compile("I have reviewed these records")).check()
    sarah.follow(page.get_by_role("button", name="Destroy these records"), status=400)
    expect(page.get_by_text(re.compile(r"must be kept until \d\d/\d\d/\d{4}")).first).to_be_visible()
    assert Child.objects.filter(pk=oscar.pk).exists()

    # --- the old leaver's children's records are destroyed --------------------------------------------------
    sarah.visit(reverse("records:retention_review", args=[poppy.pk]))
    sarah.follow(
        page.get_by_role("link", name="Review and destroy children's records (learning journal, registers, contacts)")
    )
    expect(page.get_by_text("Children: 1")).to_be_visible()
    field(page, "Reason").fill("Kept for three years after she left, as our policy says.")
    page.get_by_label(re.compile("I have reviewed these records")).check()
    sarah.follow(page.get_by_role("button", name="Destroy these records"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Destruction log")
    expect(page.get_by_role("cell", name=re.compile(r"^PH, born \d{4}, left 31.07.\d{4}$"))).to_be_visible()
    assert not Child.objects.filter(pk=poppy.pk).exists()
    assert DestructionLog.objects.filter(setting=setting, record_type="child").count() == 1
