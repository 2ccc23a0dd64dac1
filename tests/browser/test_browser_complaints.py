"""Concerns and complaints end to end (issue 7's "Done when"), in Chromium with axe on every page:
the parent on her phone (360 px), the key person on a tablet (768 px), everyone above them on a
desktop; no page on a phone or a tablet may scroll sideways.

* A parent's complaint, through every stage of the parent track (R56–R60): Emma Morgan reads the
  notice board's "How to raise a concern or complaint" (generated from the organisation's
  configuration, with Ofsted's details), raises a complaint about Isla from Isla's card (one
  mistake first), and sees its stage. Amira, Isla's key person, listens, explains and passes it to
  the manager; Emma now sees the date we will reply by. Sarah, the manager, investigates (a note
  for the record and the confidential report, never shown to Emma) and gives the outcome; Emma is
  not satisfied; Rajesh, the operations manager (the line-manager stage), responds from the
  provider's page; Emma appeals; Helen, for the board of trustees, gives the final outcome and the
  complaint closes. Emma only ever sees the steps shared with her.
* Staff pages (R61, R63, R64): the manager's complaints list and deadlines page (also at 360 px);
  she passes the demo complaint with her to the allegations procedure when harm comes to light;
  the DSL sees it with the demo allegation; the deputy reaches neither, nor the diverted
  complaint, even by address; last, the Ofsted record page (skipped only while
  ``complaints:record`` does not reverse).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from playwright.sync_api import Locator, expect

from tandem.complaints.demo.allegations import REFERENCE as ALLEGATION_REFERENCE
from tandem.complaints.demo.complaints import EMMA as EMMA_DEMO_SUMMARY
from tandem.complaints.models import Allegation, Complaint, ComplaintStep, InvestigationReport
from tandem.people.models import Child

SUMMARY = "Isla came home with a graze on her knee on Tuesday and nobody told me about it at collection."
WANTED = "To be told the same day when Isla is hurt, and an accident form to sign."
LISTENED = "Met Emma at drop-off and listened: she should have been told about the graze at collection."
EXPLAINED = "The graze happened in the garden just before home time; the accident form was not finished in time."
ESCALATE = "Emma would like the manager to look into how accidents are passed on at collection."
INTERNAL_NOTE = "Checked the accident book: the form was started at 15:10 but never signed by the room leader."
REPORT = "Confidential report: the room leader was covering two rooms and did not complete the form before pick-up."
OUTCOME = "You should have been told at collection. Accident forms are now finished before children go home."
NOT_SATISFIED = "I would like to know what will stop this happening again when the room is short-staffed."
LINE_MANAGER_REPLY = "Rooms are no longer left with one leader at home time; a second adult checks accident forms."
APPEAL = "I still do not think the answer goes far enough."
FINAL = "The trustees have reviewed everything: a daily accident check at home time starts next week."
CONFIDENTIAL = (INTERNAL_NOTE, REPORT)
HARM = "Isla has now told her mum that a member of staff grabbed her arm hard to pull her out of the rehearsal."


# --- helpers ------------------------------------------------------------------------------------


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


def open_notification(tab: Any, title: str) -> None:
    """The header's "Notifications" link, then the notification with this title."""
    tab.follow(tab.page.get_by_role("link", name=re.compile(r"^Notifications\b")))
    item = tab.page.get_by_role("listitem").filter(has_text=title).first
    tab.follow(item.get_by_role("link", name=re.compile(r"\(unread\)$")))


def action(tab: Any, label: str) -> None:
    """A button of the complaint's "What you can do"."""
    tab.follow(tab.page.get_by_role("navigation", name="What you can do").get_by_role("link", name=label))


def submit_text(tab: Any, label: str, text: str, button: str) -> None:
    field(tab.page, label).fill(text)
    tab.follow(tab.page.get_by_role("button", name=button, exact=True))


def record_step(tab: Any, kind: str, text: str, *, shared: bool) -> None:
    action(tab, "Record a step")
    expect(heading(tab)).to_have_text("Record a step")
    tab.page.get_by_role("radio", name=kind).check()
    field(tab.page, "What was said or done").fill(text)
    box = tab.page.get_by_role("checkbox", name="Share this step with the complainant")
    box.check() if shared else box.uncheck()
    tab.follow(tab.page.get_by_role("button", name="Record the step"))
    expect(status_message(tab)).to_contain_text("Step recorded.")


