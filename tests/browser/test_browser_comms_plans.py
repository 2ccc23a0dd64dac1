"""Outings, events and meetings end to end (issue 5's "Done when"), in Chromium with axe on every
page: families on their phones (360 px), staff on a tablet (768 px); no page may scroll sideways.

* An outing collects consent (R29): Emma Morgan opens Isla's outings on her phone and gives
  consent for the Butterflies library visit; the manager, on a tablet, opens "who may go" and
  sees Isla may go, with the counts moved on by one.
* An event's .ics feed validates (R30): Emma changes her reply to the stay-and-play to "going"
  with her numbers, makes her calendar address, and the feed at that address (fetched with no
  session: the secret address is the key) parses as an iCalendar with the event in it, and no
  other family's child.
* A meeting is fixed from families' availability (R33, R34): Amira, Isla's key person, opens
  the meeting she asked the family about, sees which times suit Emma and fixes one of them; Emma
  sees the time fixed, then books a free slot of the Butterflies parents' evening.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from types import ModuleType
from typing import Any

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Locator, expect

from tandem.comms.demo.events import STAY_AND_PLAY
from tandem.comms.demo.meetings import ISLA_TITLE, ROUND_TITLE
from tandem.comms.demo.outings import LIBRARY
from tandem.comms.models.events import EventReply
from tandem.comms.models.meetings import Meeting, MeetingAvailability
from tandem.comms.models.notifications import Notification
from tandem.comms.models.outings import Outing, OutingConsent
from tandem.comms.selectors.outings import who_may_go
from tandem.comms.services.meetings import when_text
from tandem.core.models import User
from tandem.people.models import Child, ChildAdult

# --- helpers ------------------------------------------------------------------------------------


def child_named(first: str, last: str) -> Child:
    return Child.objects.get(first_name=first, last_name=last, leaving_date__isnull=True)


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


def child_link(tab: Any, child: Child, label: str) -> None:
    """From the parent's home page, a link under their child."""
    tab.visit("/")
    card = tab.page.get_by_role("article", name=child.display_name)
    tab.follow(card.get_by_role("link", name=label, exact=True))


def stat(tab: Any, label: str) -> int:
    """The number of one of the "who may go" counts ("may go", "no answer yet", …)."""
    found = tab.page.locator(".stat").filter(has_text=re.compile(rf"^\s*\d+\s*{re.escape(label)}\s*$"))
    return int(found.locator(".stat__number").inner_text())


# --- 1. an outing collects consent ----------------------------------------------------------------


