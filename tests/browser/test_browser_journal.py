"""The learning journal end to end (issue 4's "Done when"), in Chromium with axe on every page.

* Isla's key person records a group observation of Isla, Freddie and Evie with two photos, says who
  each photo pictures, is told before sharing that Isla (no photo consent in the demo) holds the
  first photo back, and shares it. Isla's mum and Freddie's mum each see the second photo only;
  a parent of a child who is not in the observation gets "Page not found".
* Isla's mum adds something from home with a photo and a suggested next step; the key person reads
  it into the journal; it appears in Isla's journal. She then makes the journal book and downloads it.
* The progress check at two: Harry's key person starts it from the list of children due, asks his
  family, records their contribution and the plan; she may not sign it off, the manager does; she
  shares it, and Harry's mum reads it, downloads the PDF and says she has read it.

Two families of the demo have no sign-in (Freddie's, Harry's): the tests give one parent of each a
sign-in, as the invitation would.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import Locator, expect

from tandem.core.models import User
from tandem.people.models import Adult, Child

TITLE = "Planting sunflower seeds"
WHAT_HAPPENED = "Isla, Freddie and Evie filled pots with compost and pushed a seed into each one."
CAPTION_1 = "Isla and Freddie filling the pots"
CAPTION_2 = "Freddie and Evie watering the seeds"
HOME_TITLE = "Baking bread with Nan"
HOME_TEXT = "Isla kneaded the dough and counted the rolls: twelve!"
HOME_STEP = "Cutting with child-safe scissors on her own"
REPLY = "Thank you! We will bake rolls on Thursday too."


# --- the demo's families ----------------------------------------------------------------------


def child_named(first: str, last: str) -> Child:
    return Child.objects.get(first_name=first, last_name=last, leaving_date__isnull=True)


def give_sign_in(first: str, last: str, password: str) -> Adult:
    """A sign-in for a demo parent who has none yet (as accepting the emailed invitation makes)."""
    adult = Adult.objects.get(first_name=first, last_name=last, user__isnull=True)
    assert adult.email, f"{first} {last} has an email address in the demo"
    adult.user = User.objects.create_user(adult.email, password, first_name=first, last_name=last)
    adult.save(update_fields=["user"])
    return adult


def photo(path: Path, colour: tuple[int, int, int]) -> str:
    """A small real JPEG."""
    image = Image.new("RGB", (320, 240), (170, 215, 245))
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 160, 320, 240), fill=(110, 180, 90))
    pen.ellipse((120, 80, 200, 160), fill=colour)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    path.write_bytes(out.getvalue())
    return str(path)


# --- moving about -----------------------------------------------------------------------------


def child_link(tab: Any, child: Child, label: str) -> None:
    """From the parent's home page, a link under their child."""
    tab.visit("/")
    card = tab.page.get_by_role("article", name=child.display_name)
    tab.follow(card.get_by_role("link", name=label, exact=True))


def main_menu(tab: Any, label: str) -> None:
    tab.follow(tab.page.get_by_role("navigation", name="Main").get_by_role("link", name=label, exact=True))


def staff_sign_in(tab: Any, demo: ModuleType, email: str) -> None:
    tab.sign_in(email, demo.DEMO_PASSWORD)
    tab.second_factor(demo.totp_secret(email))
    assert tab.path == "/"


def field(scope: Any, label: str) -> Locator:
    """A form field by its label, which may end in "(optional)"."""
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}( \(optional\))?$"))


def status_message(tab: Any) -> Locator:
    return tab.page.get_by_role("status")


def photos_load(scope: Locator) -> None:
    """Every picture in ``scope`` has really loaded (none broken)."""
    for img in scope.get_by_role("img").all():
        img.scroll_into_view_if_needed()
        expect(img).to_have_js_property("complete", True)
        assert img.evaluate("i => i.naturalWidth") > 0, img.get_attribute("src")


def fetch_status(tab: Any, path: str) -> int:
    """The HTTP status of ``path`` for the tab's signed-in user (as an <img> would load it)."""
    return tab.page.request.get(tab.url(path)).status


def download(tab: Any, target: Locator, into: Path) -> bytes:
    with tab.page.expect_download() as waiting:
        target.click()
    saved = into / waiting.value.suggested_filename
    waiting.value.save_as(saved)
    return saved.read_bytes()


# --- 1 to 4: a group observation, consent, learning at home, the book ---------------------------


