"""Support plans end to end (issue 8's "Done when" for R22 and R23), in Chromium with axe on every page:
the key person on a desktop, the parent on her phone (360 px), the SENCO on a tablet, the visiting
professional on a phone; no page on a phone or a tablet may scroll sideways.

* Amira, Isla's key person, starts a support plan from Isla's record, adds two targets (one mistake
  first) and proposes it to the family.
* Emma, Isla's mum, is told; on her phone she opens "Support plan" under Isla, reads the plan,
  comments and agrees it.
* Fiona, the SENCO, opens the plan from Isla's record and invites Hannah Lewis, the demo's speech and
  language therapist; Hannah is told, reads the plan (and nothing else of Isla) and comments.
* Amira records the review (one mistake first), and Emma reads it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Locator, expect

from tandem.agencies.models import PlanComment, PlanContributor, PlanReview, Professional, SupportPlan
from tandem.core.models import Setting, User
from tandem.people.models import Child

CONCERN = "Isla is quiet in groups and rarely asks an adult for help, even when she is upset."
STRENGTHS = "Isla loves drawing and the role-play kitchen, and plays well with one friend at a time."
TARGETS = [
    (
        "Asks an adult for help when she needs it",
        "Amira checks in with Isla at each change of activity and praises her when she asks.",
        "Practise asking for help at home: 'Can you help me, please?'",
        "Amira every day; Emma at home.",
    ),
    (
        "Joins a small group for a short story",
        "A small story group of three children, three times a week.",
        "Read the same story at bedtime so it is familiar.",
        "Daniel leads the story group; Emma at bedtime.",
    ),
]
EMMA_COMMENT = "Thank you. She does ask at home, so we will keep practising."
HANNAH_COMMENT = "I will model asking for help during my next visit and share a visual prompt card."
PROGRESS = "Isla asked for help three times this week without being prompted, and joins the story group."


# --- helpers ------------------------------------------------------------------------------------


def field(scope: Any, label: str) -> Locator:
    """A form field by its label, which may end in "(optional)"."""
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}( \(optional\))?$"))


def heading(tab: Any) -> Locator:
    return tab.page.get_by_role("heading", level=1)


def status_message(tab: Any) -> Locator:
    return tab.page.get_by_role("status")


def staff_sign_in(tab: Any, demo: ModuleType, email: str) -> None:
    tab.sign_in(email, demo.DEMO_PASSWORD)
    tab.second_factor(demo.totp_secret(email))
    assert tab.path == "/"


def open_notification(tab: Any, title: str) -> None:
    """The header's "Notifications" link, then the notification with this title."""
    tab.follow(tab.page.get_by_role("link", name=re.compile(r"^Notifications\b")))
    item = tab.page.get_by_role("listitem").filter(has_text=title).first
    tab.follow(item.get_by_role("link", name=re.compile(r"\(unread\)$")))


def what_you_can_do(tab: Any, label: str) -> None:
    tab.follow(tab.page.get_by_role("navigation", name="What you can do").get_by_role("link", name=label))


def professional(demo: ModuleType, setting: Setting) -> Professional:
    """The demo's speech and language therapist (the visits demo makes her; made here if it has not)."""
    email = demo.demo_email("slt")
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=demo.DEMO_PASSWORD, first_name="Hannah", last_name="Lewis"
        )
    profile, _ = Professional.objects.get_or_create(
        user=user, defaults={"setting": setting, "job_title": "Speech and language therapist"}
    )
    return profile


def add_target(tab: Any, target: tuple[str, str, str, str]) -> None:
    what_you_can_do(tab, "Add a target")
    expect(heading(tab)).to_have_text("Add a target")
    page = tab.page
    field(page, "Target").fill(target[0])
    field(page, "What we will do at the setting").fill(target[1])
    field(page, "What the family will try at home").fill(target[2])
    field(page, "Who does what").fill(target[3])
    tab.follow(page.get_by_role("button", name="Add the target"))
    expect(status_message(tab)).to_contain_text("The target is added.")


# --- the plan, end to end ---------------------------------------------------------------------------