@pytest.mark.browser
def test_parent_gives_consent_for_an_outing_and_staff_see_who_may_go(
    site: Callable[[str], Any], demo: ModuleType
) -> None:
    isla = child_named("Isla", "Morgan")
    outing = Outing.objects.get(title=LIBRARY)
    before = who_may_go(outing)
    assert not OutingConsent.objects.filter(outing=outing, child=isla).exists()

    # --- Emma, on her phone: Isla's outings, the library visit waiting for her answer --------------
    emma = site("phone")
    emma.sign_in(demo.PARENT_EMAIL, demo.DEMO_PASSWORD)
    page = emma.page
    child_link(emma, isla, "Outings")
    expect(heading(emma)).to_have_text(f"Outings for {isla.display_name}")
    card = page.get_by_role("region", name=LIBRARY)
    expect(card).to_contain_text("No answer yet")
    emma.follow(card.get_by_role("link", name=re.compile(rf"^Answer for Isla\s*: {re.escape(LIBRARY)}$")))
    expect(heading(emma)).to_have_text(LIBRARY)
    expect(page.get_by_text("Willowbrook Library, 2 Market Street").first).to_be_visible()
    answer = page.get_by_role("region", name="May Isla go?")
    expect(answer).to_contain_text("No one has answered yet")

    # a mistake first: no answer chosen
    emma.follow(answer.get_by_role("button", name="Send my answer"), status=400)
    expect(page.get_by_role("alert")).to_contain_text("Choose yes or no.")
    answer.get_by_role("radio", name="Yes, they may go").check()
    field(answer, "Anything the staff should know").fill("She has her own sun hat in her bag.")
    emma.follow(answer.get_by_role("button", name="Send my answer"))
    expect(status_message(emma)).to_contain_text("Thank you: your answer for Isla has been saved.")
    expect(page.locator(".page-header")).to_contain_text("Consent given")
    expect(answer).to_contain_text("Yes: consent given by Emma Morgan")
    decided = OutingConsent.objects.get(outing=outing, child=isla)
    assert decided.given and decided.decided_by.email == demo.PARENT_EMAIL  # type: ignore[union-attr]

    # --- the manager, on a tablet: Office → Outings → the library visit's "who may go" -------------
    sarah = site("tablet")
    staff_sign_in(sarah, demo, demo.MANAGER_EMAIL)
    page = sarah.page
    main_menu(sarah, "Office")
    sarah.follow(page.get_by_role("link", name=re.compile(r"^Outings\b")))
    expect(heading(sarah)).to_have_text("Outings")
    sarah.follow(page.get_by_role("link", name=LIBRARY, exact=True))
    expect(heading(sarah)).to_have_text(LIBRARY)
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=isla.display_name, exact=True))
    expect(row).to_contain_text("✓ Yes")
    expect(row).to_contain_text("Consent given — Emma Morgan")
    expect(row).to_contain_text("She has her own sun hat in her bag.")
    after = who_may_go(outing)
    assert (after.going, after.waiting) == (before.going + 1, before.waiting - 1)
    assert (stat(sarah, "may go"), stat(sarah, "refused"), stat(sarah, "no answer yet")) == (
        after.going,
        after.refused,
        after.waiting,
    )
    theo = page.get_by_role("row").filter(has_text="Theo")
    expect(theo).to_contain_text("✕ No")
    sarah.resize(360, 740)  # the list goes on the outing on a phone too


# --- 2. an event's calendar feed validates ----------------------------------------------------------


