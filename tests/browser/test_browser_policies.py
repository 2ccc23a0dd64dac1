"""A policy revision end to end (R40, R41), in Chromium with axe on every page: from consultation
to acknowledgement.

Sarah, the manager (desktop), writes version 2 of the demo's "Confidentiality and client access to
records" and opens it for parents' comments. Emma Morgan, on her phone (360 px), finds it on "Have
your say", reads what would change (in words, and line by line) and comments. Sarah answers the
comment and adopts version 2, closing the comment period early; version 1 is replaced. Emma reads
the answer and confirms she has read and understood the version in force. Chloe, a practitioner (tablet),
finds it under "Policies you must read" and acknowledges it. Sarah sees who has and who has not
acknowledged version 2 (parents, and staff with their roles) and reminds those who have not.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, expect

from tandem.voice.demo.policies import CONFIDENTIALITY, CONFIDENTIALITY_V1
from tandem.voice.models import Acknowledgement, Policy, PolicyComment, PolicyVersion
from tandem.voice.selectors import policies as selectors

OLD_LINE = "Ask the manager: we will arrange it within 14 days."
NEW_LINE = "Ask the manager: we will arrange it within 10 working days, and explain anything you ask about."
ADDED = "- Records about a child are kept for three years after they leave, then destroyed securely."
CHANGES = "You can now see your child's records sooner (within 10 working days). We say how long we keep records."
COMMENT = "Could I see my child's records on a tablet at pick-up rather than waiting?"
ANSWER = "Yes: ask your key person and they will show you the records in Tandem at collection."


def field(scope: Any, label: str) -> Locator:
    """A form field by its label, which may end in "(optional)"."""
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}( \(optional\))?$"))


def heading(tab: Any) -> Locator:
    return tab.page.get_by_role("heading", level=1)


def status_message(tab: Any) -> Locator:
    return tab.page.get_by_role("status")


def main_menu(tab: Any, label: str) -> None:
    tab.follow(tab.page.get_by_role("navigation", name="Main").get_by_role("link", name=label, exact=True))


def staff_sign_in(tab: Any, demo: ModuleType, email: str) -> None:
    tab.sign_in(email, demo.DEMO_PASSWORD)
    tab.second_factor(demo.totp_secret(email))
    assert tab.path == "/"


def manager_opens_policy(tab: Any) -> None:
    main_menu(tab, "Office")
    tab.follow(tab.page.get_by_role("link", name=re.compile(r"^Policies and procedures")))
    expect(heading(tab)).to_have_text("Policies and procedures")
    tab.follow(tab.page.get_by_role("link", name=CONFIDENTIALITY, exact=True))
    expect(heading(tab)).to_have_text(CONFIDENTIALITY)


@pytest.mark.browser
def test_a_policy_revision_runs_from_consultation_to_acknowledgement(
    site: Callable[[str], Any], demo: ModuleType
) -> None:
    policy = Policy.objects.get(title=CONFIDENTIALITY)
    v1 = policy.versions.get(number=1)
    assert v1.status == "adopted" and OLD_LINE in v1.body

    # --- Sarah, the manager: writes version 2 and opens it for parents' comments --------------------
    sarah = site("desktop")
    staff_sign_in(sarah, demo, demo.MANAGER_EMAIL)
    page = sarah.page
    manager_opens_policy(sarah)
    sarah.follow(page.get_by_role("link", name="Write a new version"))
    expect(heading(sarah)).to_have_text("Write a new version")
    body = field(page, "The text of the policy")
    expect(body).to_have_value(CONFIDENTIALITY_V1)  # it starts from the version in force
    body.fill(
        CONFIDENTIALITY_V1.replace(OLD_LINE, NEW_LINE).replace(
            "## Staff, volunteers", ADDED + "\n\n## Staff, volunteers"
        )
    )
    field(page, "What changed").fill(CHANGES)
    sarah.follow(page.get_by_role("button", name="Save the draft"))
    expect(status_message(sarah)).to_contain_text("New version saved as a draft.")
    v2 = policy.versions.get(number=2)
    assert v2.status == "draft"
    sarah.follow(page.get_by_role("link", name="Open it for parents' comments"))
    expect(heading(sarah)).to_have_text("Open version 2 for parents' comments")
    sarah.follow(page.get_by_role("button", name="Open it for comments"), status=400)  # no date yet
    expect(page.get_by_role("alert").filter(has_text="There is a problem")).to_contain_text("Enter a date.")
    closes = timezone.localdate() + dt.timedelta(days=21)
    field(page, "Parents may comment until").fill(closes.isoformat())
    sarah.follow(page.get_by_role("button", name="Open it for comments"))
    expect(status_message(sarah)).to_contain_text("Families have been told.")
    v2.refresh_from_db()
    assert v2.status == "review" and v2.review_closes_on == closes

    # --- Emma, on her phone: reads what would change and comments -----------------------------------
    emma = site("phone")
    emma.sign_in(demo.PARENT_EMAIL, demo.DEMO_PASSWORD)
    epage = emma.page
    main_menu(emma, "Have your say")
    emma.follow(epage.get_by_role("link", name=f"{CONFIDENTIALITY}: tell us what you think"))
    expect(heading(emma)).to_have_text(f"{CONFIDENTIALITY}: version 2")
    changes = epage.get_by_role("region", name="What changed")
    expect(changes).to_contain_text(CHANGES)
    expect(changes.locator("ins").filter(has_text="working")).to_have_count(1)  # word by word
    expect(changes.locator("del").filter(has_text="14")).to_have_count(1)
    expect(changes).to_contain_text("Added: " + ADDED)  # a whole new line
    emma.follow(epage.get_by_role("link", name="Compare with another version"))
    expect(heading(emma)).to_have_text(f"What changed: {CONFIDENTIALITY}")
    expect(epage.get_by_role("region", name="Line by line").locator("ins")).not_to_have_count(0)
    epage.go_back()
    emma.check()
    field(epage, "Your comment").fill(COMMENT)
    emma.follow(epage.get_by_role("button", name="Send my comment"))
    expect(status_message(emma)).to_contain_text("your comment has been sent to the manager")
    expect(epage.get_by_role("region", name="Your comments")).to_contain_text(COMMENT)
    comment = PolicyComment.objects.get(version=v2)
    assert comment.author is not None and comment.author.email == demo.PARENT_EMAIL

    # --- Sarah answers the comment and adopts version 2, closing the comments early -------------------
    manager_opens_policy(sarah)
    sarah.follow(page.get_by_role("link", name="Parents' comments (1)"))
    expect(heading(sarah)).to_have_text("Parents' comments on version 2")
    expect(page.get_by_role("article")).to_contain_text(COMMENT)
    sarah.follow(page.get_by_role("link", name=re.compile(r"^Answer")))
    field(page, "Your answer").fill(ANSWER)
    sarah.follow(page.get_by_role("button", name="Save the answer"))
    expect(status_message(sarah)).to_contain_text("Answer saved.")
    sarah.follow(page.get_by_role("link", name="Adopt it"))
    expect(heading(sarah)).to_have_text("Adopt version 2")
    sarah.follow(page.get_by_role("button", name="Adopt it"), status=400)  # the comment period is still open
    expect(page.get_by_role("alert").filter(has_text="There is a problem")).to_contain_text(
        "close the comment period early"
    )
    page.get_by_role("checkbox", name="Close the comment period early and adopt it now").check()
    sarah.follow(page.get_by_role("button", name="Adopt it"))
    expect(status_message(sarah)).to_contain_text("Version 2 is in force.")
    v1.refresh_from_db()
    v2.refresh_from_db()
    assert (v1.status, v2.status) == ("superseded", "adopted")

    # --- Emma reads the answer and confirms the version in force ------------------------------------------
    emma.visit(f"/policies/versions/{v2.pk}/")
    expect(epage.get_by_role("region", name="Your comments")).to_contain_text(ANSWER)
    main_menu(emma, "Policies")
    expect(heading(emma)).to_have_text("Policies")
    to_confirm = epage.get_by_role("region", name="Policies to read and confirm")
    emma.follow(to_confirm.get_by_role("link", name=CONFIDENTIALITY))
    expect(epage.get_by_role("main")).to_contain_text("version 2, in force since")
    expect(epage.get_by_role("region", name="History of this policy")).to_contain_text("Version 1: in force from")
    emma.follow(epage.get_by_role("button", name="I have read and understood this"))
    expect(status_message(emma)).to_contain_text("you have confirmed that you have read and understood it")
    expect(epage.get_by_role("region", name="Confirmed")).to_contain_text("You confirmed on")

    # --- Chloe, a practitioner, on a tablet: "Policies you must read" --------------------------------------
    chloe = site("tablet")
    staff_sign_in(chloe, demo, demo.PRACTITIONER_EMAIL)
    main_menu(chloe, "Policies")
    must_read = chloe.page.get_by_role("region", name="Policies you must read")
    chloe.follow(must_read.get_by_role("link", name=CONFIDENTIALITY))
    chloe.follow(chloe.page.get_by_role("button", name="I have read and understood this"))
    expect(status_message(chloe)).to_contain_text("you have confirmed")
    main_menu(chloe, "Policies")
    must_read = chloe.page.get_by_role("region", name="Policies you must read")
    expect(must_read.get_by_role("link", name=CONFIDENTIALITY)).to_have_count(0)
    assert Acknowledgement.objects.filter(
        version=v2, user__email=demo.PRACTITIONER_EMAIL, acknowledged_as="staff"
    ).exists()

    # --- Sarah sees who has and who has not, and reminds them ------------------------------------------------
    parents = selectors.who_counts(v2, selectors.PARENTS)
    staff = selectors.who_counts(v2, selectors.STAFF)
    assert parents["done"] == 1 and staff["done"] == 1 and staff["waiting"] > 5
    manager_opens_policy(sarah)
    sarah.follow(page.get_by_role("link", name="Who has and has not acknowledged it"))
    expect(heading(sarah)).to_have_text("Who has acknowledged version 2")
    expect(page.locator("main")).to_contain_text(f"1 of {parents['total']} parents and carers have acknowledged it")
    expect(page.locator("main")).to_contain_text(f"1 of {staff['total']} staff, volunteers and students")
    expect(page.get_by_role("row").filter(has_text="Emma Morgan")).to_contain_text(
        timezone.localdate().strftime("%-d %b %Y")
    )
    sarah.follow(page.get_by_role("link", name="Staff, volunteers and students"))
    sarah.follow(page.get_by_role("link", name="Show only those who have not"))
    waiting = page.get_by_role("table")
    expect(waiting).to_contain_text("Jamal Robinson")
    expect(waiting).to_contain_text("Student on placement")  # Niamh, with her role
    expect(waiting).not_to_contain_text("Chloe Bennett")
    sarah.resize(360, 740)
    sarah.resize(1280, 800)
    sarah.follow(page.get_by_role("button", name="Remind everyone who has not acknowledged it"))
    expect(status_message(sarah)).to_contain_text("A reminder is on its way to")
    assert PolicyVersion.objects.get(pk=v2.pk).status == "adopted"