def give_outcome(tab: Any, link: str, outcome: str, text: str) -> None:
    action(tab, link)
    tab.page.get_by_role("radio", name=outcome, exact=True).check()
    field(tab.page, "What was found, and what will happen").fill(text)
    tab.follow(tab.page.get_by_role("button", name="Give the outcome"))
    expect(status_message(tab)).to_contain_text("Outcome given.")


def parent_sees_nothing_confidential(tab: Any) -> None:
    text = tab.page.locator("main").inner_text()
    for secret in CONFIDENTIAL:
        assert secret not in text, f"the parent sees a confidential text on {tab.path}"
    assert "Confidential investigation report" not in text
    assert "Not shared" not in text


def parent_opens_complaint(tab: Any, reference: str) -> None:
    """Emma, from her concerns and complaints (the notice board's link), opens this one."""
    main_menu(tab, "Notice board")
    tab.follow(tab.page.get_by_role("link", name="Your concerns and complaints"))
    expect(heading(tab)).to_have_text("Concerns and complaints")
    tab.follow(tab.page.get_by_role("link", name=reference, exact=True))
    expect(heading(tab)).to_have_text(f"Your complaint: {reference}")
    parent_sees_nothing_confidential(tab)


def provider_complaint(tab: Any, reference: str) -> None:
    """An owner or line manager: home → the provider's page → the setting's complaints → this one."""
    tab.follow(tab.page.get_by_role("link", name=re.compile(r"^Willowbrook Community Preschool Charity")))
    tab.follow(tab.page.get_by_role("link", name="Concerns and complaints", exact=True))
    expect(heading(tab)).to_have_text("Concerns and complaints")
    tab.follow(tab.page.get_by_role("link", name=reference, exact=True))
    expect(heading(tab)).to_have_text(f"Complaint {reference}")


def local_date(at: Any) -> str:
    local = timezone.localtime(at)
    return f"{local.day} {local:%B %Y}"


# --- 1. a parent's complaint, end to end --------------------------------------------------------------


