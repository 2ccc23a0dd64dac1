"""The day end to end (issue 6's "Done when"), in Chromium with axe on every page: staff on the room
tablet (768 px, touch), families on their phones (360 px); no page may scroll sideways.

* Morning: Isla's mum reads the door code by the door and says "We have arrived" on her phone;
  Isla waits, not counted, until her key person confirms her on the Butterflies register with one
  tap, and the head count goes up by one. Her mum reports an absence ahead for Alfie. She then
  authorises a medicine for Isla; the key person marks it received and records a dose with a
  witness; her mum sees the dose and says she has seen it.
* Afternoon: Isla goes home with her grandmother, a named collector the key person knows. Leo's
  father, restricted by a court order, is refused with a blocking alert and Leo stays in. Alfie's
  mum sets his collection password and gives one-off written permission for a neighbour; at the
  door a wrong password is refused, recorded and the manager told; the neighbour, on the list for
  today, gives the right password and shows proof of identity, and Alfie goes home with her.
  Leo is then not collected on time: the manager sees the alert, opens the case, records the
  calls, ticks a step of the emergency plan, hands Leo to his mum and closes the case.

The demo has no "now" to move: where the UI has no way (a session that ended hours ago), the test
arranges the data through the ORM.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Locator, expect

from tandem.attendance.demo.collection import GRANDMOTHER
from tandem.attendance.models import (
    Absence,
    Attendance,
    Dose,
    LateCase,
    LateStep,
    Medicine,
    OneOffCollector,
    PasswordAttempt,
)
from tandem.attendance.selectors.register import DAY_CODES, child_part_today
from tandem.enrolment.models.registration import SessionChangeRequest
from tandem.enrolment.selectors.registration import current_sessions
from tandem.people.models import Child

MEDICINE = "Calpol (paracetamol) infant suspension"
NEIGHBOUR = "Priya Shah"
ALFIE_PASSWORD = "blue tractor 42"


# --- the demo's children ----------------------------------------------------------------------


def child_named(first: str, last: str) -> Child:
    return Child.objects.get(first_name=first, last_name=last, leaving_date__isnull=True)


def in_all_day_today(*children: Child) -> None:
    """Each child has a full-day session today (the demo's weekly patterns leave some days out,
    a registration may still be a draft, and a weekend has none): the register then expects them,
    and home time is the afternoon's end. Where needed, as an approved change of sessions."""
    today = timezone.localdate()
    code = DAY_CODES[today.weekday()] + "_day"
    for child in children:
        if child_part_today(child) == "day":
            continue
        SessionChangeRequest.objects.create(
            child=child,
            sessions=[*current_sessions(child=child), code],
            from_date=today,
            status=SessionChangeRequest.Status.APPROVED,
            decided_at=timezone.now(),
        )
        assert child_part_today(child) == "day", f"{child} has a full day today"


def today_of(child: Child) -> Attendance | None:
    return Attendance.objects.filter(child=child, date=timezone.localdate()).first()


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


def open_register(tab: Any, room: str) -> None:
    """Today (the staff menu) → the room's card → its register."""
    main_menu(tab, "Today")
    card = tab.page.get_by_role("region", name=re.compile(rf"^{room}: \d+ here$"))
    tab.follow(card.get_by_role("link", name="Open the register"))
    expect(tab.page.get_by_role("heading", level=1)).to_have_text(f"Register: {room}")


def tap(tab: Any, button: Locator) -> None:
    """One tap on the tablet: one request (htmx swaps the register in place), then check the page."""
    with tab.page.expect_response(lambda r: r.request.method == "POST") as posted:
        button.click()
    assert posted.value.status == 200, posted.value.status
    tab.page.wait_for_load_state("networkidle")
    tab.check()


def row_of(tab: Any, child: Child) -> Locator:
    return tab.page.locator(f"#child-{child.pk}")


def head_count(tab: Any) -> int:
    stat = tab.page.locator(".stat").filter(has_text="here now")
    return int(stat.locator(".stat__number").inner_text())