@pytest.mark.browser
def test_a_group_observation_reaches_each_family_as_consent_allows_and_a_parent_adds_from_home(
    site: Callable[[str], Any], demo: ModuleType, tmp_path: Path
) -> None:
    isla, freddie, evie = (
        child_named("Isla", "Morgan"),
        child_named("Freddie", "Hughes"),
        child_named("Evie", "Johnson"),
    )
    zara = child_named("Zara", "Ahmed")
    rachel = give_sign_in("Rachel", "Hughes", demo.DEMO_PASSWORD)  # Freddie's mum
    photos = [photo(tmp_path / "pots.jpg", (230, 120, 40)), photo(tmp_path / "watering.jpg", (40, 160, 160))]

    # --- the key person records a group observation with two photos ---------------------------
    amira = site("desktop")
    staff_sign_in(amira, demo, demo.KEY_PERSON_EMAIL)
    page = amira.page
    main_menu(amira, "Journal")
    expect(page.get_by_role("heading", level=1)).to_have_text("Learning journal")
    amira.follow(page.get_by_role("link", name="Record an observation", exact=True))
    children = page.get_by_role("group", name="Children", exact=True)
    for child in (isla, freddie, evie):
        children.get_by_label(child.display_name, exact=True).check()
    field(page, "Title").fill(TITLE)
    field(page, "What happened").fill(WHAT_HAPPENED)
    page.get_by_role("group", name="Understanding the world").get_by_label("The natural world").check()
    page.get_by_label("Playing and exploring", exact=True).check()
    field(page, "Photos and videos").set_input_files(photos)
    page.get_by_label("Staff only", exact=True).check()
    amira.follow(page.get_by_role("button", name="Save the observation"))
    expect(status_message(amira)).to_contain_text("The observation has been saved")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("#obs-media img")).to_have_count(2)  # prepared by the task queue
    photos_load(page.locator("#obs-media"))
    # both photos picture all three children until she says otherwise: Isla holds both back
    expect(page.get_by_role("region", name="Sharing with families")).to_contain_text(
        "Photo 2 will not be shown to any family: Isla Morgan has no photo consent."
    )

    # --- she says who each photo pictures -------------------------------------------------------
    amira.follow(page.get_by_role("link", name="Change the observation", exact=True))
    for number, caption, leave_out in ((1, CAPTION_1, evie), (2, CAPTION_2, isla)):
        amira.follow(page.get_by_role("link", name=f"Caption, children or remove (photo {number})"))
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Photo {number}")
        field(page, "Caption").fill(caption)
        page.get_by_role("group", name="Children in it").get_by_label(leave_out.display_name, exact=True).uncheck()
        amira.follow(page.get_by_role("button", name="Save", exact=True))
        expect(status_message(amira)).to_contain_text("Saved.")
    media_list = page.get_by_role("region", name="Photos and videos in this observation")
    for number, caption, pictured, not_pictured in (
        (1, CAPTION_1, (isla, freddie), evie),
        (2, CAPTION_2, (freddie, evie), isla),
    ):
        item = media_list.get_by_role("listitem").nth(number - 1)
        expect(item).to_contain_text(f"Photo {number}: {caption}. Shows: ")
        for child in pictured:
            expect(item).to_contain_text(child.display_name)
        expect(item).not_to_contain_text(not_pictured.display_name)

    # --- before sharing, she is told which child blocks which photo ----------------------------
    amira.follow(page.get_by_role("link", name="Back to the observation"))
    amira.follow(page.get_by_role("link", name="Share with families", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Share with families")
    warning = page.locator(".callout--urgent")
    expect(warning).to_contain_text(
        "Photo 1 will not be shown to any family: Isla Morgan has no photo consent. "
        "Untick Isla in this photo or remove it."
    )
    expect(warning).not_to_contain_text("Photo 2")
    amira.follow(page.get_by_role("button", name="Share with families", exact=True))
    expect(status_message(amira)).to_contain_text("Shared with the families")
    observation_id = int(re.search(r"/journal/(\d+)/$", amira.path).group(1))  # type: ignore[union-attr]
    media = list(isla.observation_links.get(observation_id=observation_id).observation.media.order_by("order", "pk"))
    assert [m.caption for m in media] == [CAPTION_1, CAPTION_2]
    blocked, shown = media

    # --- Isla's mum sees the second photo only -------------------------------------------------
    emma = site("phone")
    emma.sign_in(demo.PARENT_EMAIL, demo.DEMO_PASSWORD)
    page = emma.page
    child_link(emma, isla, "Learning journal")
    emma.follow(page.get_by_role("link", name=TITLE, exact=True))
    entry = page.get_by_role("article", name=TITLE)
    expect(entry).to_contain_text("Isla, Freddie and Evie filled pots")
    expect(entry.get_by_role("img")).to_have_count(1)
    expect(entry.get_by_role("img", name=CAPTION_2)).to_be_visible()
    photos_load(entry)
    expect(page.get_by_text("Group observation")).to_have_count(0)  # staff only: no other names listed
    assert fetch_status(emma, f"/children/{isla.pk}/journal/media/{shown.pk}/") == 200
    assert fetch_status(emma, f"/children/{isla.pk}/journal/media/{blocked.pk}/") == 404
    assert fetch_status(emma, f"/children/{isla.pk}/journal/media/{blocked.pk}/thumb/") == 404

    # --- so does Freddie's mum, in Freddie's journal ---------------------------------------------
    freddies = site("phone")
    freddies.sign_in(rachel.email, demo.DEMO_PASSWORD)
    child_link(freddies, freddie, "Learning journal")
    freddies.follow(freddies.page.get_by_role("link", name=TITLE, exact=True))
    entry = freddies.page.get_by_role("article", name=TITLE)
    expect(entry.get_by_role("img")).to_have_count(1)
    expect(entry.get_by_role("img", name=CAPTION_2)).to_be_visible()
    photos_load(entry)
    assert fetch_status(freddies, f"/children/{freddie.pk}/journal/media/{shown.pk}/") == 200
    assert fetch_status(freddies, f"/children/{freddie.pk}/journal/media/{blocked.pk}/") == 404
    # and her own child's observation only
    freddies.visit(f"/children/{isla.pk}/journal/{observation_id}/", status=404)

    # --- a family whose child is not in it finds nothing -----------------------------------------
    sana = site("phone")
    sana.sign_in(demo.OTHER_PARENT_EMAIL, demo.DEMO_PASSWORD)
    sana.visit(f"/children/{zara.pk}/journal/{observation_id}/", status=404)
    expect(sana.page.get_by_role("heading", level=1)).to_have_text("Page not found")
    sana.visit(f"/children/{isla.pk}/journal/{observation_id}/", status=404)
    assert fetch_status(sana, f"/children/{zara.pk}/journal/media/{shown.pk}/") == 404
    assert fetch_status(sana, f"/children/{isla.pk}/journal/media/{shown.pk}/") == 404
    sana.visit(f"/children/{zara.pk}/journal/")
    expect(sana.page.get_by_role("link", name=TITLE)).to_have_count(0)

    # --- Isla's mum adds something from home, with a photo and a next step ----------------------
    page = emma.page
    child_link(emma, isla, "Learning at home")
    emma.follow(page.get_by_role("link", name="Add something from home"))
    field(page, "What happened").fill(HOME_TEXT)
    field(page, "A title").fill(HOME_TITLE)
    field(page, "Photos or short videos").set_input_files(photo(tmp_path / "bread.jpg", (200, 150, 90)))
    page.get_by_role("group", name=re.compile("^What it shows")).get_by_label("Number", exact=True).check()
    field(page, "A next step you would like to suggest").fill(HOME_STEP)
    field(page, "Area of learning of the next step").select_option(label="Physical development")
    emma.follow(page.get_by_role("button", name="Send to the setting"))
    waiting = page.get_by_role("region", name="Yours, waiting to be read").get_by_role("article", name=HOME_TITLE)
    expect(waiting).to_contain_text("Not read yet")
    expect(waiting).to_contain_text(HOME_STEP)
    expect(waiting.get_by_role("img", name="Photo 1 from home")).to_be_visible()

    # --- her key person reads it into the journal, from Journal → From home ----------------------
    page = amira.page
    main_menu(amira, "Journal")
    amira.follow(page.get_by_role("link", name=re.compile("^From home")))
    expect(page.get_by_role("heading", level=1)).to_have_text("From home")
    item = page.get_by_role("article", name=HOME_TITLE)
    expect(item).to_contain_text(HOME_TEXT)
    page.get_by_label(f"Your reply to {HOME_TITLE}").fill(REPLY)
    amira.follow(page.get_by_role("button", name=re.compile(rf"^Add to the journal\s*:\s*{HOME_TITLE}$")))
    expect(page.get_by_role("article", name=HOME_TITLE)).to_have_count(0)

    # --- it is in Isla's journal -----------------------------------------------------------------
    page = emma.page
    child_link(emma, isla, "Learning journal")
    emma.follow(page.get_by_role("link", name=HOME_TITLE, exact=True))
    entry = page.get_by_role("article", name=HOME_TITLE)
    expect(entry).to_contain_text("from home")
    expect(entry).to_contain_text(HOME_TEXT)
    expect(entry.get_by_role("img")).to_have_count(1)
    photos_load(entry)
    child_link(emma, isla, "Learning at home")
    read = page.get_by_role("region", name="Read and added to the journal").get_by_role("article", name=HOME_TITLE)
    expect(read).to_contain_text(REPLY)
    child_link(emma, isla, "Next steps")
    expect(page.get_by_text(HOME_STEP)).to_be_visible()

    # --- the book: made in the task queue, then downloaded --------------------------------------
    child_link(emma, isla, "Learning journal book (PDF)")
    emma.follow(page.get_by_role("button", name="Make the book"))
    expect(page.get_by_role("heading", name="Your book is ready")).to_be_visible()
    emma.check()
    book = download(emma, page.get_by_role("link", name="Download the book (PDF)"), tmp_path)
    assert book.startswith(b"%PDF"), book[:20]

    # --- the rest of what a parent sees ----------------------------------------------------------
    child_link(emma, isla, "Today in the room")
    emma.follow(page.get_by_role("link", name=re.compile("^The planning board")))
    child_link(emma, isla, "Summaries")
    main_menu(emma, "Offer to help")
    expect(page.get_by_role("heading", level=1)).to_have_text("Offer to help")

    # --- and what staff see ---------------------------------------------------------------------
    page = amira.page
    main_menu(amira, "Journal")
    amira.follow(page.get_by_role("link", name=re.compile("^Butterflies: today and planning")))
    amira.follow(page.get_by_role("link", name=re.compile("^The planning board")))
    amira.visit(f"/children/{isla.pk}/journal/next-steps/")
    amira.visit(f"/children/{isla.pk}/journal/summaries/")


# --- 5: the progress check at two ----------------------------------------------------------------

STRENGTHS = {
    "Communication and language": "Harry names his favourite vehicles and joins in with 'Wheels on the Bus'.",
    "Personal, social and emotional development": "Harry waves goodbye at the door and settles with Chloe.",
    "Physical development": "Harry climbs the low frame and runs across the garden without falling.",
}
FAMILY_WORDS = "At home Harry chats to his toy cars and loves splashing in the bath."
PARENTS = "Siobhan told us Harry is sleeping better and now asks for 'more' at tea."
PLAN = "At the setting and at home: name the cars and colours with him, and share picture books daily."


@pytest.mark.browser
def test_the_progress_check_at_two_is_written_signed_off_by_another_shared_and_read_by_the_family(
    site: Callable[[str], Any], demo: ModuleType, tmp_path: Path
) -> None:
    harry = child_named("Harry", "O'Brien")
    siobhan = give_sign_in("Siobhan", "O'Brien", demo.DEMO_PASSWORD)  # his mum: parental responsibility
    assert harry.key_person is not None
    key_person_email = harry.key_person.email

    # --- his key person starts it from the list of children due -----------------------------------
    chloe = site("desktop")
    staff_sign_in(chloe, demo, key_person_email)
    page = chloe.page
    main_menu(chloe, "Journal")
    chloe.follow(page.get_by_role("link", name=re.compile("^Progress checks at two")))
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=harry.display_name, exact=True))
    expect(row).to_contain_text(re.compile("Due now|Overdue"))
    chloe.follow(row.get_by_role("link", name=harry.display_name, exact=True))
    expect(page.get_by_text("No progress check has been started yet.")).to_be_visible()
    chloe.follow(page.get_by_role("button", name="Start a progress check"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Write the progress check at two")
    for area, text in STRENGTHS.items():
        page.get_by_role("group", name=area).get_by_label(re.compile("^Strengths")).fill(text)
    chloe.follow(page.get_by_role("button", name="Save the draft"))
    expect(status_message(chloe)).to_contain_text("The check has been saved.")
    chloe.follow(page.get_by_role("button", name="Ask the family to add their part"))
    expect(status_message(chloe)).to_contain_text("The family has been asked to add their part")
    check_path = chloe.path

    # --- his mum adds her part, without seeing the draft ------------------------------------------
    mum = site("phone")
    mum.sign_in(siobhan.email, demo.DEMO_PASSWORD)
    child_link(mum, harry, "Progress check at two")
    expect(mum.page.get_by_role("heading", name="We would like to hear from you")).to_be_visible()
    expect(mum.page.get_by_text(STRENGTHS["Physical development"])).to_have_count(0)
    mum.follow(mum.page.get_by_role("link", name="Add your contribution"))
    field(mum.page, "What would you like to tell us about your child?").fill(FAMILY_WORDS)
    mum.follow(mum.page.get_by_role("button", name=re.compile("^Send to ")))
    expect(status_message(mum)).to_contain_text("Thank you. Your words will be part of the check.")
    mum.visit(check_path, status=404)  # the rest of the draft stays with the setting

    # --- the key person records the parents' contribution and the plan -------------------------
    chloe.visit(check_path)
    chloe.follow(page.get_by_role("link", name="Change the draft"))
    expect(page.get_by_role("heading", name="What the family wrote online")).to_be_visible()
    expect(page.get_by_text(FAMILY_WORDS)).to_be_visible()
    field(page, "The parents' contribution").fill(PARENTS)
    field(page, "The plan agreed").fill(PLAN)
    chloe.follow(page.get_by_role("button", name="Save the draft"))
    expect(status_message(chloe)).to_contain_text("The check has been saved.")
    # she wrote it, so she cannot sign it off
    expect(page.get_by_role("button", name="Sign off")).to_have_count(0)
    expect(page.get_by_text("A manager, deputy or SENCO who did not write the check signs it off.")).to_be_visible()
    expect(page.get_by_role("button", name="Share with the family")).to_have_count(0)

    # --- the manager signs it off ------------------------------------------------------------------
    manager = site("desktop")
    staff_sign_in(manager, demo, demo.MANAGER_EMAIL)
    main_menu(manager, "Journal")
    manager.follow(manager.page.get_by_role("link", name=re.compile("^Progress checks at two")))
    row = manager.page.get_by_role("row").filter(has=manager.page.get_by_role("link", name=harry.display_name))
    expect(row).to_contain_text("(draft started)")
    manager.follow(row.get_by_role("link", name=harry.display_name, exact=True))
    manager.follow(manager.page.get_by_role("link", name=re.compile("^Progress check started")))
    expect(manager.page.get_by_role("region", name="The plan agreed")).to_contain_text(PLAN)
    manager.follow(manager.page.get_by_role("button", name="Sign off"))
    expect(status_message(manager)).to_contain_text("Signed off.")
    expect(manager.page.get_by_role("link", name="Change the draft")).to_have_count(0)
    # the rest of the manager's journal page
    for tile in ("Summaries", "Parents' offers of help", "Journal settings"):
        main_menu(manager, "Journal")
        manager.follow(manager.page.get_by_role("link", name=re.compile(f"^{tile}")))
    expect(manager.page.get_by_role("group", name="Framework you track progress with")).to_be_visible()

    # --- the key person shares it with the family ---------------------------------------------------
    chloe.visit(check_path)
    expect(page.get_by_role("link", name="Change the draft")).to_have_count(0)
    chloe.follow(page.get_by_role("button", name="Share with the family"))
    expect(status_message(chloe)).to_contain_text("Shared with the family.")

    # --- his mum reads it, downloads the PDF and says she has read it ----------------------------
    page = mum.page
    child_link(mum, harry, "Progress check at two")
    mum.follow(page.get_by_role("link", name=re.compile("^Progress check of ")))
    assert mum.path == check_path
    for area, text in STRENGTHS.items():
        expect(page.get_by_role("region", name=area)).to_contain_text(text)
    parents = page.get_by_role("region", name="The parents' contribution")
    expect(parents).to_contain_text(PARENTS)
    expect(parents).to_contain_text(FAMILY_WORDS)
    expect(page.get_by_role("region", name="The plan agreed")).to_contain_text(PLAN)
    pdf = download(mum, page.get_by_role("link", name="Download the check (PDF)"), tmp_path)
    assert pdf.startswith(b"%PDF"), pdf[:20]
    mum.follow(page.get_by_role("button", name="I have read it"))
    expect(status_message(mum)).to_contain_text("Thank you for letting us know you have read it.")
    expect(page.get_by_role("button", name="I have read it")).to_have_count(0)

    # --- and the setting sees that she has -------------------------------------------------------
    chloe.visit(check_path)
    expect(chloe.page.get_by_text("The family said they had read it on")).to_be_visible()

    # --- another family finds none of it ------------------------------------------------------------
    other = site("phone")
    other.sign_in(demo.OTHER_PARENT_EMAIL, demo.DEMO_PASSWORD)
    other.visit(check_path, status=404)
    other.visit(f"/children/{harry.pk}/journal/checks/", status=404)