@pytest.mark.browser
def test_a_parents_complaint_runs_through_every_stage_to_the_appeal(
    site: Callable[[str], Any], demo: ModuleType
) -> None:
    isla = Child.objects.get(first_name="Isla", last_name="Morgan", leaving_date__isnull=True)

    # --- Emma, on her phone: the notice board → how to raise a concern or complaint ---------------------
    emma = site("phone")
    emma.sign_in(demo.PARENT_EMAIL, demo.DEMO_PASSWORD)
    page = emma.page
    main_menu(emma, "Notice board")
    emma.follow(page.get_by_role("link", name="How to raise a concern or complaint", exact=True))
    expect(heading(emma)).to_have_text("How to raise a concern or complaint")
    ofsted = page.get_by_role("complementary", name="Complaining to Ofsted")
    expect(ofsted).to_contain_text("You may complain to Ofsted at any time")
    expect(ofsted).to_contain_text("0300 123 1231")
    parents = page.get_by_role("region", name="If you are a parent or carer")
    expect(parents).to_contain_text(f"{isla.display_name}'s key person, Amira Hussain")  # her own child's
    expect(parents).to_contain_text("Operations manager, Rajesh Patel")  # the organisation's configuration
    expect(parents).to_contain_text("The board of trustees")
    expect(parents).to_contain_text("28 days")

    # --- … raises a complaint from Isla's card on her home page (a mistake first) --------------------------
    emma.visit("/")
    card = page.get_by_role("article", name=isla.display_name)
    emma.follow(card.get_by_role("link", name="Raise a concern or complaint", exact=True))
    expect(heading(emma)).to_have_text("Raise a concern or complaint")
    page.get_by_role("radio", name=re.compile(r"^A complaint:")).check()
    emma.follow(page.get_by_role("button", name="Send it"), status=400)
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_contain_text("Tell us what happened or what you are unhappy about.")
    expect(summary.get_by_role("listitem")).to_have_count(1)
    what = field(page, "What happened, or what are you unhappy about?")
    expect(summary.get_by_role("link")).to_have_attribute("href", "#" + (what.get_attribute("id") or "?"))
    expect(page.get_by_role("radio", name=re.compile(r"^A complaint:"))).to_be_checked()  # her choice is kept
    what.fill(SUMMARY)
    field(page, "What would you like to happen?").fill(WANTED)
    emma.follow(page.get_by_role("button", name="Send it"))
    expect(status_message(emma)).to_contain_text("Thank you. We have received it")
    complaint = Complaint.objects.get(raised_by__email=demo.PARENT_EMAIL, summary=SUMMARY)
    reference = complaint.reference
    assert complaint.stage == Complaint.Stage.KEY_PERSON and complaint.child == isla
    expect(heading(emma)).to_have_text(f"Your complaint: {reference}")
    where = page.get_by_role("region", name="Where it is now")
    expect(where).to_contain_text("Your child's key person is looking into it.")
    expect(where).not_to_contain_text("We will reply by")  # the key person stage has no time limit
    expect(page.get_by_role("complementary", name="Complaining to Ofsted")).to_contain_text("0300 123 1231")

    # --- Amira, Isla's key person, on a tablet: told, she listens, explains and passes it on ----------------
    amira = site("tablet")
    staff_sign_in(amira, demo, demo.KEY_PERSON_EMAIL)
    open_notification(amira, f"A complaint needs you: {reference}")
    expect(heading(amira)).to_have_text(f"Complaint {reference}")
    expect(amira.page.get_by_role("region", name="The concern or complaint")).to_contain_text(SUMMARY)
    amira.resize(360, 740)  # the staff page of a complaint on a phone too
    amira.resize(768, 1024)
    record_step(amira, "Listened to the parent and acknowledged what they are unhappy about", LISTENED, shared=True)
    record_step(amira, "Gave an explanation", EXPLAINED, shared=True)
    action(amira, "Not satisfied: pass it to the setting manager")
    submit_text(amira, "What the complainant is still unhappy about", ESCALATE, "Pass it on")
    expect(status_message(amira)).to_contain_text("Passed to the next stage.")
    complaint.refresh_from_db()
    assert complaint.stage == Complaint.Stage.MANAGER
    feedback_due = complaint.deadlines.get(met_at__isnull=True).due_at

    # --- Emma sees it with the manager, and by when we will reply ---------------------------------------
    parent_opens_complaint(emma, reference)
    where = page.get_by_role("region", name="Where it is now")
    expect(where).to_contain_text("It is with the setting manager.")
    expect(where).to_contain_text(f"We will reply by {local_date(feedback_due)}.")
    history = page.get_by_role("region", name="What has happened")
    for shared in (LISTENED, EXPLAINED, ESCALATE):
        expect(history).to_contain_text(shared)

    # --- Sarah, the manager, on a desktop: investigates, writes the report, gives the outcome -------------
    sarah = site("desktop")
    staff_sign_in(sarah, demo, demo.MANAGER_EMAIL)
    main_menu(sarah, "Office")
    sarah.follow(sarah.page.get_by_role("link", name=re.compile(r"^Concerns and complaints")))
    expect(heading(sarah)).to_have_text("Concerns and complaints")
    sarah.follow(sarah.page.get_by_role("link", name=reference, exact=True))
    expect(heading(sarah)).to_have_text(f"Complaint {reference}")
    record_step(sarah, "Investigation: what was looked into, who was spoken to", INTERNAL_NOTE, shared=False)
    action(sarah, "Write the confidential investigation report")
    submit_text(sarah, "The report of the investigation", REPORT, "Save the report")
    expect(sarah.page.get_by_role("region", name="Confidential investigation report")).to_contain_text(REPORT)
    give_outcome(sarah, "Give the outcome", "Partly upheld", OUTCOME)
    assert InvestigationReport.objects.get(complaint=complaint).text == REPORT
    assert complaint.deadlines.get(rule="parent.manager_feedback").met_at is not None  # fed back in time

    # --- Emma is not satisfied ------------------------------------------------------------------------
    parent_opens_complaint(emma, reference)
    expect(page.get_by_role("region", name="Where it is now")).to_contain_text("partly upheld")
    expect(page.get_by_role("region", name="What has happened")).to_contain_text(OUTCOME)
    emma.follow(page.get_by_role("link", name="I am not satisfied"))
    submit_text(emma, "What are you still unhappy about?", NOT_SATISFIED, "Take my complaint further")
    expect(status_message(emma)).to_contain_text("Your complaint has gone to the next stage.")
    expect(page.get_by_role("region", name="Where it is now")).to_contain_text("It is with the operations manager.")
    parent_sees_nothing_confidential(emma)
    complaint.refresh_from_db()
    assert complaint.stage == Complaint.Stage.LINE_MANAGER

    # --- Rajesh, the operations manager, from the provider's page: responds ---------------------------------
    rajesh = site("desktop")
    staff_sign_in(rajesh, demo, demo.LINE_MANAGER_EMAIL)
    provider_complaint(rajesh, reference)
    expect(rajesh.page.get_by_role("region", name="Complaint Investigation Record")).to_contain_text(NOT_SATISFIED)
    give_outcome(rajesh, "Give the outcome", "Partly upheld", LINE_MANAGER_REPLY)

    # --- Emma appeals ---------------------------------------------------------------------------------
    parent_opens_complaint(emma, reference)
    expect(page.get_by_role("region", name="What has happened")).to_contain_text(LINE_MANAGER_REPLY)
    emma.follow(page.get_by_role("link", name="I am not satisfied"))
    submit_text(emma, "What are you still unhappy about?", APPEAL, "Take my complaint further")
    expect(page.get_by_role("region", name="Where it is now")).to_contain_text("at appeal, with the board of trustees")
    complaint.refresh_from_db()
    assert complaint.stage == Complaint.Stage.APPEAL

    # --- Helen, for the board of trustees: the final outcome closes it ----------------------------------------
    helen = site("desktop")
    staff_sign_in(helen, demo, demo.OWNER_EMAIL)
    provider_complaint(helen, reference)
    give_outcome(helen, "Give the final outcome of the appeal", "Partly upheld", FINAL)
    expect(helen.page.get_by_role("region", name=re.compile(r"^Now:"))).to_contain_text("Closed on")
    complaint.refresh_from_db()
    assert complaint.stage == Complaint.Stage.CLOSED and complaint.outcome == Complaint.Outcome.PARTLY_UPHELD

    # --- Emma sees it closed, with only the steps shared with her --------------------------------------------
    parent_opens_complaint(emma, reference)
    expect(page.get_by_role("region", name="Where it is now")).to_contain_text("It is closed: partly upheld")
    expect(page.get_by_role("link", name="I am not satisfied")).to_have_count(0)
    history = page.get_by_role("region", name="What has happened")
    shown = history.get_by_role("listitem")
    shared_steps = ComplaintStep.objects.filter(complaint=complaint, shared_with_complainant=True)
    assert ComplaintStep.objects.filter(complaint=complaint, shared_with_complainant=False).count() == 2
    expect(shown).to_have_count(shared_steps.count())
    for text in (LISTENED, EXPLAINED, OUTCOME, NOT_SATISFIED, LINE_MANAGER_REPLY, APPEAL, FINAL):
        expect(history).to_contain_text(text)
    parent_sees_nothing_confidential(emma)