def hidden_end(shown: str, hidden: str) -> re.Pattern[str]:
    """A button's name whose end is visually hidden (Chromium may put a space between the two)."""
    return re.compile(rf"^{re.escape(shown)}\s*{re.escape(hidden.strip())}$")


def field(scope: Any, label: str) -> Locator:
    """A form field by its label, which may end in "(optional)"."""
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}( \(optional\))?$"))


def status_message(tab: Any) -> Locator:
    return tab.page.get_by_role("status")


def going_home(tab: Any, room: str, child: Child) -> None:
    open_register(tab, room)
    tab.follow(row_of(tab, child).get_by_role("link", name=f"Going home: {child.display_name}"))
    expect(tab.page.get_by_role("heading", level=1)).to_have_text(f"Going home: {child.display_name}")


def collector(tab: Any, name: str) -> Locator:
    return tab.page.get_by_role("radio", name=re.compile(rf"^{re.escape(name)}\b"))


# --- the morning, and a medicine --------------------------------------------------------------


@pytest.mark.browser
def test_morning_self_registered_arrival_confirmed_an_absence_ahead_and_a_medicine_given(
    site: Callable[[str], Any], demo: ModuleType
) -> None:
    isla, alfie = child_named("Isla", "Morgan"), child_named("Alfred", "Morgan")
    in_all_day_today(isla, alfie)
    assert today_of(isla) is None

    # --- the key person on the Butterflies tablet; the door code is on the Today page ------------
    amira = site("tablet")
    staff_sign_in(amira, demo, demo.KEY_PERSON_EMAIL)
    main_menu(amira, "Today")
    code = amira.page.locator(".register__code strong").inner_text().strip()
    assert re.fullmatch(r"\d{6}", code), code
    open_register(amira, "Butterflies")
    before = head_count(amira)
    expect(row_of(amira, isla)).to_contain_text("Not arrived")

    # --- Isla's mum, at the door, on her phone -------------------------------------------------
    emma = site("phone")
    emma.sign_in(demo.PARENT_EMAIL, demo.DEMO_PASSWORD)
    page = emma.page
    child_link(emma, isla, "Today at the setting")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{isla.display_name} today")
    field(page, "Today's door code").fill("000000" if code != "000000" else "111111")
    emma.follow(page.get_by_role("button", name="We have arrived"), status=400)
    expect(page.get_by_role("alert").first).to_contain_text("That is not today's door code")
    assert today_of(isla) is None
    field(page, "Today's door code").fill(code)
    emma.follow(page.get_by_role("button", name="We have arrived"))
    expect(status_message(emma)).to_contain_text("A member of staff will confirm")
    expect(page.get_by_role("region", name="Arriving and going home")).to_contain_text("Waiting for staff")
    record = today_of(isla)
    assert record is not None and record.state == Attendance.State.WAITING

    # --- on the tablet: Isla waits, not counted; one tap confirms her -------------------------------
    amira.page.reload()
    amira.check()
    row = row_of(amira, isla)
    expect(row).to_contain_text("Waiting for staff")
    expect(row).to_contain_text("Emma Morgan said they arrived at")
    assert head_count(amira) == before, "a child waiting for staff is not counted"
    confirm = row.get_by_role("button", name=f"Confirm {isla.display_name} is here")
    box = confirm.bounding_box()
    assert box is not None and box["height"] >= 44, f"a touch target of {box} px"
    tap(amira, confirm)
    expect(row_of(amira, isla)).to_contain_text("Here")
    expect(row_of(amira, isla)).to_contain_text("brought by Emma Morgan")
    assert head_count(amira) == before + 1
    record.refresh_from_db()
    assert record.state == Attendance.State.PRESENT
    assert record.received_by is not None and record.received_by.email == demo.KEY_PERSON_EMAIL
    amira.page.reload()  # the count is the server's, not only the swapped part
    amira.check()
    assert head_count(amira) == before + 1

    # --- her mum sees Isla is in ---------------------------------------------------------------------
    emma.page.reload()
    emma.check()
    expect(page.get_by_role("region", name="Arriving and going home")).to_contain_text("In the setting")
    expect(page.get_by_role("region", name="Arriving and going home")).to_contain_text("welcomed by Amira Hussain")

    # --- she tells the setting ahead that Alfie will be away ----------------------------------------
    away = timezone.localdate() + dt.timedelta(days=3)
    child_link(emma, alfie, "Today at the setting")
    emma.follow(page.get_by_role("link", name=f"Tell us {alfie.display_name} will be absent"))
    field(page, "First day away").fill(away.isoformat())
    field(page, "Reason").select_option(label="Holiday")
    field(page, "Anything staff should know").fill("A family wedding in Cardiff.")
    emma.follow(page.get_by_role("button", name="Report the absence"))
    expect(status_message(emma)).to_contain_text("The absence is recorded")
    absences = page.get_by_role("region", name="Absences")
    expect(absences).to_contain_text(f"{away:%A} {away.day} {away:%B}: Holiday (A family wedding in Cardiff.)")
    assert Absence.objects.filter(child=alfie, first_day=away, last_day=away, cancelled_at__isnull=True).exists()

    # --- a medicine for Isla, authorised by her mum ---------------------------------------------------
    today = timezone.localdate()
    child_link(emma, isla, "Medicines")
    emma.follow(page.get_by_role("link", name="Authorise a medicine"))
    field(page, "Name of the medicine").fill(MEDICINE)
    field(page, "What it is for").fill("A temperature after her vaccinations")
    field(page, "Dose").fill("5 ml")
    field(page, "When to give it").fill("12:00, if her temperature is above 38°C")
    expect(field(page, "First day")).to_have_value(today.isoformat())  # a date field shows its initial value
    field(page, "First day").fill(today.isoformat())
    field(page, "Last day").fill((today + dt.timedelta(days=1)).isoformat())
    last_dose = timezone.localtime() - dt.timedelta(hours=1)  # in the past whatever time the test runs
    field(page, "When did they last have it?").fill(f"{last_dose:%Y-%m-%dT%H:%M}")
    field(page, "Type your full name to sign").fill("Emma Morgan")
    emma.follow(page.get_by_role("button", name="Sign and authorise"))
    expect(status_message(emma)).to_contain_text("The medicine is authorised")
    card = page.get_by_role("listitem").filter(has=page.get_by_role("heading", name=re.compile(re.escape(MEDICINE))))
    expect(card).to_contain_text("Received by staff")
    expect(card).to_contain_text("No dose given yet.")
    medicine = Medicine.objects.get(child=isla, name=MEDICINE)
    assert medicine.typed_name == "Emma Morgan" and medicine.consent_decision_id is not None

    # --- the key person takes it in and gives a dose, witnessed by Daniel ------------------------------
    page = amira.page
    main_menu(amira, "Today")
    amira.follow(page.get_by_role("link", name="Today's medicines"))
    row = page.get_by_role("row").filter(has_text=MEDICINE)
    expect(row).to_contain_text("Not received")
    amira.follow(row.get_by_role("link", name=isla.display_name, exact=True))
    amira.follow(page.get_by_role("button", name=hidden_end("Mark as received", f": {MEDICINE}")))
    expect(status_message(amira)).to_contain_text("Marked as received.")
    amira.follow(page.get_by_role("link", name=hidden_end("Record a dose", f" of {MEDICINE}")))
    expect(field(page, "Amount given")).to_have_value("5 ml")
    field(page, "Witnessed by").select_option(label="Daniel Osei")
    amira.follow(page.get_by_role("button", name="Record the dose"))
    expect(status_message(amira)).to_contain_text("Dose recorded. The family has been told.")
    dose = Dose.objects.get(medicine=medicine)
    assert dose.given_by.email == demo.KEY_PERSON_EMAIL and dose.witnessed_by.get_full_name() == "Daniel Osei"
    expect(page.get_by_text("1 not yet seen by the family")).to_be_visible()

    # --- her mum sees it the same day and says so ---------------------------------------------------
    page = emma.page
    child_link(emma, isla, "Medicines")
    given = page.locator("li:not(.card)").filter(has_text="witnessed by Daniel Osei")
    expect(given).to_contain_text("5 ml, given by Amira Hussain, witnessed by Daniel Osei")
    emma.follow(given.get_by_role("button", name=re.compile("^I have seen this")))
    expect(status_message(emma)).to_contain_text("Thank you for letting us know.")
    expect(page.get_by_text(re.compile("^Seen by the family on"))).to_be_visible()
    dose.refresh_from_db()
    assert dose.acknowledged_at is not None