@pytest.mark.browser
def test_a_support_plan_is_written_agreed_contributed_to_and_reviewed(
    site: Callable[[str], Any], demo: ModuleType
) -> None:
    isla = Child.objects.get(first_name="Isla", last_name="Morgan", leaving_date__isnull=True)
    profile = professional(demo, isla.setting)
    hannah = profile.user
    record = reverse("people:child", args=[isla.pk])

    # --- Amira, on a desktop: starts the plan from Isla's record (a mistake first) ----------------------
    amira = site("desktop")
    staff_sign_in(amira, demo, demo.KEY_PERSON_EMAIL)
    amira.visit(record)
    panel = amira.page.get_by_role("region", name="Support plans")
    amira.follow(panel.get_by_role("link", name=re.compile(r"^Start a plan")))
    expect(heading(amira)).to_have_text("Start a support plan")
    page = amira.page
    page.get_by_role("radio", name="Support plan", exact=True).check()
    field(page, "First review date").fill((timezone.localdate() - dt.timedelta(days=1)).isoformat())
    amira.follow(page.get_by_role("button", name="Start the plan"), status=400)
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_contain_text("Write what the concern about progress is.")
    expect(summary).to_contain_text("The review date cannot be in the past.")
    field(page, "The concern").fill(CONCERN)
    field(page, "What the child enjoys and does well").fill(STRENGTHS)
    field(page, "First review date").fill((timezone.localdate() + dt.timedelta(days=42)).isoformat())
    amira.follow(page.get_by_role("button", name="Start the plan"))
    expect(heading(amira)).to_have_text(f"Support plan for {isla.display_name}")
    expect(page.get_by_role("region", name="Being written")).to_contain_text("The family cannot see this plan yet.")
    plan = SupportPlan.objects.get(child=isla, concern=CONCERN)

    # … two targets, then proposes it to the family
    for target in TARGETS:
        add_target(amira, target)
    targets = page.get_by_role("region", name="Targets")
    expect(targets.get_by_role("article")).to_have_count(2)
    amira.follow(page.get_by_role("button", name="Propose the plan to the family"))
    expect(status_message(amira)).to_contain_text("The plan is proposed to the family.")
    plan.refresh_from_db()
    assert plan.status == SupportPlan.Status.PROPOSED

    # --- Emma, on her phone: told; reads it from "Support plan" under Isla, comments and agrees ---------
    emma = site("phone")
    emma.sign_in(demo.PARENT_EMAIL, demo.DEMO_PASSWORD)
    page = emma.page
    card = page.get_by_role("article", name=isla.display_name)
    emma.follow(card.get_by_role("link", name="Support plan", exact=True))
    expect(heading(emma)).to_have_text("Support plans for Isla")
    emma.follow(page.get_by_role("link", name="Support plan", exact=True))
    expect(heading(emma)).to_have_text(f"Support plan for {isla.display_name}")
    expect(page.get_by_role("region", name="Waiting for you to agree")).to_be_visible()
    expect(page.get_by_role("region", name="What we have noticed")).to_contain_text(CONCERN)
    for target in TARGETS:
        expect(page.get_by_role("region", name="Targets")).to_contain_text(target[2])  # what to try at home
    expect(page.get_by_role("navigation", name="What you can do")).to_have_count(0)  # nothing to edit
    emma.follow(page.get_by_role("button", name="Add your comment"), status=400)
    expect(page.get_by_role("alert").filter(has_text="There is a problem")).to_contain_text("Write your comment.")
    field(page, "Your comment").fill(EMMA_COMMENT)
    emma.follow(page.get_by_role("button", name="Add your comment"))
    expect(page.get_by_role("region", name="Comments")).to_contain_text(EMMA_COMMENT)
    emma.follow(page.get_by_role("button", name="I agree with this plan"))
    expect(status_message(emma)).to_contain_text("You have agreed the plan.")
    expect(page.get_by_role("region", name="Agreed")).to_contain_text("Agreed by Emma Morgan")
    plan.refresh_from_db()
    assert plan.status == SupportPlan.Status.AGREED and plan.agreed_by is not None
    assert plan.agreed_by.email == demo.PARENT_EMAIL

    # --- Fiona, the SENCO, on a tablet: from Isla's record, invites Hannah -----------------------------
    fiona = site("tablet")
    staff_sign_in(fiona, demo, demo.SENCO_EMAIL)
    fiona.visit(record)
    panel = fiona.page.get_by_role("region", name="Support plans")
    fiona.follow(panel.get_by_role("link", name="Support plan", exact=True))
    expect(fiona.page.get_by_role("region", name="Comments")).to_contain_text(EMMA_COMMENT)
    what_you_can_do(fiona, "Invite a professional")
    expect(heading(fiona)).to_have_text("Invite a professional")
    fiona.page.get_by_label("Professional", exact=True).select_option(value=str(profile.pk))
    fiona.follow(fiona.page.get_by_role("button", name="Invite them"))
    expect(status_message(fiona)).to_contain_text("The professional is invited.")
    expect(fiona.page.get_by_role("region", name="Invited to this plan")).to_contain_text("Hannah Lewis")
    assert PlanContributor.objects.filter(plan=plan, user=hannah, ended_at__isnull=True).exists()

    # --- Hannah, on her phone: told; reads the plan and comments; nothing else of Isla ---------------------
    therapist = site("phone")
    therapist.sign_in(hannah.email, demo.DEMO_PASSWORD)
    open_notification(therapist, "You are invited to contribute to a support plan")
    expect(heading(therapist)).to_have_text(f"Support plan for {isla.display_name}")
    expect(therapist.page.get_by_role("region", name="Targets")).to_contain_text(TARGETS[0][0])
    field(therapist.page, "Your comment").fill(HANNAH_COMMENT)
    therapist.follow(therapist.page.get_by_role("button", name="Add your comment"))
    expect(therapist.page.get_by_role("region", name="Comments")).to_contain_text("(Speech and language therapist)")
    therapist.visit(record, status=404)
    assert PlanComment.objects.get(plan=plan, author=hannah).author_role == "Speech and language therapist"

    # --- Amira records the review (a mistake first) ---------------------------------------------------------
    amira.visit(reverse("agencies:plan", args=[plan.pk]))
    expect(amira.page.get_by_role("region", name="Comments")).to_contain_text(HANNAH_COMMENT)
    what_you_can_do(amira, "Record a review")
    expect(heading(amira)).to_have_text("Record a review")
    page = amira.page
    field(page, "Who came").fill("Emma Morgan (Mum), Amira Hussain (key person), Fiona Gallagher (SENCO)")
    field(page, "How the child has got on").fill(PROGRESS)
    field(page, "What the family said").fill("Emma is pleased and will keep practising at home.")
    field(page, f"Progress: {TARGETS[0][0]}").select_option("achieved")
    field(page, f"Progress: {TARGETS[1][0]}").select_option("working")
    page.get_by_role("radio", name="Carry on with the plan").check()
    amira.follow(page.get_by_role("button", name="Record the review"), status=400)
    expect(page.get_by_role("alert").filter(has_text="There is a problem")).to_contain_text(
        "Enter the date of the next review."
    )
    field(page, "Next review date").fill((timezone.localdate() + dt.timedelta(days=42)).isoformat())
    amira.follow(page.get_by_role("button", name="Record the review"))
    expect(status_message(amira)).to_contain_text("The review is recorded.")
    expect(page.get_by_role("region", name="Reviews")).to_contain_text(PROGRESS)
    review = PlanReview.objects.get(plan=plan)
    assert review.outcome == PlanReview.Outcome.CONTINUE
    assert review.recorded_by is not None and review.recorded_by.email == demo.KEY_PERSON_EMAIL

    # --- Emma is told, and reads the review on her phone ------------------------------------------------------
    open_notification(emma, "A support plan review has been recorded")
    expect(emma.page.get_by_role("region", name="Reviews")).to_contain_text(PROGRESS)
    expect(emma.page.get_by_role("region", name="Targets")).to_contain_text("Achieved")