# --- 2. the staff pages: complaints, deadlines, allegations, the Ofsted record ------------------------


@pytest.mark.browser
def test_staff_see_complaints_deadlines_allegations_and_the_record_only_as_allowed(
    site: Callable[[str], Any], demo: ModuleType
) -> None:
    isla = Child.objects.get(first_name="Isla", last_name="Morgan", leaving_date__isnull=True)
    setting = isla.setting
    complaint = Complaint.objects.get(summary=EMMA_DEMO_SUMMARY)  # with the manager, 28 days running
    reference = complaint.reference
    demo_allegation = Allegation.objects.get(lado_reference=ALLEGATION_REFERENCE)

    # --- Sarah, the manager: the complaints list and the deadlines, on a desktop and on a phone -------------
    sarah = site("desktop")
    staff_sign_in(sarah, demo, demo.MANAGER_EMAIL)
    page = sarah.page
    main_menu(sarah, "Office")
    sarah.follow(page.get_by_role("link", name=re.compile(r"^Concerns and complaints")))
    expect(heading(sarah)).to_have_text("Concerns and complaints")
    expect(page.get_by_role("row").filter(has_text=reference)).to_contain_text("With the setting manager")
    sarah.resize(360, 740)
    sarah.resize(1280, 800)

    main_menu(sarah, "Office")
    sarah.follow(page.get_by_role("link", name=re.compile(r"^Complaint deadlines")))
    expect(heading(sarah)).to_have_text("Complaint deadlines")
    expect(page.get_by_role("row").filter(has_text=reference)).to_contain_text(
        "Investigate and feed back to the parent"
    )
    sarah.resize(360, 740)
    sarah.resize(1280, 800)

    # --- … and passes the complaint to the allegations procedure when harm to a child comes to light ---------
    sarah.follow(page.get_by_role("link", name=reference, exact=True))
    expect(heading(sarah)).to_have_text(f"Complaint {reference}")
    sarah.follow(page.get_by_role("link", name=re.compile(r"^This is an allegation of serious harm")))
    expect(heading(sarah)).to_have_text("This is an allegation against a member of staff or a volunteer")
    page.get_by_label("The member of staff or volunteer it is about").select_option(label="Jamal Robinson")
    field(page, "What is alleged").fill(HARM)
    sarah.follow(page.get_by_role("button", name="Pass it to the allegations procedure"))
    expect(status_message(sarah)).to_contain_text("The complaint has been passed to the allegations procedure.")
    diverted = Allegation.objects.get(complaint=complaint)
    complaint.refresh_from_db()
    assert complaint.stage == Complaint.Stage.ALLEGATION
    assert not complaint.deadlines.filter(met_at__isnull=True, cancelled_at__isnull=True).exists()  # time stops

    # --- Grace, the DSL, on a tablet: both allegations, the diverted one open --------------------------------
    grace = site("tablet")
    staff_sign_in(grace, demo, demo.DSL_EMAIL)
    main_menu(grace, "Office")
    grace.follow(grace.page.get_by_role("link", name=re.compile(r"^Allegations against staff")))
    expect(heading(grace)).to_have_text("Allegations against staff")
    rows = grace.page.get_by_role("row").filter(has_text="Jamal Robinson")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="Closed")).to_have_count(1)
    grace.follow(rows.filter(has_text="Open").get_by_role("link"))
    assert grace.path == reverse("complaints:allegation", args=[diverted.pk])
    expect(grace.page.locator("main")).to_contain_text(HARM)
    grace.resize(360, 740)

    # --- Tomasz, the deputy: no allegation, not even the diverted complaint, not even by its address ----------
    tomasz = site("tablet")
    staff_sign_in(tomasz, demo, demo.DEPUTY_EMAIL)
    main_menu(tomasz, "Office")
    expect(tomasz.page.get_by_role("link", name=re.compile(r"^Allegations against staff"))).to_have_count(0)
    tomasz.follow(tomasz.page.get_by_role("link", name=re.compile(r"^Concerns and complaints")))
    expect(tomasz.page.get_by_role("link", name=reference, exact=True)).to_have_count(0)
    for name, pk in (("allegations", setting.pk), ("allegation", demo_allegation.pk), ("allegation", diverted.pk)):
        tomasz.visit(reverse(f"complaints:{name}", args=[pk]), status=404)
    tomasz.visit(reverse("complaints:complaint", args=[complaint.pk]), status=404)

    # --- the Ofsted record (the record feature may still be on its way) ------------------------------------
    try:
        record_url = reverse("complaints:record", args=[setting.pk])
    except NoReverseMatch:
        pytest.skip("The Ofsted record page is not there yet: complaints:record does not reverse.")
    main_menu(sarah, "Office")
    sarah.follow(page.get_by_role("link", name=re.compile(r"^Ofsted complaints record")))
    assert sarah.path.startswith(record_url), sarah.path
    expect(heading(sarah)).to_contain_text("record")
    sarah.resize(360, 740)
