"""Questionnaires end to end (R36's "done when"), in Chromium with axe on every page; families on
their phones (360 px), where no page may scroll sideways.

Sarah, the manager, builds a confidential questionnaire (a choice, a scale and a free-text
question) from the office, previews it as a parent sees it and sends it. Three families answer on
their phones from "Have your say": Emma Morgan (one mistake first), Sana Ahmed and Janet Osborne.
Liam, Emma's partner, had the form open too: his answer is refused, the family has answered. Sarah
sees the results withheld below the minimum, then, once three families have answered, with charts,
and the comments without a name.
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

from tandem.voice.models import Participation, Questionnaire, Response

TITLE = "Settling in this term"
SETTLED = "How has your child settled this term?"
LISTEN = "How well do we listen to you?"
BETTER = "What could we do better?"
COMMENTS = {
    "emma": "A weekly photo in the journal would be lovely.",
    "sana": "Please write the newsletter in simpler English.",
    "janet": "More outdoor play when it is dry.",
}
FAMILY_NAMES = ("Emma", "Morgan", "Liam", "Carter", "Sana", "Ahmed", "Janet", "Osborne", "Isla", "Zara", "Jayden")


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


def add_question(tab: Any, kind: str, text: str, **fields: str) -> None:
    page = tab.page
    tab.follow(page.get_by_role("link", name="Add a question"))
    expect(heading(tab)).to_have_text("Add a question")
    page.get_by_role("group", name="Kind of question").get_by_label(kind, exact=True).check()
    field(page, "Question").fill(text)
    for label, value in fields.items():
        field(page, label).fill(value)
    if kind != "Free text":
        page.get_by_label("Families must answer this question").check()
    tab.follow(page.get_by_role("button", name="Add the question"))
    expect(status_message(tab)).to_contain_text("Question added.")


def open_questionnaire(tab: Any) -> None:
    """A parent: "Have your say" in the menu, then the questionnaire."""
    main_menu(tab, "Have your say")
    expect(heading(tab)).to_have_text("Have your say")
    section = tab.page.get_by_role("region", name="Questionnaires to answer")
    tab.follow(section.get_by_role("link", name=TITLE))
    expect(heading(tab)).to_have_text(TITLE)
    privacy = tab.page.get_by_role("complementary", name="Your answers are confidential")
    expect(privacy).to_contain_text("No one can link them to your family")


def fill_answers(tab: Any, settled: str, score: str, comment: str) -> None:
    page = tab.page
    page.get_by_role("group", name=SETTLED).get_by_label(settled, exact=True).check()
    page.get_by_role("group", name=LISTEN).get_by_label(re.compile(rf"^{score}\b")).check()
    field(page, BETTER).fill(comment)


def answer(tab: Any, settled: str, score: str, comment: str) -> None:
    fill_answers(tab, settled, score, comment)
    tab.follow(tab.page.get_by_role("button", name="Send our answers"))
    expect(status_message(tab)).to_contain_text("Thank you")
    thanks = tab.page.get_by_role("region", name="Thank you")
    expect(thanks).to_contain_text("cannot be shown to you again")
    expect(tab.page.locator("main")).not_to_contain_text(comment)


def parent(site: Callable[[str], Any], demo: ModuleType, email: str) -> Any:
    tab = site("phone")
    tab.sign_in(email, demo.DEMO_PASSWORD)
    return tab


@pytest.mark.browser
def test_a_confidential_questionnaire_is_built_answered_once_a_family_and_summarised(
    site: Callable[[str], Any], demo: ModuleType
) -> None:
    # --- Sarah builds it from the office -----------------------------------------------------------
    sarah = site("desktop")
    staff_sign_in(sarah, demo, demo.MANAGER_EMAIL)
    page = sarah.page
    main_menu(sarah, "Office")
    sarah.follow(page.get_by_role("link", name=re.compile(r"^Questionnaires")))
    expect(heading(sarah)).to_have_text("Questionnaires")
    sarah.follow(page.get_by_role("link", name="New questionnaire"))
    sarah.follow(page.get_by_role("button", name="Start the questionnaire"), status=400)  # nothing filled in
    expect(page.get_by_role("alert").filter(has_text="There is a problem")).to_contain_text(
        "Give the questionnaire a title."
    )
    field(page, "Title").fill(TITLE)
    field(page, "Introduction").fill("Two minutes of your time, please: it helps us plan next term.")
    expect(page.get_by_label("Confidential: answers are anonymous")).to_be_checked()  # on by default
    field(page, "Answers needed before results show").fill("3")
    field(page, "Closing date").fill((timezone.localdate() + dt.timedelta(days=14)).isoformat())
    sarah.follow(page.get_by_role("button", name="Start the questionnaire"))
    expect(status_message(sarah)).to_contain_text("Questionnaire started as a draft")
    add_question(
        sarah,
        "Choose one",
        SETTLED,
        **{"Options (for 'Choose one' and 'Choose any')": "Very well\nQuite well\nNot very well"},
    )
    add_question(
        sarah,
        "A scale from 1 to 5",
        LISTEN,
        **{"What 1 means (for a scale)": "Not at all", "What 5 means (for a scale)": "Very well"},
    )
    add_question(sarah, "Free text", BETTER, Hint="Please leave out names.")
    sarah.follow(page.get_by_role("link", name="Preview as a parent sees it"))
    expect(page.get_by_role("group", name=SETTLED)).to_be_visible()
    expect(page.get_by_role("button", name="Send our answers")).to_have_count(0)
    sarah.follow(page.get_by_role("link", name="Back to the questionnaire"))
    sarah.follow(page.get_by_role("button", name="Send to families"))
    expect(status_message(sarah)).to_contain_text("Sent")
    questionnaire = Questionnaire.objects.get(title=TITLE)
    assert questionnaire.status == Questionnaire.Status.OPEN and questionnaire.confidential

    # --- Emma, on her phone: one mistake, then her answers; Liam had the form open too -----------------
    emma = parent(site, demo, demo.PARENT_EMAIL)
    open_questionnaire(emma)
    liam = parent(site, demo, demo.STEP_PARENT_EMAIL)
    open_questionnaire(liam)
    emma.page.get_by_role("group", name=LISTEN).get_by_label(re.compile(r"^4\b")).check()
    emma.follow(emma.page.get_by_role("button", name="Send our answers"), status=400)
    summary = emma.page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_contain_text(f"{SETTLED}: Answer this question.")
    expect(summary.get_by_role("listitem")).to_have_count(1)
    answer(emma, "Very well", "4", COMMENTS["emma"])

    fill_answers(liam, "Not very well", "1", "Liam's different view.")
    liam.follow(liam.page.get_by_role("button", name="Send our answers"))
    expect(status_message(liam)).to_contain_text("Your family has already answered")
    expect(liam.page.get_by_role("button", name="Send our answers")).to_have_count(0)
    assert Response.objects.filter(questionnaire=questionnaire).count() == 1

    # --- Sana answers; Sarah sees the results still withheld -------------------------------------------
    sana = parent(site, demo, demo.OTHER_PARENT_EMAIL)
    open_questionnaire(sana)
    answer(sana, "Quite well", "3", COMMENTS["sana"])
    sarah.visit(f"/questionnaires/{questionnaire.pk}/")
    sarah.follow(page.get_by_role("link", name="Results", exact=True))
    expect(heading(sarah)).to_have_text(f"Results: {TITLE}")
    withheld = page.get_by_role("note").filter(has_text="Results are withheld")
    expect(withheld).to_contain_text("2 families have answered; results show once at least 3 have")
    expect(page.locator(".bar__fill")).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text(COMMENTS["emma"])

    # --- Janet, the foster carer, answers: now there are results ----------------------------------------
    janet = parent(site, demo, demo.FOSTER_CARER_EMAIL)
    open_questionnaire(janet)
    answer(janet, "Very well", "5", COMMENTS["janet"])
    assert Participation.objects.filter(questionnaire=questionnaire).count() == 4  # Isla, Alfie, Zara, Jayden
    assert not Response.objects.filter(questionnaire=questionnaire, adult__isnull=False).exists()

    sarah.visit(f"/questionnaires/{questionnaire.pk}/results/")
    expect(page.get_by_role("note").filter(has_text="Results are withheld")).to_have_count(0)
    settled = page.get_by_role("region", name=re.compile(rf"^1\. {re.escape(SETTLED)}"))
    very_well = settled.get_by_role("row", name=re.compile(r"^Very well"))
    expect(very_well).to_contain_text("2")
    expect(very_well).to_contain_text("67%")
    expect(settled.locator(".bar__fill.bar--w65")).to_have_count(1)
    listen = page.get_by_role("region", name=re.compile(rf"^2\. {re.escape(LISTEN)}"))
    expect(listen).to_contain_text("Average: 4.0 out of 5")
    comments = page.get_by_role("region", name=re.compile(rf"^3\. {re.escape(BETTER)}"))
    for comment in COMMENTS.values():
        expect(comments).to_contain_text(comment)
    main = page.locator("main").inner_text()
    for name in FAMILY_NAMES:
        assert not re.search(rf"\b{name}\b", main), f"{name} is on the results page"
    sarah.resize(360, 740)  # the results on a phone too
