"""The communication hub end to end (issue 5's "Done when"), in Chromium with axe on every page:
families on their phones (360 px), staff on a tablet (768 px) or a desktop; no page on a phone or
a tablet may scroll sideways.

* Messages (R26): Emma Morgan opens the demo conversation about Isla, replies with a photo; Isla's
  key person Amira sees it as new in her inbox and replies; Emma is told (the "Notifications"
  link in the header counts it), opens the reply from her notifications and chooses a daily digest
  for messages. She then tells the setting about a change at home (one mistake first).
* News in the parent's language (R28, R31): the manager writes a newsletter for every family,
  adds a translation into Urdu by a person and publishes it; the emails go out in Urdu to Sana
  Ahmed (who prefers Urdu) and in English to Emma; Sana reads it in Urdu, labelled as translated
  by a person, and opens the English original.
* Read and understood (R32): Sana confirms the demo's important notice on her phone; the manager
  sees who has not confirmed, sends them a reminder and records that it was explained in person
  to one of them.
* The notice board (R27): Emma sees her children's key persons, the Ofsted report, Ofsted's
  contact details for complaints, the policies and the pinned notice; Craig Donnelly, a father
  barred by a court order, cannot open a conversation about another family's child.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from PIL import Image
from playwright.sync_api import Locator, expect

from tandem.comms.demo.news import NOTICE
from tandem.comms.models import Notification, NotificationPreference, Post, PostRecipient, Thread
from tandem.core.models import User
from tandem.people.models import Child

TIRED = "Isla is very tired this week"
NEWSLETTER = "Summer term newsletter"
NEWSLETTER_BODY = "Our topic this term is **Minibeasts**. Please send your child in with a sun hat."
NEWSLETTER_URDU_TITLE = "گرمیوں کی ٹرم کا نیوز لیٹر"
NEWSLETTER_URDU_BODY = "اس ٹرم ہمارا موضوع **چھوٹے کیڑے** ہے۔ براہِ کرم اپنے بچے کو دھوپ کی ٹوپی کے ساتھ بھیجیں۔"  # noqa: RUF001


# --- helpers ------------------------------------------------------------------------------------


def field(scope: Any, label: str) -> Locator:
    """A form field by its label, which may end in "(optional)"."""
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}( \(optional\))?$"))


def status_message(tab: Any) -> Locator:
    return tab.page.get_by_role("status")


def heading(tab: Any) -> Locator:
    return tab.page.get_by_role("heading", level=1)


def main_menu(tab: Any, label: str) -> None:
    tab.follow(tab.page.get_by_role("navigation", name="Main").get_by_role("link", name=label, exact=True))


def staff_sign_in(tab: Any, demo: ModuleType, email: str) -> None:
    tab.sign_in(email, demo.DEMO_PASSWORD)
    tab.second_factor(demo.totp_secret(email))
    assert tab.path == "/"


def small_photo(tmp_path: Path) -> Path:
    """A small real JPEG, as a phone would send."""
    path = tmp_path / "isla-rest-corner.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (120, 180, 90)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


# --- 1. messages between a family and the key person ----------------------------------------------


@pytest.mark.browser
def test_parent_and_key_person_exchange_messages_notified_and_a_change_at_home(
    site: Callable[[str], Any], demo: ModuleType, tmp_path: Path
) -> None:
    isla = Child.objects.get(first_name="Isla", last_name="Morgan", leaving_date__isnull=True)
    thread = Thread.objects.get(child=isla, subject=TIRED)

    # --- Emma, on her phone, opens the conversation: Amira's last reply is new to her ------------
    emma = site("phone")
    emma.sign_in(demo.PARENT_EMAIL, demo.DEMO_PASSWORD)
    page = emma.page
    main_menu(emma, "Messages")
    expect(heading(emma)).to_have_text("My messages")
    expect(page.get_by_text("1 conversation with new messages.")).to_be_visible()
    emma.follow(page.get_by_role("link", name=re.compile(rf"^New\s*message:\s*{re.escape(TIRED)}$")))
    expect(heading(emma)).to_have_text(TIRED)
    expect(page.get_by_role("listitem").filter(has_text="mud kitchen")).to_contain_text("Amira Hussain")

    # --- she replies with a photo ----------------------------------------------------------------
    mail.outbox = []
    field(page, "Your reply").fill("She slept well last night. Here is her den at home, she'd love one at preschool!")
    field(page, "Attach photos or documents").set_input_files(str(small_photo(tmp_path)))
    emma.follow(page.get_by_role("button", name="Send"))
    expect(status_message(emma)).to_contain_text("Your message has been sent.")
    sent = page.get_by_role("listitem").filter(has_text="Here is her den at home")
    expect(sent).to_contain_text("Emma Morgan (family)")
    expect(sent).to_contain_text("(photo,")
    href = sent.get_by_role("link", name="isla-rest-corner.jpg").get_attribute("href")
    assert href
    assert thread.messages.count() == 5  # type: ignore[attr-defined]
    to_amira = [m.subject for m in mail.outbox if demo.KEY_PERSON_EMAIL in m.to]
    assert to_amira == ["New message from Emma Morgan about Isla Morgan"], to_amira

    # --- Amira, on the Butterflies tablet, sees it as new in her inbox and replies --------------------
    amira = site("tablet")
    staff_sign_in(amira, demo, demo.KEY_PERSON_EMAIL)
    tab = amira.page
    main_menu(amira, "Messages")
    expect(heading(amira)).to_have_text("Messages")
    tab.get_by_label("Unread for me").check()
    amira.follow(tab.get_by_role("button", name="Show"))
    unread = tab.get_by_role("link", name=re.compile(rf"^New\s*message:\s*{re.escape(TIRED)}$"))
    expect(unread).to_be_visible()
    amira.follow(unread)
    expect(tab.get_by_role("listitem").filter(has_text="Here is her den at home")).to_contain_text("(family)")
    # the photo, re-encoded, comes only through the thread's permission-checked view
    image = tab.request.get(amira.url(href))
    assert image.status == 200 and image.headers["content-type"] == "image/jpeg"
    assert image.headers["cache-control"] == "private, no-store"
    assert Image.open(io.BytesIO(image.body())).getexif() == {}
    mail.outbox = []
    field(tab, "Your reply").fill("What a lovely den! We will build one in the quiet corner tomorrow with Isla.")
    amira.follow(tab.get_by_role("button", name="Send", exact=True))
    expect(status_message(amira)).to_contain_text("Your message has been sent.")
    told_by_email = [m.subject for m in mail.outbox if demo.PARENT_EMAIL in m.to]
    assert told_by_email == ["New message from Willowbrook Community Preschool about Isla"], told_by_email

    # --- Emma is told: the header counts it; she opens it from her notifications ---------------------
    emma_user = User.objects.get(email=demo.PARENT_EMAIL)
    emma.visit("/")
    unread_count = Notification.objects.filter(recipient=emma_user, read_at__isnull=True).count()
    assert unread_count >= 1
    bell = page.get_by_role("link", name=re.compile(rf"^Notifications {unread_count}\s*unread$"))
    emma.follow(bell)
    expect(heading(emma)).to_have_text("Notifications")
    told = page.get_by_role("listitem").filter(has_text="New message from Willowbrook Community Preschool about Isla")
    expect(told).to_contain_text("New")
    emma.follow(told.get_by_role("link", name=re.compile(r"\(unread\)$")))
    assert emma.path.startswith(reverse("comms:message_thread", args=[thread.pk])), emma.path
    expect(page.get_by_role("listitem").filter(has_text="build one in the quiet corner")).to_contain_text(
        "Amira Hussain"
    )
    expect(page.get_by_role("link", name=re.compile(rf"^Notifications {unread_count - 1}\s*unread$"))).to_be_visible()

    # --- she chooses a daily digest for messages --------------------------------------------------
    emma.follow(page.get_by_role("link", name=re.compile(r"^Notifications\b")))
    emma.follow(page.get_by_role("link", name="Choose what is emailed to you"))
    expect(heading(emma)).to_have_text("What Tandem emails you")
    choices = page.get_by_role("group", name="Messages about a child")
    expect(choices.get_by_label("Email straight away")).to_be_checked()
    choices.get_by_label("Email once a day, in a digest").check()
    emma.follow(page.get_by_role("button", name="Save my choices"))
    expect(status_message(emma)).to_contain_text("Your choices are saved.")
    expect(choices.get_by_label("Email once a day, in a digest")).to_be_checked()
    assert NotificationPreference.objects.get(user=emma_user, kind="comms.message").delivery == "digest"

    # --- a change at home: one mistake, then sent to the key person ----------------------------------
    main_menu(emma, "Messages")
    emma.follow(page.get_by_role("link", name=re.compile(r"^Tell us about a change at home\s*for Isla")))
    expect(heading(emma)).to_have_text("Tell us about a change at home")
    field(page, "Tell us what has changed").fill("Her grandad is staying with us for a month.")
    emma.follow(page.get_by_role("button", name="Send to the key person"), status=400)
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    problem = summary.get_by_role("link", name="What has changed?: Choose what has changed.")
    target = problem.get_attribute("href")
    assert target and page.locator(target).count() == 1, target  # the link leads to the first choice
    page.get_by_role("group", name="What has changed?").get_by_label("Illness in the family").check()
    emma.follow(page.get_by_role("button", name="Send to the key person"))
    expect(status_message(emma)).to_contain_text("Your message has gone to Isla's key person.")
    expect(heading(emma)).to_have_text("A change at home: Illness in the family")
    change = Thread.objects.filter(child=isla, topic=Thread.Topic.CHANGE_AT_HOME).latest("pk")
    assert change.change_kind == Thread.ChangeKind.ILLNESS
    assert "grandad" in change.messages.get().body  # type: ignore[attr-defined]


# --- 2. a newsletter in each parent's language ----------------------------------------------------


@pytest.mark.browser
def test_newsletter_translated_by_a_person_arrives_by_email_and_in_the_app_in_urdu(
    site: Callable[[str], Any], demo: ModuleType
) -> None:
    # --- the manager writes it for every family ---------------------------------------------------
    sarah = site("desktop")
    staff_sign_in(sarah, demo, demo.MANAGER_EMAIL)
    page = sarah.page
    main_menu(sarah, "Office")
    sarah.follow(page.get_by_role("link", name="News and notices"))
    sarah.follow(page.get_by_role("link", name="Write a post"))
    expect(heading(sarah)).to_have_text("Write a post")
    page.get_by_role("group", name="What kind of post").get_by_label("Newsletter").check()
    field(page, "Title").fill(NEWSLETTER)
    field(page, "Text").fill(NEWSLETTER_BODY)
    expect(
        page.get_by_role("group", name="Who receives it").get_by_label("Every family of the setting")
    ).to_be_checked()
    expect(field(page, "Tell families (in Tandem, and by email as each person chooses)")).to_be_checked()
    sarah.follow(page.get_by_role("button", name="Save as a draft and preview"))
    expect(status_message(sarah)).to_contain_text("Saved as a draft.")
    expect(heading(sarah)).to_have_text(NEWSLETTER)
    post = Post.objects.get(title=NEWSLETTER)

    # --- she adds a translation into Urdu, written by a person --------------------------------------
    sarah.follow(page.get_by_role("link", name=re.compile(r"^Translations\s*of this post$")))
    urdu = page.get_by_role("region", name="Urdu")
    expect(urdu).to_contain_text("Not translated yet")
    field(urdu, "Title in Urdu (اردو)").fill(NEWSLETTER_URDU_TITLE)
    field(urdu, "Body in Urdu (اردو)").fill(NEWSLETTER_URDU_BODY)
    sarah.follow(urdu.get_by_role("button", name="Save the translation into Urdu"))
    expect(status_message(sarah)).to_contain_text("The translation is saved.")
    expect(page.get_by_role("region", name="Urdu")).to_contain_text("Translated by a person")
    sarah.resize(360, 740)  # a manager may do this on her phone too
    sarah.resize(1280, 800)

    # --- and publishes it: the emails go out, each in its reader's language --------------------------
    sarah.visit(reverse("comms:news_manage", args=[post.pk]))
    expect(page.locator(".facts > div").filter(has_text="Translations")).to_contain_text("Urdu")
    mail.outbox = []
    sarah.follow(page.get_by_role("button", name="Publish now"))
    expect(status_message(sarah)).to_contain_text("Published.")
    expect(page.get_by_role("heading", name="Status: Published")).to_be_visible()
    to_sana = [m for m in mail.outbox if demo.OTHER_PARENT_EMAIL in m.to]
    to_emma = [m for m in mail.outbox if demo.PARENT_EMAIL in m.to]
    assert len(to_sana) == 1 and len(to_emma) == 1, [(m.to, m.subject) for m in mail.outbox]
    assert to_sana[0].subject == NEWSLETTER_URDU_TITLE
    assert "چھوٹے کیڑے" in to_sana[0].body and "Minibeasts" not in to_sana[0].body
    assert to_sana[0].extra_headers["Content-Language"] == "ur"
    assert to_emma[0].subject == NEWSLETTER and "Minibeasts" in to_emma[0].body
    sana_user = User.objects.get(email=demo.OTHER_PARENT_EMAIL)
    assert PostRecipient.objects.get(post=post, user=sana_user).language == "ur"

    # --- Sana reads it in Urdu on her phone, with the English original a tap away ------------------------
    sana = site("phone")
    sana.sign_in(demo.OTHER_PARENT_EMAIL, demo.DEMO_PASSWORD)
    phone = sana.page
    main_menu(sana, "News")
    sana.follow(phone.get_by_role("link", name=NEWSLETTER_URDU_TITLE))
    title = heading(sana)
    expect(title).to_have_text(NEWSLETTER_URDU_TITLE)
    expect(title.locator("xpath=..")).to_have_attribute("lang", "ur")
    expect(title.locator("xpath=..")).to_have_attribute("dir", "rtl")
    expect(phone.locator(".translation-note")).to_contain_text(re.compile(r"Translated into Urdu\b.* by a person\."))
    sana.follow(phone.get_by_role("link", name="Read the original in English"))
    expect(heading(sana)).to_have_text(NEWSLETTER)
    expect(phone.locator(".prose").first).to_contain_text("Minibeasts")
    sana.follow(phone.get_by_role("link", name="Read it in Urdu"))
    expect(heading(sana)).to_have_text(NEWSLETTER_URDU_TITLE)
    assert PostRecipient.objects.get(post=post, user=sana_user).read_at is not None


# --- 3. an important notice: who has not confirmed -----------------------------------------------------


@pytest.mark.browser
def test_important_notice_confirmed_reminded_and_explained_in_person(
    site: Callable[[str], Any], demo: ModuleType
) -> None:
    notice = Post.objects.get(title=NOTICE)

    # --- Sana has read it but not confirmed: she does, on her phone -----------------------------------
    sana = site("phone")
    sana.sign_in(demo.OTHER_PARENT_EMAIL, demo.DEMO_PASSWORD)
    page = sana.page
    main_menu(sana, "News")
    waiting = page.get_by_role("region", name="Please confirm you have read this notice")
    sana.follow(waiting.get_by_role("link", name=NOTICE))
    expect(page.get_by_role("heading", name="Please confirm")).to_be_visible()
    sana.follow(page.get_by_role("button", name="I have read and understood this"))
    expect(status_message(sana)).to_contain_text("you have confirmed that you have read and understood it")
    expect(page.get_by_role("region", name="Confirmed")).to_contain_text("that you have read and understood it")
    sana_row = PostRecipient.objects.get(post=notice, user__email=demo.OTHER_PARENT_EMAIL)
    assert sana_row.confirmed_how == PostRecipient.How.APP

    # --- the manager sees who has not, and reminds them ---------------------------------------------
    sarah = site("tablet")
    staff_sign_in(sarah, demo, demo.MANAGER_EMAIL)
    tab = sarah.page
    main_menu(sarah, "Office")
    sarah.follow(tab.get_by_role("link", name="News and notices"))
    row = tab.get_by_role("row").filter(has_text=NOTICE)
    sarah.follow(row.get_by_role("link", name=re.compile(r"^\d+ of \d+$")))
    expect(heading(sarah)).to_have_text("Who has read and understood it")
    sarah.resize(360, 740)  # the table fits a phone too
    sarah.resize(768, 1024)
    sarah.follow(tab.get_by_role("link", name="Show only those who have not confirmed"))
    table = tab.get_by_role("table")
    waiting_rows = table.get_by_role("row").filter(has_text="Not confirmed")
    expect(table).not_to_contain_text("Sana Ahmed")
    expect(table).not_to_contain_text("Emma Morgan")
    expect(waiting_rows.filter(has_text="Jack Morgan")).to_contain_text("Not read")
    expect(waiting_rows.filter(has_text="Liam Carter")).to_be_visible()
    count = PostRecipient.objects.filter(post=notice, confirmed_at__isnull=True).count()
    assert count >= 2
    mail.outbox = []
    sarah.follow(tab.get_by_role("button", name=f"Send a reminder to the {count} who have not confirmed"))
    expect(status_message(sarah)).to_contain_text(f"A reminder is on its way to {count} parents.")
    expect(tab.get_by_role("row").filter(has_text="Jack Morgan")).to_contain_text("reminded")
    reminded = {address for m in mail.outbox if m.subject == f"Reminder: {NOTICE}" for address in m.to}
    assert demo.SEPARATED_PARENT_EMAIL in reminded and demo.OTHER_PARENT_EMAIL not in reminded, reminded

    # --- Liam was told at the gate: she records it ---------------------------------------------------
    liam = tab.get_by_role("row").filter(has_text="Liam Carter")
    sarah.follow(
        liam.get_by_role("link", name=re.compile(r"^Record that it was explained in person\s*to Liam Carter$"))
    )
    expect(heading(sarah)).to_have_text("Record that it was explained in person")
    sarah.follow(tab.get_by_role("button", name="Record it"), status=400)
    expect(tab.locator(".error-summary")).to_contain_text("Write a short note")
    field(tab, "Note").fill("Explained by Sarah at the gate on Monday.")
    sarah.follow(tab.get_by_role("button", name="Record it"))
    expect(status_message(sarah)).to_contain_text("Recorded: explained in person to Liam Carter.")
    expect(tab.get_by_role("row").filter(has_text="Liam Carter")).to_contain_text("Explained in person")
    liam_row = PostRecipient.objects.get(post=notice, user__email=demo.STEP_PARENT_EMAIL)
    assert liam_row.confirmed_how == PostRecipient.How.IN_PERSON and liam_row.confirmation_note


# --- 4. the notice board, and a restricted father ----------------------------------------------------


@pytest.mark.browser
def test_notice_board_for_a_family_and_a_restricted_father_sees_no_one_elses_thread(
    site: Callable[[str], Any], demo: ModuleType
) -> None:
    isla = Child.objects.get(first_name="Isla", last_name="Morgan", leaving_date__isnull=True)
    leo = Child.objects.get(first_name="Leo", last_name="Walsh", leaving_date__isnull=True)
    thread = Thread.objects.get(child=isla, subject=TIRED)

    # --- Emma's notice board, on her phone ----------------------------------------------------------
    emma = site("phone")
    emma.sign_in(demo.PARENT_EMAIL, demo.DEMO_PASSWORD)
    page = emma.page
    main_menu(emma, "Notice board")
    expect(heading(emma)).to_have_text("Notice board")
    notices = page.get_by_role("region", name="Notices")
    expect(notices.get_by_role("heading", name=NOTICE)).to_be_visible()
    expect(notices).to_contain_text("Important")
    about = page.get_by_role("region", name="About us")
    expect(about).to_contain_text("Isla Morgan: Amira Hussain")
    expect(about).to_contain_text("Alfie Morgan: Chloe Bennett")
    expect(about).to_contain_text("Sarah Whitfield — Setting manager")
    ofsted = page.get_by_role("region", name="Our Ofsted report")
    expect(ofsted).to_contain_text("Overall effectiveness: Good")
    report = ofsted.get_by_role("link", name=re.compile(r"^Download the report"))
    complaints = page.get_by_role("region", name="If you want to complain")
    expect(complaints.get_by_role("link", name=re.compile(r"^Complaints procedure \(PDF"))).to_be_visible()
    address = complaints.locator("address")
    expect(address).to_contain_text("Piccadilly Gate")
    expect(address.get_by_role("link", name="0300 123 1231")).to_have_attribute("href", "tel:03001231231")
    expect(address.get_by_role("link", name="enquiries@ofsted.gov.uk")).to_be_visible()
    policies = page.get_by_role("region", name="Policies")
    expect(policies.get_by_role("link", name="Safeguarding and child protection policy")).to_be_visible()
    # the report is a private PDF: never cached, never sniffed
    href = report.get_attribute("href")
    assert href
    pdf = page.request.get(emma.url(href))
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF-")
    assert pdf.headers["cache-control"] == "private, no-store"
    assert pdf.headers["x-content-type-options"] == "nosniff"
    # the pinned notice opens for reading (and confirming) in the news
    emma.follow(notices.get_by_role("link", name=NOTICE))
    expect(page.get_by_role("region", name="Confirmed")).to_be_visible()

    # --- Craig Donnelly, barred from Leo by a court order, on his phone --------------------------------
    craig = site("phone")
    craig.sign_in(demo.RESTRICTED_PARENT_EMAIL, demo.DEMO_PASSWORD)
    craig.visit(reverse("comms:message_thread", args=[thread.pk]), status=404)
    craig.visit(reverse("comms:child_messages", args=[isla.pk]), status=404)
    craig.visit(reverse("comms:child_messages", args=[leo.pk]), status=404)
    craig.visit(reverse("comms:change_at_home", args=[leo.pk]), status=404)
    # his home shows no child and no messages; his messages page is not his to open
    craig.visit("/")
    expect(craig.page.get_by_role("heading", name="Nothing to show yet")).to_be_visible()
    expect(craig.page.get_by_role("navigation", name="Main").get_by_role("link", name="Messages")).to_have_count(0)
    craig.visit(reverse("comms:my_messages"), status=403)
    # nor is the notice board of Leo's setting, nor its documents
    craig.visit(reverse("comms:board", args=[leo.setting_id]), status=404)
    assert craig.page.request.get(craig.url(href)).status == 404
