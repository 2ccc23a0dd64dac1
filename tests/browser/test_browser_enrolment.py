"""Enrolment end to end: a parent invited in the demo enrols their child on a phone, and each step
reaches the right staff only.

The manager invites a parent who has no sign-in yet; the parent makes their sign-in from the
emailed link, then (from the links under their child on the home page) sends the registration
form, signs the partnership agreement, gives and withdraws photo consent, fills in All About Me
and replies to a settling-in note. The child's key person sees the family's words and the
withdrawal, the manager has the form to review and the signature to countersign, and a parent of
another family finds none of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import Locator, expect

from tandem.people.models import Adult, Child, ChildAdult

NEW_PASSWORD = "kettle-lantern-meadow-42"
LOVES = "Racing his toy cars down the slide, and digging in the sand pit."
COMFORTER = "A green dinosaur called Dino."
REPLY = "He talked about the cars all the way home. Thank you, Chloe!"
HEALTH_VISITOR = "Aisling Murphy, 01632 960321"
PHOTO_CONSENT = "#consent-photos_records"


def invitee_and_child() -> tuple[Adult, Child]:
    """A parent with parental responsibility, an email address and no sign-in, whose child has a
    settling-in plan with notes: in the demo, Harry O'Brien's mum."""
    link = (
        ChildAdult.objects.filter(
            adult__user__isnull=True,
            parental_responsibility=True,
            no_contact=False,
            no_information=False,
            child__settling_plan__isnull=False,
            child__settling_entries__isnull=False,
            child__leaving_date__isnull=True,
        )
        .exclude(adult__email="")
        .select_related("adult", "child")
        .order_by("child__last_name", "emergency_priority", "pk")
        .first()
    )
    assert link is not None, "the demo has a parent to invite whose child is settling in"
    return link.adult, link.child


def full_name(adult: Adult) -> str:
    return f"{adult.first_name} {adult.last_name}"


def child_card(tab: Any, child: Child) -> Locator:
    """The child's card on the parent's home page."""
    tab.visit("/")
    return tab.page.get_by_role("article", name=child.display_name)


def main_menu(tab: Any, label: str) -> None:
    tab.follow(tab.page.get_by_role("navigation", name="Main").get_by_role("link", name=label, exact=True))


def staff_sign_in(tab: Any, demo: ModuleType, email: str) -> None:
    tab.sign_in(email, demo.DEMO_PASSWORD)
    tab.second_factor(demo.totp_secret(email))
    assert tab.path == "/"


@pytest.mark.browser
def test_invited_parent_enrols_their_child_and_each_step_reaches_the_right_staff_only(
    site: Callable[[str], Any], demo: ModuleType, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)  # the signed copy of the agreement is made as it is signed
    invitee, child = invitee_and_child()
    name = full_name(invitee)
    key_person_email = child.key_person.email

    # --- the manager invites the parent --------------------------------------------------------
    manager = site("desktop")
    staff_sign_in(manager, demo, demo.MANAGER_EMAIL)
    page = manager.page
    main_menu(manager, "Families")
    assert manager.path == "/families/"
    page.get_by_label("Search by name or email").fill(invitee.last_name)
    page.get_by_label("Only those without a sign-in").check()
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page).to_have_url(re.compile(r"/families/\?.*unsigned=on"))
    results = page.locator("#results")
    row = results.get_by_role("row").filter(has=page.get_by_role("link", name=name, exact=True))
    expect(row).to_contain_text(child.display_name)
    expect(row).to_contain_text("Not yet")
    manager.check()

    manager.follow(row.get_by_role("link", name=name, exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_text(f"{invitee.first_name} has no sign-in yet")).to_be_visible()
    sent_before = len(mail.outbox)
    manager.follow(page.get_by_role("button", name="Send an invitation", exact=True))
    expect(page.get_by_role("status")).to_contain_text(f"An invitation has been emailed to {invitee.first_name}")
    assert len(mail.outbox) == sent_before + 1
    invitation = mail.outbox[-1]
    assert invitation.to == [invitee.email]
    found = re.search(r"https?://\S+/invitation/\S+/", str(invitation.body))
    assert found, f"no invitation link in the email:\n{invitation.body}"

    # --- the parent makes their sign-in on their phone -----------------------------------------
    parent = site("phone")
    page = parent.page
    parent.visit(urlsplit(found.group(0)).path)
    assert parent.path == "/invitation/accept/"  # the token has left the address bar
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Welcome to {child.setting.name}")
    expect(page.get_by_text(invitee.email)).to_be_visible()
    page.get_by_label("Choose a password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Type it again", exact=True).fill(NEW_PASSWORD)
    parent.follow(page.get_by_role("button", name="Make my sign-in"))
    assert parent.path.startswith("/accounts/login/")
    expect(page.get_by_role("status")).to_contain_text("Your sign-in is ready")
    parent.sign_in(invitee.email, NEW_PASSWORD)
    assert parent.path == "/"
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hello, {invitee.first_name}")
    expect(page.get_by_role("article")).to_have_count(1)

    # --- the registration form: one mistake, then sent ------------------------------------------
    card = child_card(parent, child)
    parent.follow(card.get_by_role("link", name="Registration form", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Registration form")
    parent.follow(page.get_by_role("link", name=re.compile(r"^(Fill in the form|Change the answers)$")))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Registration form for {child.display_name}")
    send = page.get_by_role("button", name=re.compile(r"^(Send the form to the setting|Save and send the changes)$"))
    page.get_by_label("Morning on Monday", exact=True).check()
    page.get_by_label("Full day on Monday", exact=True).check()  # a morning and a full day: not both
    parent.follow(send)
    summary = page.get_by_role("alert").filter(has=page.get_by_role("heading", name="There is a problem"))
    expect(summary).to_contain_text("On Monday, choose a full day or a morning or afternoon, not both.")
    page.get_by_label("Morning on Monday", exact=True).uncheck()
    page.get_by_label("Health visitor").fill(HEALTH_VISITOR)
    page.get_by_label("Anything else you would like us to know").fill("Harry calls every car a 'brum-brum'.")
    parent.follow(send)
    assert parent.path == f"/children/{child.pk}/registration/"
    expect(page.get_by_role("status")).to_contain_text("the form has been sent to the setting")
    expect(page.get_by_role("heading", name="Status: Submitted")).to_be_visible()
    answers = page.get_by_role("region", name="Answers")
    expect(answers).to_contain_text("Monday full day")
    expect(answers).to_contain_text(HEALTH_VISITOR)

    # --- the partnership agreement: an empty name first, then signed ----------------------------
    card = child_card(parent, child)
    parent.follow(card.get_by_role("link", name="Please sign the new agreement", exact=True))
    expect(page.get_by_role("heading", name="Not yet signed")).to_be_visible()
    sign = page.get_by_role("button", name="Sign the agreement", exact=True)
    parent.follow(sign)
    summary = page.get_by_role("alert").filter(has=page.get_by_role("heading", name="There is a problem"))
    expect(summary).to_contain_text("Type your full name to sign.")
    expect(summary).to_contain_text("Tick the box to say you have read the agreement and agree to it.")
    page.get_by_label("Your full name", exact=True).fill(name)
    page.get_by_label("I have read this agreement and I agree to it").check()
    parent.follow(sign)
    expect(page.get_by_role("status")).to_contain_text("Thank you for signing")
    expect(page.get_by_role("heading", name="waiting for the setting to countersign")).to_be_visible()
    expect(page.get_by_text(f"Signed by {name} on")).to_be_visible()

    # --- photo consent given -------------------------------------------------------------------
    card = child_card(parent, child)
    expect(card.get_by_role("link", name="Please sign the new agreement")).to_have_count(0)
    expect(card.get_by_role("link", name="Partnership agreement", exact=True)).to_be_visible()
    parent.follow(card.get_by_role("link", name="Consents", exact=True))
    photos = page.locator(PHOTO_CONSENT)
    expect(photos.get_by_role("heading")).to_have_text("Photographs for your child's records")
    # the demo records the paper form she filled in: withdrawn here, so that she can give it online
    expect(photos).to_contain_text(f"Given by {name}")
    parent.follow(photos.get_by_role("button", name=re.compile(r"^Withdraw consent")))
    expect(page.locator(PHOTO_CONSENT)).to_contain_text("Withdrawn")
    parent.follow(page.locator(PHOTO_CONSENT).get_by_role("button", name=re.compile(r"^Give consent")))
    expect(page.get_by_role("status")).to_contain_text("you have given consent for “Photographs for your child's")
    expect(page.locator(PHOTO_CONSENT)).to_contain_text(f"Given by {name}")

    # --- All About Me ---------------------------------------------------------------------------
    card = child_card(parent, child)
    parent.follow(card.get_by_role("link", name="All About Me", exact=True))
    parent.follow(page.get_by_role("link", name=re.compile(r"^(Fill in|Update) All About Me$")))
    page.get_by_label("What I love doing").fill(LOVES)
    page.get_by_label("My comforters").fill(COMFORTER)
    parent.follow(page.get_by_role("button", name="Save All About Me"))
    assert parent.path == f"/children/{child.pk}/all-about-me/"
    expect(page.get_by_text(LOVES)).to_be_visible()
    expect(page.get_by_text(f"Last updated by {name}")).to_be_visible()

    # --- settling in: an empty reply first, then a reply ----------------------------------------
    card = child_card(parent, child)
    parent.follow(card.get_by_role("link", name="Settling in", exact=True))
    note = page.locator("article.settling__entry").first
    expect(note).to_be_visible()
    parent.follow(note.get_by_role("button", name=re.compile(r"^Send")))
    expect(page.get_by_role("alert")).to_contain_text("Write your reply.")
    page.get_by_label("Your reply", exact=True).fill(REPLY)
    parent.follow(page.get_by_role("button", name="Send your reply"))
    expect(page.get_by_role("status")).to_contain_text("Your reply has been sent to the setting")
    expect(page.get_by_role("list", name="Replies").first).to_contain_text(REPLY)

    # --- and later, photo consent withdrawn -----------------------------------------------------
    card = child_card(parent, child)
    parent.follow(card.get_by_role("link", name="Consents", exact=True))
    parent.follow(page.locator(PHOTO_CONSENT).get_by_role("button", name=re.compile(r"^Withdraw consent")))
    expect(page.get_by_role("status")).to_contain_text("You have withdrawn consent")
    expect(page.locator(PHOTO_CONSENT)).to_contain_text("Withdrawn")

    # --- the key person sees the family's words and the withdrawal -----------------------------
    key_person = site("desktop")
    staff_sign_in(key_person, demo, key_person_email)
    page = key_person.page
    tile = page.get_by_role("region", name="Your key children").get_by_role(
        "link", name=re.compile(re.escape(child.display_name))
    )
    expect(tile).to_contain_text("No photo consent")
    key_person.follow(tile)
    assert key_person.path == child.get_absolute_url()
    expect(page.locator(".page-header").get_by_text("No photo consent")).to_be_visible()
    expect(page.get_by_role("region", name="Consents", exact=True)).to_contain_text("Withdrawn")
    about_me = page.get_by_role("region", name="All About Me", exact=True)
    expect(about_me).to_contain_text(LOVES)
    expect(about_me).to_contain_text(COMFORTER)
    expect(page.get_by_role("region", name="Settling in", exact=True)).to_contain_text("1 reply")
    key_person.follow(page.get_by_role("link", name="Open settling in"))
    expect(page.get_by_role("list", name="Replies").first).to_contain_text(name)
    expect(page.get_by_role("list", name="Replies").first).to_contain_text(REPLY)

    # --- the manager has the form to review and the signature to countersign --------------------
    page = manager.page
    manager.visit(f"/settings/{child.setting_id}/registrations/")
    expect(page.get_by_role("link", name=re.compile(r"^To review"))).to_have_attribute("aria-current", "page")
    manager.follow(page.get_by_role("table").get_by_role("link", name=child.display_name, exact=True))
    expect(page.get_by_role("heading", name="Status: Submitted")).to_be_visible()
    expect(page.get_by_role("region", name="Answers")).to_contain_text(HEALTH_VISITOR)
    expect(page.get_by_role("button", name="Mark as reviewed")).to_be_visible()

    manager.visit(f"/settings/{child.setting_id}/agreement/signatures/?show=awaiting")
    expect(page.get_by_role("heading", level=1)).to_have_text("Signatures to countersign")
    signature = page.get_by_role("row").filter(has=page.get_by_role("link", name=child.display_name, exact=True))
    expect(signature).to_contain_text(name)
    expect(signature.get_by_role("button", name=f"Countersign for {child.display_name}")).to_be_visible()

    # --- a parent of another family finds none of it ---------------------------------------------
    other = site("phone")
    other.sign_in(demo.OTHER_PARENT_EMAIL, demo.DEMO_PASSWORD)
    assert other.path == "/"
    expect(other.page.get_by_role("article", name=child.display_name)).to_have_count(0)
    for part in ("all-about-me", "consents", "settling-in"):
        other.visit(f"/children/{child.pk}/{part}/", status=404)
        expect(other.page.get_by_role("heading", level=1)).to_have_text("Page not found")