@pytest.mark.browser
def test_parent_replies_to_an_event_and_her_calendar_feed_validates(
    site: Callable[[str], Any], demo: ModuleType
) -> None:
    emma_user = User.objects.get(email=demo.PARENT_EMAIL)
    isla = child_named("Isla", "Morgan")

    # --- Emma, on her phone: the notice board's diary → the stay-and-play ----------------------------
    emma = site("phone")
    emma.sign_in(demo.PARENT_EMAIL, demo.DEMO_PASSWORD)
    page = emma.page
    main_menu(emma, "Notice board")
    emma.follow(page.get_by_role("link", name="All events and diary dates"))
    expect(heading(emma)).to_have_text("Events and diary dates")
    emma.follow(page.get_by_role("link", name=STAY_AND_PLAY, exact=True))
    expect(heading(emma)).to_have_text(STAY_AND_PLAY)
    reply = page.get_by_role("region", name="Your reply")
    expect(reply).to_contain_text("You replied: Going (1 adult, 2 children).")
    reply.get_by_role("radio", name="Going", exact=True).check()
    field(reply, "Adults coming").fill("2")
    field(reply, "Children coming").fill("2")
    field(reply, "Anything we should know").fill("We will bring a buggy.")
    emma.follow(reply.get_by_role("button", name="Change my reply"))
    expect(status_message(emma)).to_contain_text("Thank you: your reply has been saved.")
    expect(reply).to_contain_text("You replied: Going (2 adults, 2 children).")
    saved = EventReply.objects.get(event__title=STAY_AND_PLAY, user=emma_user)
    assert (saved.answer, saved.adults, saved.children, saved.note) == ("going", 2, 2, "We will bring a buggy.")

    # --- her calendar address ------------------------------------------------------------------------
    emma.follow(page.get_by_role("link", name="Back to events"))
    emma.follow(page.get_by_role("link", name="Add to your phone's calendar"))
    expect(heading(emma)).to_have_text("Add Tandem to your calendar")
    emma.follow(page.get_by_role("button", name="Make my calendar address"))
    address = field(page, "Calendar address").input_value()
    assert re.fullmatch(r"https?://[^/]+/calendar/[^/]+\.ics", address), address
    subscribe = page.get_by_role("link", name="Subscribe on this phone or computer").get_attribute("href")
    assert subscribe == "webcal://" + address.split("://", 1)[1]

    # --- the feed, fetched with no session (the secret address is the key) ---------------------------
    path = "/" + address.split("://", 1)[1].split("/", 1)[1]
    outsider = site("desktop").page.request  # another browser context: no cookies
    response = outsider.get(emma.url(path))
    assert response.status == 200, response.status
    assert response.headers["content-type"].startswith("text/calendar")
    assert response.headers["cache-control"] == "private, no-store"
    calendar = icalendar.Calendar.from_ical(response.body())
    assert calendar.name == "VCALENDAR"
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["PRODID"])
    events = list(calendar.walk("VEVENT"))
    for vevent in events:
        for prop in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            assert prop in vevent, f"{vevent.get('SUMMARY')}: no {prop}"
    uids = [str(v["UID"]) for v in events]
    assert len(uids) == len(set(uids)), "each UID once"
    social = [v for v in events if str(v["SUMMARY"]) == STAY_AND_PLAY]
    assert len(social) == 1, [str(v["SUMMARY"]) for v in events]
    event = saved.event
    assert social[0].decoded("DTSTART") == event.starts_at
    assert social[0].decoded("DTEND") == event.ends_at
    assert str(social[0]["LOCATION"]) == event.place
    assert str(social[0]["URL"]).endswith(reverse("comms:event", args=[event.pk]))
    assert any(str(v["SUMMARY"]) == f"Outing: {LIBRARY} (Isla)" for v in events), "Isla's outing is in it too"

    # no other family's child: no other child's name anywhere in it (long lines unfolded first)
    text = re.sub(r"\r?\n[ \t]", "", response.text())
    own = Child.objects.filter(pk__in=ChildAdult.objects.filter(adult__user=emma_user).values("child_id"))
    own_names = {n for c in own for n in (c.first_name, c.preferred_name) if n}
    others = Child.objects.filter(setting=isla.setting).exclude(pk__in=own.values("pk"))
    assert others.count() > 10
    for other in others:
        for name in {other.first_name, other.preferred_name} - {""} - own_names:
            assert not re.search(rf"\b{re.escape(name)}\b", text), f"another family's child in the feed: {name}"
    assert outsider.get(emma.url("/calendar/not-a-real-token.ics")).status == 404

    # --- she stops the address: it no longer works -----------------------------------------------------
    emma.visit(reverse("comms:calendar"))
    expect(page.get_by_text(re.compile(r"A calendar last read it on"))).to_be_visible()
    emma.follow(page.get_by_role("button", name="Stop my calendar address"))
    expect(status_message(emma)).to_contain_text("Your calendar address has stopped working.")
    assert outsider.get(emma.url(path)).status == 404


# --- 3. a meeting fixed from the family's availability; a parents' evening booked -----------------


