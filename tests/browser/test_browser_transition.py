"""Starting school end to end (R55), in Chromium with axe on every page: the key person on a tablet,
the parent on her phone (360 px).

* Amira, Isla's key person, opens Isla's transition from her record ("Starting school"), changes a
  section of the demo report (already with the family, so it becomes a new version) and sends it
  to the family again.
* Emma, Isla's mum, opens "Starting school" under Isla on her phone, reads the report, adds her own
  words and agrees it.
* Amira sees that the family agreed it.
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
from tandem.records.models import TransitionReport

PHYSICAL = "Isla now puts on her coat and shoes by herself, and loves the climbing frame."
OWN_WORDS = "Isla is a kind big sister who loves drawing her family and our cat, Biscuit."


def field(scope: Any, label: str) -> Locator:
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}( \(optional\))?$"))


def heading(tab: Any) -> Locator:
    return tab.page.get_by_role("heading", level=1)


def status_message(tab: Any) -> Locator:
    return tab.page.get_by_role("status")


def staff_sign_in(tab: Any, demo: ModuleType, email: str) -> None:
    tab.sign_in(email, demo.DEMO_PASSWORD)
    tab.second_factor(demo.totp_secret(email))
    assert tab.path == "/"


@pytest.mark.browser
def test_the_transition_report_is_changed_resent_and_agreed(site: Callable[[str], Any], demo: ModuleType) -> None:
    isla = Child.objects.get(first_name="Isla", last_name="Morgan", leaving_date__isnull=True)
    report = TransitionReport.objects.get(transition__child=isla)
    assert report.status == TransitionReport.Status.WITH_FAMILY and report.version == 1

    # --- Amira, on a tablet: from Isla's record, changes a section and sends it again -------------------
    amira = site("tablet")
    staff_sign_in(amira, demo, demo.KEY_PERSON_EMAIL)
    amira.visit(reverse("people:child", args=[isla.pk]))
    amira.follow(amira.page.get_by_role("link", name="Starting school", exact=True).first)
    expect(heading(amira)).to_have_text(f"Starting school: {isla.display_name}")
    page = amira.page
    expect(page.get_by_role("region", name="Transition report")).to_contain_text("With the family")
    amira.follow(page.get_by_role("link", name="Change the report"))
    expect(heading(amira)).to_have_text("Transition report")
    field(page, "Physical development").fill(PHYSICAL)
    amira.follow(page.get_by_role("button", name="Save the report"))
    expect(status_message(amira).first).to_contain_text("The report is saved.")
    report.refresh_from_db()
    assert (report.version, report.status) == (2, TransitionReport.Status.DRAFT)
    amira.follow(page.get_by_role("button", name="Send to the family"))
    expect(status_message(amira).first).to_contain_text("The report is sent to the family to read and agree.")
    report.refresh_from_db()
    assert report.status == TransitionReport.Status.WITH_FAMILY

    # --- Emma, on her phone: reads it, adds her own words and agrees it -------------------------------
    emma = site("phone")
    emma.sign_in(demo.PARENT_EMAIL, demo.DEMO_PASSWORD)
    page = emma.page
    card = page.get_by_role("article", name=isla.display_name)
    emma.follow(card.get_by_role("link", name="Starting school", exact=True))
    expect(heading(emma)).to_have_text(f"{isla.preferred_name or isla.first_name} is starting school")
    expect(page.get_by_role("region", name=re.compile("transition report"))).to_contain_text(PHYSICAL)
    expect(page.get_by_role("region", name="Meetings with the school")).to_contain_text(
        "The teacher visits the setting"
    )
    field(page, "Your own words").fill(OWN_WORDS)
    emma.follow(page.get_by_role("button", name="Save your words"))
    expect(status_message(emma).first).to_contain_text("Your words are added to the report.")
    expect(page.get_by_role("region", name=re.compile("transition report"))).to_contain_text(OWN_WORDS)
    emma.follow(page.get_by_role("button", name="I agree with this report"))
    expect(status_message(emma).first).to_contain_text("you have agreed the report")
    report.refresh_from_db()
    assert report.is_agreed and report.agreed_version == 2 and report.agreed_by is not None
    assert report.agreed_by.first_name == "Emma"

    # --- Amira sees it agreed ------------------------------------------------------------------------
    amira.visit(reverse("records:transition", args=[report.transition_id]))
    expect(amira.page.get_by_role("region", name="Transition report")).to_contain_text("Agreed by the family")
    expect(amira.page.get_by_role("region", name="Transition report")).to_contain_text(OWN_WORDS)
