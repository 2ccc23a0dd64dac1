"""The parent forum end to end (R38's "done when"), in Chromium with axe on every page; families on
their phones (360 px), where no page may scroll sideways.

Sarah, the manager, puts a proposal to the vote from the office (one mistake first). Emma Morgan and
Sana Ahmed vote on their phones from "Have your say"; Liam, Emma's partner, had the page open too:
his vote is refused, the family has voted. Before closing, everyone (Sarah included) sees only how
many families have voted. Voting closes (the proposal's closing time is moved into the past: the
live server shares the test's clock, and sign-ins would not survive a jump of days); everyone sees
the results with their counts, and Sarah says what the setting will do. Then Sana starts a topic,
Janet Osborne replies, and Emma, a parent representative, removes the reply with a reason: Sana
sees only the reason.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tandem.voice.models import ForumPost, Proposal, Vote, VoteFamily
from tests.browser.test_browser_complaints import field, heading, main_menu, staff_sign_in, status_message

TITLE = "Should sports day move to the morning?"
DESCRIPTION = "Sports day has always been in the afternoon. A morning start would be cooler for the children."
YES, NO = "Yes, in the morning", "No, keep the afternoon"
OUTCOME = "It is a tie, so sports day stays in the afternoon this year, with more shade and water."
TOPIC = "Lost property rail by the door"
FIRST_POST = "Could the lost property rail go inside the porch? Coats get wet when it rains."
REPLY = "The Osbornes' neighbours never label anything, that is the real problem."
REASON = "Please do not talk about other families"


def parent(site: Callable[[str], Any], demo: ModuleType, email: str) -> Any:
    tab = site("phone")
    tab.sign_in(email, demo.DEMO_PASSWORD)
    return tab


def open_vote(tab: Any) -> None:
    """A parent: "Have your say" in the menu, then the vote."""
    main_menu(tab, "Have your say")
    expect(heading(tab)).to_have_text("Have your say")
    tab.follow(tab.page.get_by_role("region", name="Votes open").get_by_role("link", name=TITLE))
    expect(heading(tab)).to_have_text(TITLE)
    expect(tab.page.get_by_role("note").filter(has_text="cannot be changed")).to_be_visible()


def choose(tab: Any, option: str) -> None:
    tab.page.get_by_role("group", name="Your family's vote").get_by_label(option, exact=True).check()


def vote(tab: Any, option: str) -> None:
    choose(tab, option)
    tab.follow(tab.page.get_by_role("button", name="Send our vote"))
    expect(status_message(tab)).to_contain_text("your family's vote is recorded")
    expect(tab.page.get_by_role("note").filter(has_text="Your family has voted")).to_be_visible()
    expect(tab.page.get_by_role("button", name="Send our vote")).to_have_count(0)


def open_forum(tab: Any) -> None:
    """A parent: "Have your say", then the way into the forum."""
    main_menu(tab, "Have your say")
    forum = tab.page.get_by_role("region", name="Parent forum")
    tab.follow(forum.get_by_role("link", name="Go to the parent forum"))
    expect(heading(tab)).to_have_text("Parent forum")


def no_split_shown(tab: Any) -> None:
    main = tab.page.locator("main")
    expect(main).not_to_contain_text("%")
    expect(tab.page.get_by_role("heading", name="Results")).to_have_count(0)
    expect(tab.page.get_by_role("table")).to_have_count(0)


@pytest.mark.browser
def test_a_forum_vote_closes_with_results_and_a_representative_moderates(
    site: Callable[[str], Any], demo: ModuleType
) -> None:
    # --- Sarah puts a proposal to the vote from the office ----------------------------------------------
    sarah = site("desktop")
    staff_sign_in(sarah, demo, demo.MANAGER_EMAIL)
    page = sarah.page
    main_menu(sarah, "Office")
    sarah.follow(page.get_by_role("link", name=re.compile(r"^Parent forum")))
    expect(heading(sarah)).to_have_text("Parent forum")
    expect(page.get_by_role("region", name="Your parent representatives")).to_contain_text("Emma Morgan")
    sarah.follow(page.get_by_role("link", name="Put a proposal to the vote"))
    field(page, "Title").fill(TITLE)
    field(page, "Option 1").fill(YES)
    sarah.follow(page.get_by_role("button", name="Open the vote"), status=400)  # one option, no description
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_contain_text("Give at least 2 options to choose from.")
    expect(summary).to_contain_text("Describe what families are voting on.")
    field(page, "What families are voting on").fill(DESCRIPTION)
    field(page, "Option 2").fill(NO)
    closes = timezone.localtime() + dt.timedelta(days=3)
    field(page, "Voting closes at").fill(closes.strftime("%Y-%m-%dT%H:%M"))
    sarah.follow(page.get_by_role("button", name="Open the vote"))
    expect(status_message(sarah)).to_contain_text("The vote is open and every family has been told.")
    expect(heading(sarah)).to_have_text(TITLE)
    proposal = Proposal.objects.get(title=TITLE)
    assert proposal.options == [YES, NO]

    # --- Emma and Liam (one family) open it on their phones; Emma votes, Liam's vote is refused ----------
    emma = parent(site, demo, demo.PARENT_EMAIL)
    open_vote(emma)
    liam = parent(site, demo, demo.STEP_PARENT_EMAIL)
    open_vote(liam)
    no_split_shown(emma)
    emma.follow(emma.page.get_by_role("button", name="Send our vote"), status=400)  # nothing chosen
    expect(emma.page.get_by_role("alert").filter(has_text="There is a problem")).to_contain_text(
        "Choose one of the options."
    )
    vote(emma, YES)
    choose(liam, NO)
    liam.follow(liam.page.get_by_role("button", name="Send our vote"), status=400)
    expect(liam.page.get_by_role("alert")).to_contain_text("Your family has already voted")
    expect(liam.page.get_by_role("button", name="Send our vote")).to_have_count(0)

    # --- Sana's family votes ---------------------------------------------------------------------------
    sana = parent(site, demo, demo.OTHER_PARENT_EMAIL)
    open_vote(sana)
    vote(sana, NO)
    assert Vote.objects.filter(proposal=proposal).count() == 2
    assert VoteFamily.objects.filter(proposal=proposal).count() == 3  # Isla and Alfie, Zara

    # --- before closing: the count only, for Sarah too -----------------------------------------------
    sarah.visit(f"/forum/votes/{proposal.pk}/")
    expect(page.locator("main")).to_contain_text("2 families have voted so far")
    no_split_shown(sarah)
    expect(page.get_by_role("link", name="Say what we will do")).to_have_count(0)

    # --- voting closes: the results, with their counts -------------------------------------------------
    now = timezone.now()
    Proposal.objects.filter(pk=proposal.pk).update(
        opens_at=now - dt.timedelta(days=3), closes_at=now - dt.timedelta(minutes=1)
    )
    sarah.visit(f"/forum/votes/{proposal.pk}/")
    results = page.get_by_role("region", name="Results")
    expect(results).to_contain_text("2 families voted.")
    expect(results.get_by_role("row", name=re.compile(rf"^{re.escape(YES)}"))).to_contain_text("1")
    expect(results.get_by_role("row", name=re.compile(rf"^{re.escape(YES)}"))).to_contain_text("50%")
    expect(results.get_by_role("row", name=re.compile(rf"^{re.escape(NO)}"))).to_contain_text("50%")
    expect(page.locator(".bar__fill.bar--w50")).to_have_count(2)
    sarah.follow(page.get_by_role("link", name="Say what we will do"))
    sarah.follow(page.get_by_role("button", name="Publish to families"), status=400)
    field(page, "What we will do").fill(OUTCOME)
    sarah.follow(page.get_by_role("button", name="Publish to families"))
    expect(page.get_by_role("region", name="What we will do")).to_contain_text(OUTCOME)

    emma.visit(f"/forum/votes/{proposal.pk}/")
    expect(emma.page.get_by_role("region", name="Results")).to_contain_text("2 families voted.")
    expect(emma.page.get_by_role("region", name="What we will do")).to_contain_text(OUTCOME)

    # --- Sana starts a topic; Janet replies; Emma, a representative, removes the reply -----------------
    open_forum(sana)
    sana.follow(sana.page.get_by_role("link", name="Start a topic"))
    field(sana.page, "Title").fill(TOPIC)
    field(sana.page, "Your message").fill(FIRST_POST)
    sana.follow(sana.page.get_by_role("button", name="Start the topic"))
    expect(heading(sana)).to_have_text(TOPIC)
    expect(sana.page.get_by_role("article")).to_contain_text("Parent")

    janet = parent(site, demo, demo.FOSTER_CARER_EMAIL)
    open_forum(janet)
    janet.follow(janet.page.get_by_role("link", name=TOPIC))
    field(janet.page, "Your reply").fill(REPLY)
    janet.follow(janet.page.get_by_role("button", name="Post your reply"))
    expect(status_message(janet)).to_contain_text("Your reply is posted.")

    open_forum(emma)
    emma.follow(emma.page.get_by_role("link", name=TOPIC))
    reply = emma.page.get_by_role("article", name="Post by Janet Osborne")
    emma.follow(reply.get_by_role("link", name=re.compile(r"^Remove this post")))
    expect(heading(emma)).to_have_text("Remove a post")
    emma.follow(emma.page.get_by_role("button", name="Remove it"), status=400)  # no reason
    field(emma.page, "Why are you removing it?").fill(REASON)
    emma.follow(emma.page.get_by_role("button", name="Remove it"))
    expect(status_message(emma)).to_contain_text("The post is removed.")
    expect(emma.page.get_by_role("article", name="Post by Janet Osborne")).to_contain_text(REASON)
    expect(emma.page.get_by_role("article", name="Post by Janet Osborne")).to_contain_text(REPLY)  # moderator
    post = ForumPost.objects.get(body=REPLY)
    assert post.hidden_reason == REASON and post.hidden_by is not None and post.hidden_by.email == demo.PARENT_EMAIL

    sana.visit(sana.path)
    removed = sana.page.get_by_role("article", name="Post by Janet Osborne")
    expect(removed).to_contain_text(f"Removed by a moderator: {REASON}")
    expect(sana.page.locator("main")).not_to_contain_text(REPLY)
    expect(sana.page.get_by_role("article").first).to_contain_text(FIRST_POST)