# --- the afternoon: who takes each child home ---------------------------------------------------


@pytest.mark.browser
def test_afternoon_release_refusal_one_off_with_password_and_a_late_collection(
    site: Callable[[str], Any], demo: ModuleType
) -> None:
    isla, alfie, leo = child_named("Isla", "Morgan"), child_named("Alfred", "Morgan"), child_named("Leo", "Walsh")
    in_all_day_today(isla, alfie, leo)
    mail.outbox = []

    # --- 1. Isla goes home with her grandmother, whom her key person knows --------------------------
    amira = site("tablet")
    staff_sign_in(amira, demo, demo.KEY_PERSON_EMAIL)
    page = amira.page
    open_register(amira, "Butterflies")
    tap(amira, row_of(amira, isla).get_by_role("button", name=f"Arrived: {isla.display_name}"))
    expect(row_of(amira, isla)).to_contain_text("Here")
    amira.follow(row_of(amira, isla).get_by_role("link", name=f"Going home: {isla.display_name}"))
    nan = collector(amira, GRANDMOTHER)
    expect(nan).to_be_visible()
    photo = page.locator("label", has=page.get_by_text(GRANDMOTHER)).locator("img.collector-photo")
    expect(photo).to_have_js_property("complete", True)
    assert photo.evaluate("i => i.naturalWidth") > 0, "her photo is shown at the door"
    nan.check()
    page.get_by_label("I know this person: I have met them before").check()
    amira.follow(page.get_by_role("button", name=f"Hand {isla.display_name} over"))
    expect(status_message(amira)).to_contain_text(f"{isla.display_name} has gone home.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Register: Butterflies")
    expect(row_of(amira, isla)).to_contain_text(f"collected by {GRANDMOTHER}, released by Amira Hussain")
    gone = today_of(isla)
    assert gone is not None and gone.state == Attendance.State.LEFT
    assert (gone.collected_by_name, gone.collection_check) == (GRANDMOTHER, Attendance.Check.KNOWN)

    # --- 2. Leo's father may not collect him: the door refuses ---------------------------------------
    sarah = site("tablet")
    staff_sign_in(sarah, demo, demo.MANAGER_EMAIL)
    page = sarah.page
    open_register(sarah, "Ladybirds")
    arrived = row_of(sarah, leo).get_by_role("button", name=f"Arrived: {leo.display_name}")
    if arrived.count():  # the demo signs Leo in on weekdays
        tap(sarah, arrived)
    expect(row_of(sarah, leo)).to_contain_text("Here")
    sarah.follow(row_of(sarah, leo).get_by_role("link", name=f"Going home: {leo.display_name}"))
    expect(page.get_by_role("region", name=f"Must NOT collect {leo.display_name}")).to_contain_text("Craig Donnelly")
    collector(sarah, "Craig Donnelly").check()
    page.get_by_label("I know this person: I have met them before").check()
    sarah.follow(page.get_by_role("button", name=f"Hand {leo.display_name} over"), status=400)
    alert = page.locator(".alert--danger[role=alert]")
    expect(alert).to_contain_text(f"Do not release {leo.display_name} to Craig Donnelly")
    expect(alert).to_contain_text("tell the manager now")
    held = today_of(leo)
    assert held is not None and held.state == Attendance.State.PRESENT, "Leo is still in"

    # --- 3. Alfie: his mum sets a password and gives one-off permission for a neighbour ---------------
    emma = site("phone")
    emma.sign_in(demo.PARENT_EMAIL, demo.DEMO_PASSWORD)
    page = emma.page
    child_link(emma, alfie, "Who collects")
    emma.follow(page.get_by_role("link", name="Set a password"))
    field(page, "New collection password").fill(ALFIE_PASSWORD)
    emma.follow(page.get_by_role("button", name="Save the password"))
    expect(status_message(emma)).to_contain_text("The collection password is saved")
    emma.follow(page.get_by_role("link", name="Give one-off permission"))
    expect(field(page, "Day")).to_have_value(timezone.localdate().isoformat())
    field(page, "Full name of the person collecting").fill(NEIGHBOUR)
    field(page, "Relationship to the child").fill("Neighbour")
    field(page, "How will staff recognise them?").fill("Short dark hair, green raincoat, pushing a buggy")
    page.get_by_label("I confirm this person is aged 16 or over").check()
    field(page, "Type your full name to sign").fill("Emma Morgan")
    emma.follow(page.get_by_role("button", name="Give permission"))
    expect(status_message(emma)).to_contain_text("Your permission is saved")
    expect(page.get_by_role("region", name="One-off permission")).to_contain_text(NEIGHBOUR)
    one_off = OneOffCollector.objects.get(child=alfie, name=NEIGHBOUR)

    # --- the manager signs Alfie in, then at home time his neighbour is at the door ------------------
    page = sarah.page
    open_register(sarah, "Caterpillars")
    tap(sarah, row_of(sarah, alfie).get_by_role("button", name=f"Arrived: {alfie.display_name}"))
    expect(row_of(sarah, alfie)).to_contain_text("Here")
    sarah.follow(row_of(sarah, alfie).get_by_role("link", name=f"Going home: {alfie.display_name}"))
    expect(collector(sarah, NEIGHBOUR)).to_be_visible()
    # a wrong password from "someone not on the list": refused, recorded, the manager told
    page.get_by_role("radio", name="Someone not on the list who gives the collection password").check()
    field(page, "Or: proof of identity seen (needed when you do not know them, and for a one-off collector)").fill(
        "Driving licence"
    )
    field(page, "Full name of the person giving the password").fill(NEIGHBOUR)
    adult = page.get_by_label("I confirm the person giving the password is aged 16 or over")
    if adult.count():
        adult.check()
    field(page, "Collection password they give").fill("red tractor")
    sarah.follow(page.get_by_role("button", name=f"Hand {alfie.display_name} over"), status=400)
    expect(page.get_by_role("alert").first).to_contain_text(
        f"That is not {alfie.display_name}'s collection password. Do not release {alfie.display_name}."
    )
    assert list(PasswordAttempt.objects.filter(child=alfie).values_list("succeeded", flat=True)) == [False]
    assert today_of(alfie).state == Attendance.State.PRESENT  # type: ignore[union-attr]
    told = [m for m in mail.outbox if demo.MANAGER_EMAIL in m.to]
    assert told and "Wrong collection password" in told[0].subject, [m.subject for m in mail.outbox]
    assert ALFIE_PASSWORD not in told[0].body and "red tractor" not in told[0].body
    # the neighbour is on today's list: identity seen, and the right password
    collector(sarah, NEIGHBOUR).check()
    field(page, "Or: proof of identity seen (needed when you do not know them, and for a one-off collector)").fill(
        "Driving licence"
    )
    field(page, "Collection password they give").fill(ALFIE_PASSWORD)
    sarah.follow(page.get_by_role("button", name=f"Hand {alfie.display_name} over"))
    expect(status_message(sarah)).to_contain_text(f"{alfie.display_name} has gone home.")
    expect(row_of(sarah, alfie)).to_contain_text(f"collected by {NEIGHBOUR}")
    gone = today_of(alfie)
    assert gone is not None and gone.state == Attendance.State.LEFT
    assert (gone.one_off_id, gone.collection_check, gone.identity_note) == (
        one_off.pk,
        Attendance.Check.PASSWORD,
        "Driving licence",
    )
    assert list(PasswordAttempt.objects.filter(child=alfie).order_by("pk").values_list("succeeded", flat=True)) == [
        False,
        True,
    ]

    # --- 4. nobody has come for Leo: his session ended long ago -----------------------------------
    local = timezone.localtime()
    ended = (local - dt.timedelta(hours=1)).time().replace(second=0, microsecond=0) if local.hour >= 1 else dt.time(0)
    Attendance.objects.filter(pk=held.pk).update(expected_end=ended)
    main_menu(sarah, "Today")
    late = page.get_by_role("alert").filter(has_text="Not collected on time")
    expect(late).to_contain_text(f"Late: {leo.display_name} should have been collected at {ended:%H:%M}")
    sarah.follow(late.get_by_role("link", name=hidden_end("Open a case", f" for {leo.display_name}")))
    sarah.follow(page.get_by_role("button", name="Open a late collection case"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Late collection: {leo.display_name}")
    calls = page.get_by_role("region", name="People to call, in order")
    expect(calls).not_to_contain_text("Craig Donnelly")  # a restricted adult is not on the cascade
    sarah.follow(calls.get_by_role("button", name=hidden_end("Called — no answer", ": Kirsty Walsh")))
    expect(status_message(sarah)).to_contain_text("Call recorded.")
    sarah.follow(calls.get_by_role("button", name=hidden_end("Spoke to them", ": Shannon Walsh")))
    plan = page.get_by_role("region", name="Emergency plan, step by step")
    sarah.follow(plan.get_by_role("button", name="Mark step 1 done"))
    expect(status_message(sarah)).to_contain_text("Step ticked as done.")
    expect(plan.get_by_role("listitem").first).to_contain_text("Done at")
    what = page.get_by_role("region", name="What happened")
    expect(what).to_contain_text("No answer: Kirsty Walsh")
    expect(what).to_contain_text("Spoke to them: Shannon Walsh")
    case = LateCase.objects.get(attendance=held)
    assert list(case.steps.order_by("pk").values_list("kind", flat=True)) == [
        LateStep.Kind.NO_ANSWER,
        LateStep.Kind.SPOKE,
        LateStep.Kind.PLAN,
    ]

    # --- his mum arrives: he goes home with her, and the case is closed ---------------------------------
    going_home(sarah, "Ladybirds", leo)
    collector(sarah, "Kirsty Walsh").check()
    page.get_by_label("I know this person: I have met them before").check()
    sarah.follow(page.get_by_role("button", name=f"Hand {leo.display_name} over"))
    expect(status_message(sarah)).to_contain_text(f"{leo.display_name} has gone home.")
    main_menu(sarah, "Today")
    late = page.get_by_role("alert").filter(has_text="Not collected on time")
    expect(late).to_contain_text(f"{leo.display_name} was collected at")
    sarah.follow(late.get_by_role("link", name=hidden_end("Continue the case", f" of {leo.display_name}")))
    expect(page.get_by_text(re.compile("^Collected at .* by Kirsty Walsh"))).to_be_visible()
    page.get_by_role("radio", name="Collected late").check()
    field(page, "Summary for the record").fill(
        "Mum's car broke down; Aunt Shannon told us. Mum arrived by taxi and apologised. Leo was happy."
    )
    sarah.follow(page.get_by_role("button", name="Close the case"))
    expect(status_message(sarah)).to_contain_text("The case is closed and kept on record.")
    expect(page.get_by_text(re.compile("^Collected late."))).to_be_visible()
    case.refresh_from_db()
    assert case.closed_at is not None and case.outcome == LateCase.Outcome.COLLECTED
    held.refresh_from_db()
    assert (held.state, held.collected_by_name) == (Attendance.State.LEFT, "Kirsty Walsh")
