"""Support plans and SEN plans (R22, R23), through the services: each step and each refusal.

A plan is started and written by the key person (or a leader), proposed to the family, agreed by a
parent with parental responsibility as they read it, commented on by everyone involved, reviewed
until a review closes it. A stale save is refused and the plan as it now is comes with the refusal.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from tandem.agencies.actions.plans import PLAN_COMMENT, PLAN_VIEW, PLANS_FAMILY
from tandem.agencies.models import PlanComment, PlanContributor, PlanReview, PlanTarget, Professional, SupportPlan
from tandem.agencies.selectors import plans as selectors
from tandem.agencies.services import plans as services
from tandem.agencies.services.visits import set_professional_active
from tandem.comms.models import Notification
from tandem.core.access import can, forget
from tandem.core.models import AuditEvent
from tandem.factories import UserFactory

Status = SupportPlan.Status
TODAY = timezone.localdate


def told(user: Any, kind: str) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, kind=kind).order_by("pk"))


def fresh(user: Any) -> Any:
    """The same person in a new request: what the access layer remembered is forgotten."""
    forget(user)
    return user


def start(w: Any, **overrides: Any) -> SupportPlan:
    values: dict[str, Any] = {
        "actor": w.key_person_a,
        "child": w.child_a,
        "kind": SupportPlan.Kind.SEN,
        "concern": "Amelia uses few words and gets frustrated when she is not understood.",
        "strengths": "Loves singing and the water tray.",
        "review_on": TODAY() + dt.timedelta(days=42),
    }
    return services.start_plan(**(values | overrides))


def target(w: Any, plan: SupportPlan, text: str = "Uses two words together to ask for things") -> PlanTarget:
    plan.refresh_from_db()
    return services.add_target(
        actor=w.key_person_a,
        plan=plan,
        version=plan.version,
        target=text,
        in_setting="Model two-word phrases at snack time.",
        at_home="Name things at bath time.",
        who="Keira daily; Penny at bath time.",
    )


def proposed(w: Any) -> SupportPlan:
    plan = start(w)
    target(w, plan)
    plan.refresh_from_db()
    return services.propose(actor=w.key_person_a, plan=plan, version=plan.version)


# --- starting and writing -----------------------------------------------------------------------------
def test_the_key_person_starts_a_draft_the_family_cannot_see(world: Any, committed: Any) -> None:
    w = world
    with committed():
        plan = start(w)
    assert plan.status == Status.DRAFT and plan.created_by == w.key_person_a and plan.version == 1
    assert AuditEvent.objects.filter(event="agencies.plans.started", object_id=str(plan.pk)).exists()
    assert not can(fresh(w.parent_a), PLAN_VIEW, plan)
    assert can(fresh(w.room_practitioner), PLAN_VIEW, plan)  # the room carries it out
    assert not told(w.parent_a, "agencies.plans.proposed")


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"concern": "  "}, "concern"),
        ({"kind": "ehcp"}, "kind"),
        ({"review_on": None}, "review_on"),
        ({"review_on": dt.date(2020, 1, 1)}, "review_on"),
        ({"review_on": dt.date.today() + dt.timedelta(days=365 * 3)}, "review_on"),
        ({"concern": "x" * (services.MAX_TEXT + 1)}, "concern"),
    ],
)
def test_starting_refuses_bad_input(world: Any, overrides: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as refused:
        start(world, **overrides)
    assert field in refused.value.message_dict
    assert not SupportPlan.objects.filter(concern__startswith="Amelia uses few words").exists()


@pytest.mark.parametrize(
    "persona", ["room_practitioner", "administrator", "volunteer", "owner", "parent_a", "professional", "other_manager"]
)
def test_only_the_key_person_and_leaders_start_a_plan(world: Any, persona: str) -> None:
    with pytest.raises(Http404):
        start(world, actor=world[persona])


def test_the_senco_starts_a_plan_for_any_child_of_the_setting(world: Any) -> None:
    plan = start(world, actor=world.senco, child=world.child_b)
    assert plan.child == world.child_b


def test_details_are_saved_at_the_version_seen_and_a_stale_save_is_refused(world: Any) -> None:
    w = world
    plan = start(w)
    mine = services.update_plan(
        actor=w.key_person_a,
        plan=plan,
        version=1,
        kind=plan.kind,
        concern="Amelia's words are few for her age.",
        strengths=plan.strengths,
        review_on=plan.review_on,
    )
    assert mine.version == 2 and mine.concern == "Amelia's words are few for her age."
    # the SENCO opened the form at version 1, before the key person saved: refused, nothing lost
    with pytest.raises(services.PlanConflict) as refused:
        services.update_plan(
            actor=w.senco,
            plan=plan,
            version=1,
            kind=plan.kind,
            concern="The SENCO's words",
            strengths="",
            review_on=plan.review_on,
        )
    assert refused.value.current.concern == "Amelia's words are few for her age."
    assert refused.value.current.version == 2
    plan.refresh_from_db()
    assert plan.concern == "Amelia's words are few for her age." and plan.version == 2
    # saving again over the version now shown is a knowing choice
    services.update_plan(
        actor=w.senco, plan=plan, version=2, kind=plan.kind, concern="The SENCO's words", review_on=plan.review_on
    )
    plan.refresh_from_db()
    assert plan.concern == "The SENCO's words" and plan.version == 3


def test_an_unchanged_save_changes_nothing_and_an_overdue_date_may_stay(world: Any) -> None:
    w = world
    w.plan_a.review_on = TODAY() - dt.timedelta(days=5)
    w.plan_a.save()
    same = services.update_plan(
        actor=w.manager,
        plan=w.plan_a,
        version=w.plan_a.version,
        kind=w.plan_a.kind,
        concern=w.plan_a.concern,
        strengths=w.plan_a.strengths,
        review_on=w.plan_a.review_on,
    )
    assert same.version == w.plan_a.version and same.status == Status.AGREED
    with pytest.raises(ValidationError) as refused:
        services.update_plan(
            actor=w.manager,
            plan=w.plan_a,
            version=w.plan_a.version,
            kind=w.plan_a.kind,
            concern=w.plan_a.concern,
            review_on=TODAY() - dt.timedelta(days=1),
        )
    assert "review_on" in refused.value.message_dict


def test_a_closed_plan_is_not_written(world: Any) -> None:
    w = world
    with pytest.raises(Http404):
        services.update_plan(
            actor=w.manager,
            plan=w.plan_closed_a,
            version=w.plan_closed_a.version,
            kind="support",
            concern="x",
            review_on=TODAY(),
        )


def test_targets_are_added_changed_moved_and_removed(world: Any) -> None:
    w = world
    plan = start(w)
    first = target(w, plan, "First")
    second = target(w, plan, "Second")
    third = target(w, plan, "Third")
    assert [t.target for t in selectors.targets_of(plan)] == ["First", "Second", "Third"]
    plan.refresh_from_db()
    services.move_target(actor=w.key_person_a, target=third, version=plan.version, direction="up")
    plan.refresh_from_db()
    assert [t.target for t in selectors.targets_of(plan)] == ["First", "Third", "Second"]
    with pytest.raises(ValidationError, match="already first"):
        services.move_target(actor=w.key_person_a, target=first, version=plan.version, direction="up")
    services.update_target(
        actor=w.key_person_a,
        target=second,
        version=plan.version,
        text="Second, smaller",
        in_setting="Daily.",
        at_home="Sometimes.",
        who="Keira.",
    )
    plan.refresh_from_db()
    services.remove_target(actor=w.key_person_a, target=first, version=plan.version)
    plan.refresh_from_db()
    assert [(t.target, t.order) for t in selectors.targets_of(plan)] == [("Third", 0), ("Second, smaller", 1)]
    assert plan.version == 7  # start, three adds, a move, a change and a removal


def test_a_target_needs_every_part(world: Any) -> None:
    plan = start(world)
    with pytest.raises(ValidationError) as refused:
        services.add_target(
            actor=world.key_person_a, plan=plan, version=plan.version, target="", in_setting="", at_home="", who=""
        )
    assert set(refused.value.message_dict) == {"target", "in_setting", "at_home", "who"}
    assert not plan.targets.exists()


def test_a_stale_target_edit_is_refused(world: Any) -> None:
    w = world
    plan = start(w)
    row = target(w, plan)
    plan.refresh_from_db()
    seen = plan.version
    services.update_target(
        actor=w.senco, target=row, version=seen, text="The SENCO's target", in_setting="a", at_home="b", who="c"
    )
    with pytest.raises(services.PlanConflict):
        services.update_target(
            actor=w.key_person_a, target=row, version=seen, text="Mine", in_setting="a", at_home="b", who="c"
        )
    with pytest.raises(services.PlanConflict):
        services.remove_target(actor=w.key_person_a, target=row, version=seen)
    with pytest.raises(services.PlanConflict):
        services.move_target(actor=w.key_person_a, target=row, version=seen, direction="down")
    row.refresh_from_db()
    assert row.target == "The SENCO's target"


# --- proposing and agreeing -------------------------------------------------------------------------------
def test_proposing_needs_a_target_and_tells_the_family(world: Any, committed: Any) -> None:
    w = world
    plan = start(w)
    with pytest.raises(ValidationError, match="at least one target"):
        services.propose(actor=w.key_person_a, plan=plan, version=plan.version)
    target(w, plan)
    plan.refresh_from_db()
    with committed():
        plan = services.propose(actor=w.key_person_a, plan=plan, version=plan.version)
    assert plan.status == Status.PROPOSED
    notes = told(w.parent_a, "agencies.plans.proposed")
    assert len(notes) == 1 and notes[0].url == reverse("agencies:plan", args=[plan.pk])
    assert "Amelia" not in notes[0].title
    assert not told(w.restricted_parent, "agencies.plans.proposed")  # kept from information
    assert can(fresh(w.parent_a), PLAN_VIEW, plan) and not can(fresh(w.restricted_parent), PLAN_VIEW, plan)
    with pytest.raises(ValidationError, match="already been proposed"):
        services.propose(actor=w.key_person_a, plan=plan, version=plan.version)


def test_the_parent_agrees_the_version_they_read(world: Any, committed: Any) -> None:
    w = world
    plan = proposed(w)
    seen = plan.version
    # the key person changes a target after the parent opened the plan: their agreement is refused
    row = plan.targets.get()
    services.update_target(
        actor=w.key_person_a, target=row, version=seen, text="A new target", in_setting="a", at_home="b", who="c"
    )
    with pytest.raises(services.PlanConflict) as refused:
        services.agree(actor=fresh(w.parent_a), plan=plan, version=seen)
    assert "has changed since you opened it" in refused.value.messages[0]
    plan.refresh_from_db()
    assert plan.status == Status.PROPOSED and plan.agreed_by is None
    with committed():
        agreed = services.agree(actor=w.parent_a, plan=plan, version=plan.version)
    assert agreed.status == Status.AGREED and agreed.agreed_by == w.adult_a and agreed.agreed_at is not None
    assert told(w.key_person_a, "agencies.plans.response")
    assert AuditEvent.objects.filter(event="agencies.plans.agreed", actor_id=w.parent_a.pk).exists()


@pytest.mark.parametrize("persona", ["restricted_parent", "key_person_a", "manager", "parent_b_no_pr", "professional"])
def test_only_the_family_with_parental_responsibility_agree(world: Any, persona: str) -> None:
    w = world
    with pytest.raises(Http404):
        services.agree(actor=w[persona], plan=w.plan_proposed_a, version=w.plan_proposed_a.version)


def test_the_step_parent_without_parental_responsibility_sees_and_agrees_nothing(world: Any) -> None:
    w = world
    assert not can(w.parent_b_no_pr, PLAN_VIEW, w.plan_b)
    with pytest.raises(Http404):
        services.agree(actor=w.parent_b_no_pr, plan=w.plan_b, version=w.plan_b.version)
    with pytest.raises(Http404):
        services.comment(actor=w.parent_b_no_pr, plan=w.plan_b, body="Hello")


def test_changing_an_agreed_plan_asks_the_family_to_agree_again(world: Any, committed: Any) -> None:
    w = world
    plan = w.plan_a
    with committed():
        services.update_target(
            actor=w.key_person_a,
            target=w.plan_target_a,
            version=plan.version,
            text="Asks for help with three words",
            in_setting="a",
            at_home="b",
            who="c",
        )
    plan.refresh_from_db()
    assert plan.status == Status.PROPOSED and plan.agreed_by is None and plan.agreed_at is None
    assert len(told(w.parent_a, "agencies.plans.proposed")) == 1
    # a second change while it waits does not tell them again
    services.move_target(
        actor=w.key_person_a, target=target(w, plan, "Another"), version=plan.version + 1, direction="up"
    )
    assert len(told(w.parent_a, "agencies.plans.proposed")) == 1


def test_moving_only_the_review_date_keeps_the_agreement(world: Any) -> None:
    w = world
    plan = w.plan_a
    services.update_plan(
        actor=w.key_person_a,
        plan=plan,
        version=plan.version,
        kind=plan.kind,
        concern=plan.concern,
        strengths=plan.strengths,
        review_on=TODAY() + dt.timedelta(days=50),
    )
    plan.refresh_from_db()
    assert plan.status == Status.AGREED and plan.agreed_by == w.adult_a


# --- comments ----------------------------------------------------------------------------------------
def test_comments_record_the_author_role_and_tell_the_others(world: Any, committed: Any) -> None:
    w = world
    plan = w.plan_a
    with committed():
        by_parent = services.comment(actor=w.parent_a, plan=plan, body="He said 'more juice' today!")
        by_key_person = services.comment(actor=w.key_person_a, plan=plan, body="Wonderful: we heard it too.")
        by_senco = services.comment(actor=w.senco, plan=plan, body="I will join the next review.")
        by_professional = services.comment(actor=w.professional, plan=plan, body="Try choices of two at snack.")
    roles = [c.author_role for c in (by_parent, by_key_person, by_senco, by_professional)]
    assert roles == ["Parent", "Key person", "SENCO", "Speech and language therapist"]
    # the family hear of the staff's and the professional's comments, not their own
    family_notes = told(w.parent_a, "agencies.plans.comment")
    assert len(family_notes) == 3
    assert "key person" in family_notes[0].body and "SENCO" in family_notes[1].body
    assert not told(w.restricted_parent, "agencies.plans.comment")
    # the key person hears of the family's and the professional's
    assert len(told(w.key_person_a, "agencies.plans.response")) == 2
    assert AuditEvent.objects.filter(event="agencies.plans.commented").count() == 4


def test_a_comment_on_a_draft_is_not_sent_to_the_family(world: Any) -> None:
    w = world
    services.comment(actor=w.senco, plan=w.plan_draft_a, body="Could we add a target for sharing?")
    assert not told(w.parent_a, "agencies.plans.comment")


def test_an_empty_comment_is_refused(world: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        services.comment(actor=world.parent_a, plan=world.plan_a, body="   ")
    assert "body" in refused.value.message_dict
    assert PlanComment.objects.filter(plan=world.plan_a).count() == 1


@pytest.mark.parametrize(
    "persona", ["room_practitioner", "administrator", "volunteer", "restricted_parent", "other_manager", "owner"]
)
def test_who_may_not_comment(world: Any, persona: str) -> None:
    with pytest.raises(Http404):
        services.comment(actor=world[persona], plan=world.plan_a, body="Hello")


def test_the_family_do_not_comment_on_a_closed_plan(world: Any) -> None:
    with pytest.raises(Http404):
        services.comment(actor=world.parent_a, plan=world.plan_closed_a, body="Hello")


# --- invited professionals ---------------------------------------------------------------------------
def test_the_senco_invites_a_professional_who_reads_that_plan_only(world: Any, committed: Any) -> None:
    w = world
    plan = w.plan_proposed_a
    assert not can(fresh(w.professional), PLAN_VIEW, plan)
    with committed():
        row = services.invite(actor=w.senco, plan=plan, professional=w.professional_profile)
    assert row.role == "Speech and language therapist" and row.invited_by == w.senco
    note = told(w.professional, "agencies.plans.invited")
    assert len(note) == 1 and note[0].url == reverse("agencies:plan", args=[plan.pk])
    assert "Amelia" not in note[0].title + note[0].body
    user = fresh(w.professional)
    assert can(user, PLAN_VIEW, plan)
    readable = set(selectors.plans_of(user, w.child_a).values_list("pk", flat=True))
    assert readable == {plan.pk, w.plan_a.pk}  # the two plans they are invited to, never the others
    assert not can(user, PLAN_VIEW, w.plan_draft_a) and not can(user, PLANS_FAMILY, w.child_a)
    with pytest.raises(ValidationError, match="already invited"):
        services.invite(actor=w.senco, plan=plan, professional=w.professional_profile)
    # the invitation ends: they lose the plan; invited again, they have it back
    services.end_invitation(actor=w.key_person_a, contributor=row)
    assert not can(fresh(w.professional), PLAN_VIEW, plan)
    with pytest.raises(Http404):
        services.comment(actor=fresh(w.professional), plan=plan, body="Still here?")
    with pytest.raises(ValidationError, match="already ended"):
        services.end_invitation(actor=w.key_person_a, contributor=row)
    again = services.invite(actor=w.manager, plan=plan, professional=w.professional_profile, role="Therapist")
    assert again.pk == row.pk and again.ended_at is None and again.role == "Therapist"
    assert can(fresh(w.professional), PLAN_VIEW, plan)


def test_a_professional_of_another_setting_is_not_invited(world: Any) -> None:
    w = world
    stranger = Professional.objects.create(
        user=UserFactory(), setting=w.other_setting, job_title="Physiotherapist", invited_by=w.other_manager
    )
    with pytest.raises(ValidationError) as refused:
        services.invite(actor=w.senco, plan=w.plan_a, professional=stranger)
    assert "professional" in refused.value.message_dict
    stranger.setting = w.setting
    stranger.active = False
    stranger.save()
    with pytest.raises(ValidationError):
        services.invite(actor=w.senco, plan=w.plan_a, professional=stranger)
    assert not PlanContributor.objects.filter(user=stranger.user).exists()


@pytest.mark.parametrize("persona", ["room_practitioner", "parent_a", "professional", "administrator"])
def test_only_the_key_person_and_leaders_invite(world: Any, persona: str) -> None:
    with pytest.raises(Http404):
        services.invite(actor=world[persona], plan=world.plan_a, professional=world.professional_profile)


def test_a_professional_loses_the_plan_when_it_closes(world: Any) -> None:
    w = world
    assert can(fresh(w.professional), PLAN_VIEW, w.plan_a)
    services.record_review(
        actor=w.key_person_a,
        plan=w.plan_a,
        version=w.plan_a.version,
        held_on=TODAY(),
        who_attended="Penny, Keira",
        progress="Amelia asks for help with two words every day.",
        outcome=PlanReview.Outcome.CLOSE,
    )
    assert not can(fresh(w.professional), PLAN_VIEW, w.plan_a)
    assert can(fresh(w.parent_a), PLAN_VIEW, w.plan_a)  # the family keep their closed plan


# --- reviews -----------------------------------------------------------------------------------------
def test_a_review_updates_the_targets_and_sets_the_next_date(world: Any, committed: Any) -> None:
    w = world
    plan = w.plan_a
    next_on = TODAY() + dt.timedelta(days=42)
    with committed():
        review = services.record_review(
            actor=w.key_person_a,
            plan=plan,
            version=plan.version,
            held_on=TODAY() - dt.timedelta(days=1),
            who_attended="Penny (Mum), Keira (key person), Priya (speech and language therapist)",
            progress="Two-word phrases most days.",
            family_views="Penny is delighted.",
            outcome=PlanReview.Outcome.CONTINUE,
            next_review_on=next_on,
            target_progress={w.plan_target_a.pk: PlanTarget.Progress.ACHIEVED},
        )
    plan.refresh_from_db()
    w.plan_target_a.refresh_from_db()
    assert review.recorded_by == w.key_person_a and review.next_review_on == next_on
    assert plan.review_on == next_on and plan.status == Status.AGREED
    assert w.plan_target_a.progress == PlanTarget.Progress.ACHIEVED
    assert len(told(w.parent_a, "agencies.plans.reviewed")) == 1
    assert AuditEvent.objects.filter(event="agencies.plans.reviewed").exists()


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"held_on": None}, "held_on"),
        ({"held_on": dt.date.today() + dt.timedelta(days=2)}, "held_on"),
        ({"who_attended": ""}, "who_attended"),
        ({"progress": ""}, "progress"),
        ({"outcome": "maybe"}, "outcome"),
        ({"next_review_on": None}, "next_review_on"),
        ({"next_review_on": dt.date(2020, 1, 1)}, "next_review_on"),
    ],
)
def test_a_review_refuses_bad_input(world: Any, overrides: dict[str, Any], field: str) -> None:
    w = world
    values: dict[str, Any] = {
        "actor": w.key_person_a,
        "plan": w.plan_a,
        "version": w.plan_a.version,
        "held_on": TODAY(),
        "who_attended": "Penny, Keira",
        "progress": "Better.",
        "outcome": PlanReview.Outcome.REVISE,
        "next_review_on": TODAY() + dt.timedelta(days=30),
    }
    with pytest.raises(ValidationError) as refused:
        services.record_review(**(values | overrides))
    assert field in refused.value.message_dict
    assert PlanReview.objects.filter(plan=w.plan_a).count() == 1


def test_closing_at_a_review_needs_no_next_date_and_closes_the_plan(world: Any) -> None:
    w = world
    services.record_review(
        actor=w.senco,
        plan=w.plan_proposed_a,
        version=w.plan_proposed_a.version,
        held_on=TODAY(),
        who_attended="Penny, Selma",
        progress="Joins the group for the whole story.",
        outcome=PlanReview.Outcome.CLOSE,
        next_review_on=TODAY() + dt.timedelta(days=10),  # ignored
    )
    w.plan_proposed_a.refresh_from_db()
    plan = w.plan_proposed_a
    assert plan.status == Status.CLOSED and plan.closed_at is not None and "concern is met" in plan.closed_reason
    assert plan.reviews.get().next_review_on is None
    with pytest.raises(Http404):  # nothing more is written on a closed plan
        services.record_review(
            actor=w.senco,
            plan=plan,
            version=plan.version,
            held_on=TODAY(),
            who_attended="x",
            progress="x",
            outcome=PlanReview.Outcome.CONTINUE,
            next_review_on=TODAY(),
        )


def test_a_stale_review_is_refused(world: Any) -> None:
    w = world
    with pytest.raises(services.PlanConflict):
        services.record_review(
            actor=w.key_person_a,
            plan=w.plan_a,
            version=w.plan_a.version - 1,
            held_on=TODAY(),
            who_attended="x",
            progress="x",
            outcome=PlanReview.Outcome.CONTINUE,
            next_review_on=TODAY() + dt.timedelta(days=3),
        )
    assert PlanReview.objects.filter(plan=w.plan_a).count() == 1


def test_a_draft_is_not_reviewed(world: Any) -> None:
    with pytest.raises(Http404):
        services.record_review(
            actor=world.key_person_a,
            plan=world.plan_draft_a,
            version=world.plan_draft_a.version,
            held_on=TODAY(),
            who_attended="x",
            progress="x",
            outcome=PlanReview.Outcome.CONTINUE,
            next_review_on=TODAY(),
        )


# --- the plans due for review ---------------------------------------------------------------------------
def test_the_plans_due_for_review(world: Any) -> None:
    w = world
    leaders = set(selectors.due_plans(w.manager, w.setting))
    assert leaders == {w.plan_a, w.plan_proposed_a, w.plan_b}  # not the draft, not the closed one
    assert set(selectors.due_plans(w.key_person_a, w.setting)) == {w.plan_a, w.plan_proposed_a}  # key children
    w.plan_b.review_on = TODAY() + dt.timedelta(days=selectors.DUE_SOON_DAYS + 1)
    w.plan_b.save()
    assert w.plan_b not in set(selectors.due_plans(w.manager, w.setting))
    assert w.plan_b in set(selectors.due_plans(w.manager, w.setting, show_all=True))
    assert not selectors.due_plans(w.room_practitioner, w.setting).exists()


def test_due_words() -> None:
    today = dt.date(2026, 3, 10)
    assert selectors.due_words(dt.date(2026, 3, 9), today) == ("overdue", "Overdue by 1 day")
    assert selectors.due_words(today, today) == ("due", "Due today")
    assert selectors.due_words(dt.date(2026, 3, 13), today) == ("soon", "Due in 3 days")
    assert selectors.due_words(dt.date(2026, 6, 1), today)[0] == "later"


# --- who may change a plan may read it ------------------------------------------------------------------
def test_who_may_act_on_a_plan_may_read_it(world: Any) -> None:
    from tandem.agencies.actions import plans as actions
    from tandem.conftest import PERSONAS

    wrong = []
    plans = ("plan_draft_a", "plan_a", "plan_proposed_a", "plan_closed_a", "plan_b", "other_plan")
    for persona in PERSONAS:
        user = world[persona]
        for key in plans:
            plan = world[key]
            readable = can(user, PLAN_VIEW, plan)
            for action in (actions.PLAN_EDIT, actions.PLAN_CONTRIBUTORS, actions.PLAN_REVIEW, actions.PLAN_AGREE):
                if can(user, action, plan) and not readable:
                    wrong.append((persona, key, action.name))
            if can(user, actions.PLAN_COMMENT, plan) and not readable:
                wrong.append((persona, key, "comment"))
        if can(user, actions.PLAN_START, world.child_a) and not can(user, actions.PLANS_CHILD, world.child_a):
            wrong.append((persona, "child_a", "start"))
    assert not wrong


def test_a_deactivated_professional_loses_the_plans_they_were_invited_to(world: Any) -> None:
    """Found in review: the plan invitation outlived the professional's deactivation."""
    w = world
    assert can(fresh(w.professional), PLAN_VIEW, w.plan_a)
    set_professional_active(actor=w.manager, professional=w.professional_profile, active=False)
    gone = fresh(w.professional)
    assert not can(gone, PLAN_VIEW, w.plan_a) and not can(gone, PLAN_COMMENT, w.plan_a)
    set_professional_active(actor=w.manager, professional=w.professional_profile, active=True)
    assert can(fresh(w.professional), PLAN_VIEW, w.plan_a)
    w.professional.is_active = False
    w.professional.save()
    assert not can(fresh(w.professional), PLAN_VIEW, w.plan_a)