@pytest.mark.browser
def test_key_person_fixes_a_meeting_from_the_familys_times_and_a_parent_books_a_slot(
    site: Callable[[str], Any], demo: ModuleType
) -> None:
    isla = child_named("Isla", "Morgan")
    meeting = Meeting.objects.get(child=isla, title=ISLA_TITLE)
    assert meeting.status == Meeting.Status.ASKING
    suits = list(
        MeetingAvailability.objects.filter(option__meeting=meeting, suits=True, user__email=demo.PARENT_EMAIL)
        .order_by("option__starts_at")
        .values_list("option__starts_at", flat=True)
    )
    assert len(suits) == 2
    chosen = suits[-1]

    # --- Amira, Isla's key person, on the Butterflies tablet --------------------------------------------
    amira = site("tablet")
    staff_sign_in(amira, demo, demo.KEY_PERSON_EMAIL)
    page = amira.page
    key_children = page.get_by_role("region", name="Your key children")
    amira.follow(key_children.get_by_role("link", name=re.compile(re.escape(isla.display_name))))
    amira.follow(page.get_by_role("link", name="Meetings", exact=True))
    expect(heading(amira)).to_have_text("Meetings and home visits")
    waiting = page.get_by_role("region", name="Times to find")
    amira.follow(waiting.get_by_role("link", name=ISLA_TITLE, exact=True))
    expect(heading(amira)).to_have_text(ISLA_TITLE)
    times = page.get_by_role("region", name="Which times suit the family")
    expect(times).to_contain_text("answered: Emma Morgan")
    for at in suits:
        local = timezone.localtime(at)
        row = times.get_by_role("row").filter(has_text=f"{local:%a} {local.day} {local:%b}, {local:%H:%M}")
        expect(row.get_by_role("cell").first).to_contain_text("Emma Morgan")
    fix = page.get_by_role("region", name="Fix the time")
    fix.get_by_role("radio", name=when_text(chosen), exact=True).check()
    amira.follow(fix.get_by_role("button", name="Fix this time"))
    expect(status_message(amira).filter(has_text="The time is fixed")).to_contain_text("the family have been told.")
    expect(page.get_by_text(f"The meeting is on {when_text(chosen)}.")).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.FIXED and meeting.starts_at == chosen

    # --- Emma is told: she opens the meeting from her notifications, on her phone ----------------------
    emma_user = User.objects.get(email=demo.PARENT_EMAIL)
    told = Notification.objects.filter(recipient=emma_user, url=reverse("comms:meeting", args=[meeting.pk])).first()
    assert told is not None and told.read_at is None
    emma = site("phone")
    emma.sign_in(demo.PARENT_EMAIL, demo.DEMO_PASSWORD)
    page = emma.page
    emma.follow(page.get_by_role("link", name=re.compile(r"^Notifications\b")))
    item = page.get_by_role("listitem").filter(has_text=told.title).first
    emma.follow(item.get_by_role("link", name=re.compile(r"\(unread\)$")))
    expect(heading(emma)).to_have_text(ISLA_TITLE)
    expect(page.get_by_text(f"The meeting is on {when_text(chosen)}.")).to_be_visible()
    expect(page.get_by_role("region", name="Which times suit you?")).to_have_count(0)

    # --- … and books a slot of the parents' evening from Isla's meetings ----------------------------------
    emma.follow(page.get_by_role("link", name=f"Back to {isla.display_name}'s meetings"))
    coming = page.get_by_role("region", name="Coming up")
    expect(coming.get_by_role("listitem").filter(has_text=ISLA_TITLE)).to_contain_text("Fixed")
    evening = Meeting.objects.get(child=isla, round__title=ROUND_TITLE)
    waiting = page.get_by_role("region", name="Times to find")
    emma.follow(waiting.get_by_role("link", name=ROUND_TITLE, exact=True))
    expect(heading(emma)).to_have_text(ROUND_TITLE)
    book = page.get_by_role("region", name="Book a time")
    slots = book.get_by_role("radio")
    free = slots.count()
    assert free == 7, free  # ten slots, three booked by other families
    label = slots.nth(1).evaluate("e => e.labels[0].textContent").strip()
    slots.nth(1).check()
    emma.follow(book.get_by_role("button", name="Book this time"))
    expect(status_message(emma).filter(has_text="Booked.")).to_contain_text("We look forward to seeing you.")
    expect(page.get_by_text(f"The meeting is on {label}.")).to_be_visible()
    evening.refresh_from_db()
    assert evening.status == Meeting.Status.FIXED and when_text(evening.starts_at) == label
