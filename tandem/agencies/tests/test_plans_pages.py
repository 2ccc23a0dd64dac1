"""Support plans and SEN plans (R22, R23), through the pages: each step, each refusal, who gets a 404,
stale edits shown with the other person's changes, the family's link, the panel, the due list."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem.agencies.models import PlanComment, PlanContributor, PlanReview, PlanTarget, SupportPlan
from tandem.conftest import login
from tandem.core.models import AuditEvent
from tandem.people.models import Child

Status = SupportPlan.Status
TODAY = timezone.localdate


def url(name: str, *args: Any) -> str:
    return reverse(f"agencies:{name}", args=args)


def text(response: Any) -> str:
    return response.content.decode()


TARGET = {
    "target": "Uses two words together to ask for things",
    "in_setting": "Model two-word phrases at snack time.",
    "at_home": "Name things at bath time.",
    "who": "Keira daily; Penny at bath time.",
}


# --- the key person writes and proposes a plan ------------------------------------------------------------
def test_the_key_person_writes_a_plan_and_proposes_it(world: Any, client: Any) -> None:
    w = world
    login(client, w.key_person_a)
    record = text(client.get(reverse("people:child", args=[w.child_a.pk])))
    assert "Support plans" in record and url("plan_start", w.child_a.pk) in record
    start_url = url("plan_start", w.child_a.pk)
    assert client.get(start_url).status_code == 200
    # a mistake first: no concern, a review date in the past
    response = client.post(start_url, {"kind": "sen", "concern": "", "review_on": "2020-01-01"})
    assert response.status_code == 400
    page = text(response)
    assert "Write what the concern about progress is." in page and "cannot be in the past" in page
    response = client.post(
        start_url,
        {
            "kind": "sen",
            "concern": "Amelia uses few words for her age.",
            "strengths": "Loves singing.",
            "review_on": (TODAY() + dt.timedelta(days=42)).isoformat(),
        },
    )
    plan = SupportPlan.objects.get(concern="Amelia uses few words for her age.")
    assert response.status_code == 302 and response["Location"] == url("plan", plan.pk)
    page = text(client.get(url("plan", plan.pk)))
    assert "SEN support plan for Amelia Ashcombe" in page and "No targets yet." in page
    # two targets
    for n in (1, 2):
        response = client.post(
            url("plan_target_add", plan.pk), TARGET | {"target": f"Target {n}", "version": plan.version + n - 1}
        )
        assert response.status_code == 302
    response = client.post(url("plan_target_add", plan.pk), {"version": plan.version + 2})
    assert response.status_code == 400 and "Write what we want the child to be able to do." in text(response)
    plan.refresh_from_db()
    assert [t.target for t in plan.targets.all()] == ["Target 1", "Target 2"]
    # propose it to the family
    response = client.post(url("plan_propose", plan.pk), {"version": plan.version})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == Status.PROPOSED


def test_a_stale_edit_is_refused_with_the_other_persons_changes_shown(world: Any, client: Any) -> None:
    w = world
    plan = w.plan_draft_a
    seen = plan.version
    # the SENCO saves first
    login(client, w.senco)
    form = {"kind": "sen", "concern": "The SENCO's version of the concern.", "strengths": "", "version": seen}
    form["review_on"] = plan.review_on.isoformat()
    assert client.post(url("plan_edit", plan.pk), form).status_code == 302
    # the key person, who opened the form before, saves over it: refused, their words kept
    login(client, w.key_person_a)
    mine = form | {"concern": "The key person's version.", "strengths": "Sings.", "version": seen}
    response = client.post(url("plan_edit", plan.pk), mine)
    assert response.status_code == 400
    page = text(response)
    assert "Someone else changed this plan" in page and "The SENCO&#x27;s version of the concern." in page
    assert "The key person&#x27;s version." in page  # still in the form
    assert f'name="version" value="{seen + 1}"' in page  # saving again is a knowing choice
    plan.refresh_from_db()
    assert plan.concern == "The SENCO's version of the concern."
    assert client.post(url("plan_edit", plan.pk), mine | {"version": seen + 1}).status_code == 302
    plan.refresh_from_db()
    assert plan.concern == "The key person's version."


def test_a_stale_target_edit_shows_the_target_as_saved(world: Any, client: Any) -> None:
    w = world
    plan, row = w.plan_a, w.plan_target_a
    login(client, w.manager)
    edit = url("plan_target_edit", plan.pk, row.pk)
    assert client.get(edit).status_code == 200
    assert client.post(edit, TARGET | {"target": "The manager's target", "version": plan.version}).status_code == 302
    login(client, w.key_person_a)
    response = client.post(edit, TARGET | {"target": "The key person's target", "version": plan.version})
    assert response.status_code == 400
    assert "The manager&#x27;s target" in text(response)
    assert client.get(url("plan_target_edit", plan.pk, w.plan_target_a.pk + 999)).status_code == 404


def test_target_buttons_move_and_remove_and_refuse_when_stale(world: Any, client: Any) -> None:
    w = world
    plan = w.plan_draft_a
    first = PlanTarget.objects.create(plan=plan, target="First", in_setting="a", at_home="b", who="c", order=0)
    second = PlanTarget.objects.create(plan=plan, target="Second", in_setting="a", at_home="b", who="c", order=1)
    login(client, w.key_person_a)
    move = url("plan_target_move", plan.pk, second.pk)
    assert client.get(move).status_code == 405
    assert client.post(move, {"version": plan.version, "direction": "up"}).status_code == 302
    assert [t.pk for t in plan.targets.order_by("order")] == [second.pk, first.pk]
    response = client.post(url("plan_target_remove", plan.pk, first.pk), {"version": plan.version})  # stale
    assert response.status_code == 400 and "Someone else changed this plan" in text(response)
    response = client.post(move, {"version": "nonsense", "direction": "up"})
    assert response.status_code == 400 and "This form is out of date" in text(response)
    plan.refresh_from_db()
    assert client.post(url("plan_target_remove", plan.pk, first.pk), {"version": plan.version}).status_code == 302
    assert list(plan.targets.values_list("target", flat=True)) == ["Second"]


def test_proposing_without_a_target_is_refused_on_the_page(world: Any, client: Any) -> None:
    w = world
    login(client, w.key_person_a)
    response = client.post(url("plan_propose", w.plan_draft_a.pk), {"version": w.plan_draft_a.version})
    assert response.status_code == 400 and "Add at least one target" in text(response)


# --- the family -------------------------------------------------------------------------------------------
def test_the_parent_reads_comments_and_agrees(world: Any, client: Any) -> None:
    w = world
    plan = w.plan_proposed_a
    login(client, w.parent_a)
    home = text(client.get(reverse("people:home")))
    assert url("plans_family", w.child_a.pk) in home and "Support plan" in home
    family = text(client.get(url("plans_family", w.child_a.pk)))
    assert url("plan", plan.pk) in family and url("plan", w.plan_closed_a.pk) in family
    assert url("plan", w.plan_draft_a.pk) not in family  # never a draft
    page = text(client.get(url("plan", plan.pk)))
    assert "Waiting for you to agree" in page and "I agree with this plan" in page
    assert "Change the details" not in page and "Record a review" not in page
    assert client.get(url("plan", w.plan_draft_a.pk)).status_code == 404
    # an empty comment, then a real one
    response = client.post(url("plan_comment", plan.pk), {"body": " "})
    assert response.status_code == 400 and "Write your comment." in text(response)
    assert client.post(url("plan_comment", plan.pk), {"body": "Could we add one for bedtime?"}).status_code == 302
    assert PlanComment.objects.get(plan=plan).author_role == "Parent"
    # agreeing a version that has moved on is refused, and the plan as it now is shown
    stale = plan.version
    SupportPlan.objects.filter(pk=plan.pk).update(version=stale + 1, concern="Changed by the key person.")
    response = client.post(url("plan_agree", plan.pk), {"version": stale})
    assert response.status_code == 400
    assert "has changed since you opened it" in text(response) and "Changed by the key person." in text(response)
    assert client.post(url("plan_agree", plan.pk), {"version": stale + 1}).status_code == 302
    plan.refresh_from_db()
    assert plan.status == Status.AGREED and plan.agreed_by == w.adult_a
    assert "Agreed by Penny Parentish" in text(client.get(url("plan", plan.pk)))
    assert client.post(url("plan_agree", plan.pk), {"version": plan.version}).status_code == 404  # agreed already


def test_the_link_shows_only_once_a_plan_is_proposed(world: Any, client: Any) -> None:
    w = world
    SupportPlan.objects.filter(child=w.child_a).exclude(pk=w.plan_draft_a.pk).delete()
    login(client, w.parent_a)
    assert url("plans_family", w.child_a.pk) not in text(client.get(reverse("people:home")))
    assert client.get(url("plans_family", w.child_a.pk)).status_code == 404
    SupportPlan.objects.filter(pk=w.plan_draft_a.pk).update(status=Status.PROPOSED)
    assert url("plans_family", w.child_a.pk) in text(client.get(reverse("people:home")))


@pytest.mark.parametrize(
    "persona",
    ["parent_b_no_pr", "restricted_parent", "other_manager", "administrator", "volunteer", "owner", "line_manager"],
)
def test_strangers_to_the_plan_get_404(world: Any, client: Any, persona: str) -> None:
    w = world
    login(client, w[persona])
    plan = w.plan_a
    for address in (
        url("plan", plan.pk),
        url("plan_edit", plan.pk),
        url("plan_target_add", plan.pk),
        url("plan_target_edit", plan.pk, w.plan_target_a.pk),
        url("plan_contributors", plan.pk),
        url("plan_review", plan.pk),
        url("plans_family", w.child_a.pk),
        url("plan_start", w.child_a.pk),
    ):
        assert client.get(address).status_code == 404, address
    for address in (
        url("plan_comment", plan.pk),
        url("plan_agree", w.plan_proposed_a.pk),
        url("plan_propose", plan.pk),
    ):
        assert client.post(address, {"body": "x", "version": plan.version}).status_code == 404, address
    assert not PlanComment.objects.filter(body="x").exists()


def test_a_parent_never_sees_another_familys_plan(world: Any, client: Any) -> None:
    w = world
    login(client, w.other_parent)
    assert client.get(url("plan", w.plan_a.pk)).status_code == 404
    assert client.get(url("plans_family", w.child_a.pk)).status_code == 404
    login(client, w.parent_a)
    assert client.get(url("plan", w.plan_b.pk)).status_code == 404
    assert client.get(url("plan", w.other_plan.pk)).status_code == 404


def test_the_room_practitioner_reads_but_does_not_write(world: Any, client: Any) -> None:
    w = world
    login(client, w.room_practitioner)
    page = text(client.get(url("plan", w.plan_a.pk)))
    assert "Asks for help using two words together" in page and "Change the details" not in page
    assert "Add your comment" not in page
    assert client.get(url("plan_edit", w.plan_a.pk)).status_code == 404
    assert client.get(url("plans_due", w.setting.pk)).status_code == 404


# --- contributors ---------------------------------------------------------------------------------------
def test_the_senco_invites_the_professional_who_comments_then_the_invitation_ends(world: Any, client: Any) -> None:
    w = world
    plan = w.plan_proposed_a
    login(client, w.professional)
    assert client.get(url("plan", plan.pk)).status_code == 404
    login(client, w.senco)
    page = text(client.get(url("plan_contributors", plan.pk)))
    assert "Priya Therapistson" in page
    response = client.post(url("plan_contributors", plan.pk), {"professional": ""})
    assert response.status_code == 400 and "Choose the professional to invite." in text(response)
    response = client.post(url("plan_contributors", plan.pk), {"professional": w.professional_profile.pk})
    assert response.status_code == 302
    row = PlanContributor.objects.get(plan=plan, user=w.professional)
    login(client, w.professional)
    page = text(client.get(url("plan", plan.pk)))
    assert "Joins a small group for a story" in page and "Add your comment" in page
    assert reverse("people:child", args=[w.child_a.pk]) not in page  # nothing else of the child
    assert client.get(reverse("people:child", args=[w.child_a.pk])).status_code == 404
    assert client.get(url("plan", w.plan_draft_a.pk)).status_code == 404
    assert client.get(url("plan_contributors", plan.pk)).status_code == 404
    assert client.post(url("plan_comment", plan.pk), {"body": "I will observe on Tuesday."}).status_code == 302
    assert PlanComment.objects.get(plan=plan, author=w.professional).author_role == "Speech and language therapist"
    login(client, w.key_person_a)
    assert client.post(url("plan_contributor_end", plan.pk, row.pk)).status_code == 302
    response = client.post(url("plan_contributor_end", plan.pk, row.pk))
    assert response.status_code == 400 and "already ended" in text(response)
    login(client, w.professional)
    assert client.get(url("plan", plan.pk)).status_code == 404


# --- reviews ------------------------------------------------------------------------------------------
def test_the_key_person_records_a_review(world: Any, client: Any, committed: Any) -> None:
    w = world
    plan = w.plan_a
    login(client, w.key_person_a)
    review = url("plan_review", plan.pk)
    page = text(client.get(review))
    assert "Progress: Asks for help using two words together" in page
    base = {
        "held_on": TODAY().isoformat(),
        "who_attended": "Penny (Mum), Keira (key person)",
        "progress": "Two words most days.",
        "family_views": "Penny is pleased.",
        "version": plan.version,
        f"target_{w.plan_target_a.pk}": "achieved",
    }
    response = client.post(review, base | {"outcome": "continue"})
    assert response.status_code == 400 and "Enter the date of the next review." in text(response)
    next_on = TODAY() + dt.timedelta(days=40)
    with committed():
        response = client.post(review, base | {"outcome": "continue", "next_review_on": next_on.isoformat()})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.review_on == next_on and plan.targets.get().progress == "achieved"
    assert PlanReview.objects.filter(plan=plan).count() == 2
    login(client, w.parent_a)
    with committed():
        page = text(client.get(url("plan", plan.pk)))
    assert "Two words most days." in page and "Achieved" in page
    assert AuditEvent.objects.filter(event="agencies.plans.viewed", actor_id=w.parent_a.pk).exists()


def test_a_review_that_closes_the_plan(world: Any, client: Any) -> None:
    w = world
    plan = w.plan_a
    login(client, w.manager)
    response = client.post(
        url("plan_review", plan.pk),
        {
            "held_on": TODAY().isoformat(),
            "who_attended": "Penny, Mona",
            "progress": "Met.",
            "outcome": "close",
            "version": plan.version,
            f"target_{w.plan_target_a.pk}": "achieved",
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == Status.CLOSED
    assert client.get(url("plan_review", plan.pk)).status_code == 404
    assert client.get(url("plan_edit", plan.pk)).status_code == 404
    page = text(client.get(url("plan", plan.pk)))
    assert "Closed on" in page and "Record a review" not in page


# --- the plans due for review, the office, the panel ----------------------------------------------------
def test_the_due_list_is_paginated_in_flat_queries(world: Any, client: Any, settings: Any) -> None:
    w = world
    settings.TANDEM_PAGE_SIZE = 5

    def add(n: int) -> None:
        for i in range(n):
            child = Child.objects.create(
                setting=w.setting,
                room=w.room_2,
                first_name=f"Child{i}",
                last_name="Due",
                date_of_birth=dt.date(2022, 1, 1),
            )
            plan = SupportPlan.objects.create(
                child=child,
                status=Status.AGREED,
                concern=f"Concern {i}",
                review_on=TODAY() - dt.timedelta(days=i),
                created_by=w.manager,
            )
            PlanTarget.objects.create(plan=plan, target="T", in_setting="a", at_home="b", who="c")

    login(client, w.manager)
    due = url("plans_due", w.setting.pk)
    client.get(due)

    def queries(address: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(address).status_code == 200
        return len(captured)

    add(2)
    few = queries(due)
    add(10)
    assert queries(due) == few and queries(due + "?page=2") == few
    page = text(client.get(due))
    assert "Page 1 of 3" in page and "Overdue by 9 days" in page
    login(client, w.key_person_a)
    page = text(client.get(due + "?show=all"))
    assert "Amelia Ashcombe" in page and "Barnaby Brackenbury" not in page  # their key children only


def test_the_office_tile_leads_to_the_due_list(world: Any, client: Any) -> None:
    w = world
    login(client, w.senco)
    page = text(client.get(reverse("core:office")))
    assert "Support plans" in page and url("plans_due", w.setting.pk) in page


def test_the_panel_on_the_child_record(world: Any, client: Any) -> None:
    w = world
    login(client, w.room_practitioner)
    page = text(client.get(reverse("people:child", args=[w.child_a.pk])))
    assert "Support plans" in page and url("plan", w.plan_draft_a.pk) in page
    assert url("plan_start", w.child_a.pk) not in page  # the room reads, the key person writes
    login(client, w.administrator)
    page = text(client.get(reverse("people:child", args=[w.child_a.pk])))
    assert url("plan", w.plan_a.pk) not in page
