"""Proposals and votes in the parent forum (R38): the manager opens a vote (2 to 6 options, at
least 24 hours), families are told; one vote per family (a second parent of the same child, or a
parent of two children whose other parent voted, is refused); before closing anyone sees only how
many families have voted; after closing, the results; the manager cancels or says what the setting
will do. Votes cannot be tied to families."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from tandem.comms.models import Notification
from tandem.core.models import AuditEvent
from tandem.factories import AdultFactory, ChildAdultFactory, ChildFactory, UserFactory
from tandem.voice.models import Proposal, Vote, VoteFamily
from tandem.voice.selectors import forum as selectors
from tandem.voice.services import forum as services

OPTIONS = ["Saturday", "Friday afternoon", "Either suits us"]


def propose(world: Any, **overrides: Any) -> Proposal:
    fields: dict[str, Any] = {
        "title": "Summer fair day",
        "description": "Should the summer fair be on a Saturday?",
        "options": [*OPTIONS, "", None, " "],
        "closes_at": timezone.now() + dt.timedelta(days=5),
    }
    fields.update(overrides)
    return services.propose(actor=world.manager, setting=world.setting, **fields)


def parent_of(world: Any, *children: Any, first: str, last: str, **link: Any) -> Any:
    """Another parent or carer with an account, linked to these children of the setting."""
    user = UserFactory(first_name=first, last_name=last, email=f"{first}.{last}@family.example.org".lower())
    adult = AdultFactory(user=user, setting=world.setting, first_name=first, last_name=last)
    for child in children:
        ChildAdultFactory(child=child, adult=adult, **link)
    return user


# --- opening a vote -----------------------------------------------------------------------------


def test_the_manager_opens_a_vote_and_families_are_told(world: Any, committed: Any) -> None:
    with committed():
        proposal = propose(world)
    assert proposal.options == OPTIONS and proposal.created_by == world.manager
    assert services.is_open(proposal)
    told = set(Notification.objects.filter(kind=services.VOTE_KIND).values_list("recipient_id", flat=True))
    assert told == {world.parent_a.pk, world.parent_b_no_pr.pk}
    assert AuditEvent.objects.filter(event="voice.forum.proposal_opened", object_id=proposal.pk).exists()


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"options": ["Yes", " "]}, "options", "at least 2"),
        ({"options": [f"Option {n}" for n in range(7)]}, "options", "at most 6"),
        ({"options": ["Yes", "yes "]}, "options", "different"),
        ({"options": ["Yes", "x" * 101]}, "options", "under 100"),
        ({"closes_at": timezone.now() + dt.timedelta(hours=23)}, "closes_at", "at least 24 hours"),
        ({"closes_at": None}, "closes_at", "Enter when voting closes."),
        ({"title": " ", "description": ""}, "title", "Give the proposal a title."),
    ],
)
def test_a_bad_proposal_is_refused(world: Any, overrides: dict[str, Any], field: str, message: str) -> None:
    before = Proposal.objects.count()
    with pytest.raises(ValidationError) as error:
        propose(world, **overrides)
    assert message in " ".join(error.value.message_dict[field])
    assert Proposal.objects.count() == before


@pytest.mark.parametrize("persona", ["parent_a", "key_person_a", "owner", "other_manager"])
def test_only_the_manager_and_deputy_open_a_vote(world: Any, persona: str) -> None:
    with pytest.raises(Http404):
        services.propose(
            actor=world[persona],
            setting=world.setting,
            title="x",
            description="y",
            options=["a", "b"],
            closes_at=timezone.now() + dt.timedelta(days=2),
        )


# --- one vote per family ------------------------------------------------------------------------


def test_one_vote_per_family_even_from_a_second_parent_of_the_same_child(world: Any) -> None:
    second = parent_of(world, world.child_a, first="Paula", last="Parentish", parental_responsibility=True)
    proposal = propose(world)
    assert services.vote(actor=world.parent_a, proposal=proposal, option=0) is True
    assert services.has_voted(second, proposal)
    with pytest.raises(ValidationError, match="already voted"):
        services.vote(actor=second, proposal=proposal, option=1)
    with pytest.raises(ValidationError, match="already voted"):  # and no second go for the voter
        services.vote(actor=world.parent_a, proposal=proposal, option=1)
    services.vote(actor=world.parent_b_no_pr, proposal=proposal, option=1)  # another family
    assert Vote.objects.filter(proposal=proposal).count() == 2
    assert sorted(VoteFamily.objects.filter(proposal=proposal).values_list("child_id", flat=True)) == sorted(
        [world.child_a.pk, world.child_b.pk]
    )


def test_a_parent_of_two_children_votes_once_for_both(world: Any) -> None:
    child_c = ChildFactory(setting=world.setting, room=world.room_1, first_name="Cora", last_name="Parentish")
    ChildAdultFactory(child=child_c, adult=world.adult_a, parental_responsibility=True)
    other_carer = parent_of(world, child_c, first="Carl", last="Carer")  # a carer of child C only
    proposal = propose(world)
    services.vote(actor=world.parent_a, proposal=proposal, option=2)
    assert set(VoteFamily.objects.filter(proposal=proposal).values_list("child_id", flat=True)) == {
        world.child_a.pk,
        child_c.pk,
    }
    assert Vote.objects.filter(proposal=proposal).count() == 1
    with pytest.raises(ValidationError, match="already voted"):
        services.vote(actor=other_carer, proposal=proposal, option=0)


def test_a_second_vote_racing_the_first_is_refused_by_the_database(world: Any, monkeypatch: Any) -> None:
    """The check before voting passes (both pages were open), but the unique constraint holds."""
    second = parent_of(world, world.child_a, first="Paula", last="Parentish", parental_responsibility=True)
    proposal = propose(world)
    services.vote(actor=world.parent_a, proposal=proposal, option=0)
    real_filter = VoteFamily.objects.filter

    def blind_filter(*args: Any, **kwargs: Any) -> Any:
        return real_filter(*args, **kwargs).none()

    monkeypatch.setattr(VoteFamily.objects, "filter", blind_filter)
    with pytest.raises(ValidationError, match="already voted"):
        services.vote(actor=second, proposal=proposal, option=1)
    monkeypatch.undo()
    assert Vote.objects.filter(proposal=proposal).count() == 1
    with pytest.raises(IntegrityError):  # the constraint itself
        VoteFamily.objects.create(proposal=proposal, child=world.child_a)


@pytest.mark.parametrize("persona", ["restricted_parent", "manager", "deputy", "key_person_a", "owner", "nobody"])
def test_only_parents_of_the_setting_vote(world: Any, persona: str) -> None:
    with pytest.raises(Http404):
        services.vote(actor=world[persona], proposal=world.forum_proposal_open, option=0)
    assert not Vote.objects.filter(proposal=world.forum_proposal_open).exists()


def test_a_vote_must_name_an_option(world: Any) -> None:
    for option in (None, "", "x", -1, 2, "7"):
        with pytest.raises(ValidationError, match="Choose one of the options"):
            services.vote(actor=world.parent_a, proposal=world.forum_proposal_open, option=option)
    assert not VoteFamily.objects.filter(proposal=world.forum_proposal_open).exists()


def test_no_vote_after_closing_or_cancelling(world: Any, time_machine: Any) -> None:
    with pytest.raises(ValidationError, match="has closed"):
        services.vote(actor=world.parent_a, proposal=world.forum_proposal_closed, option=0)
    proposal = propose(world)
    services.cancel(actor=world.manager, proposal=proposal)
    with pytest.raises(ValidationError, match="not open"):
        services.vote(actor=world.parent_a, proposal=proposal, option=0)
    other = propose(world, title="Another")
    time_machine.move_to(other.closes_at + dt.timedelta(minutes=1))
    with pytest.raises(ValidationError, match="has closed"):
        services.vote(actor=world.parent_a, proposal=other, option=0)


# --- results ------------------------------------------------------------------------------------


def test_results_are_hidden_until_voting_closes_then_shown(world: Any, time_machine: Any) -> None:
    proposal = propose(world)
    third = parent_of(world, ChildFactory(setting=world.setting, room=world.room_2), first="Tia", last="Thirdly")
    services.vote(actor=world.parent_a, proposal=proposal, option=0)
    services.vote(actor=world.parent_b_no_pr, proposal=proposal, option=0)
    services.vote(actor=third, proposal=proposal, option=1)
    assert selectors.results(proposal) is None
    assert selectors.families_voted(proposal) == 3
    time_machine.move_to(proposal.closes_at + dt.timedelta(seconds=1))
    results = selectors.results(proposal)
    assert results is not None and results.total == 3
    assert [(b.label, b.count, b.percent, b.width) for b in results.bars] == [
        ("Saturday", 2, 67, "bar--w65"),
        ("Friday afternoon", 1, 33, "bar--w35"),
        ("Either suits us", 0, 0, "bar--w0"),
    ]
    assert results.winners == ["Saturday"]


def test_a_cancelled_proposal_never_shows_results(world: Any, time_machine: Any, committed: Any) -> None:
    proposal = propose(world)
    services.vote(actor=world.parent_a, proposal=proposal, option=0)
    with committed():
        services.cancel(actor=world.deputy, proposal=proposal)
    assert AuditEvent.objects.filter(event="voice.forum.proposal_cancelled", object_id=proposal.pk).exists()
    with pytest.raises(ValidationError, match="already been cancelled"):
        services.cancel(actor=world.manager, proposal=proposal)
    time_machine.move_to(proposal.closes_at + dt.timedelta(days=1))
    proposal.refresh_from_db()
    assert selectors.results(proposal) is None
    with pytest.raises(ValidationError, match="Wait until voting has closed"):
        services.publish_outcome(actor=world.manager, proposal=proposal, outcome="Nothing")


def test_a_closed_proposal_cannot_be_cancelled(world: Any) -> None:
    with pytest.raises(ValidationError, match="only be cancelled before it closes"):
        services.cancel(actor=world.manager, proposal=world.forum_proposal_closed)


def test_the_outcome_is_published_once_after_closing_and_families_are_told(world: Any, committed: Any) -> None:
    with pytest.raises(ValidationError, match="Wait until voting has closed"):
        services.publish_outcome(actor=world.manager, proposal=world.forum_proposal_open, outcome="Early")
    with pytest.raises(ValidationError) as error:
        services.publish_outcome(actor=world.manager, proposal=world.forum_proposal_closed, outcome=" ")
    assert "outcome" in error.value.message_dict
    with pytest.raises(Http404):
        services.publish_outcome(actor=world.parent_a, proposal=world.forum_proposal_closed, outcome="Park")
    with committed():
        services.publish_outcome(
            actor=world.manager, proposal=world.forum_proposal_closed, outcome="Sports day in the park."
        )
    told = set(Notification.objects.filter(kind=services.OUTCOME_KIND).values_list("recipient_id", flat=True))
    assert told == {world.parent_a.pk, world.parent_b_no_pr.pk}
    with pytest.raises(ValidationError, match="already been published"):
        services.publish_outcome(actor=world.manager, proposal=world.forum_proposal_closed, outcome="Again")


# --- secrecy ------------------------------------------------------------------------------------


def test_votes_cannot_be_tied_to_families(world: Any, committed: Any) -> None:
    proposal = propose(world)
    voters = [
        world.parent_a,
        world.parent_b_no_pr,
        parent_of(world, ChildFactory(setting=world.setting, room=world.room_1), first="Vic", last="Voter"),
        parent_of(world, ChildFactory(setting=world.setting, room=world.room_2), first="Wyn", last="Voter"),
    ]
    events_before = set(AuditEvent.objects.values_list("pk", flat=True))
    notes_before = set(Notification.objects.values_list("pk", flat=True))
    with committed():
        for n, voter in enumerate(voters):
            services.vote(actor=voter, proposal=proposal, option=n % 3)
    # a vote holds its proposal and its option, nothing else
    assert {f.name for f in Vote._meta.concrete_fields} == {"id", "proposal", "option"}
    assert sorted(Vote.objects.filter(proposal=proposal).values_list("option", flat=True)) == [0, 0, 1, 2]
    vote_ids = {str(v) for v in Vote.objects.filter(proposal=proposal).values_list("id", flat=True)}
    vote_hex = {v.replace("-", "") for v in vote_ids}
    # no audit row at all: one naming the family and the time would break the secret ballot
    assert not AuditEvent.objects.exclude(pk__in=events_before).exists()
    # nobody is notified of a vote, and nothing written names one
    new_notes = Notification.objects.exclude(pk__in=notes_before)
    assert not new_notes.exists()
    for row in Notification.objects.all():
        text = f"{row.title} {row.body} {row.url}"
        assert not any(v in text or h in text for v, h in zip(sorted(vote_ids), sorted(vote_hex), strict=True))
    for row in AuditEvent.objects.all():
        assert row.object_type != "voice.vote"
    # VoteFamily does not point to the vote
    assert {f.name for f in VoteFamily._meta.concrete_fields} == {"id", "proposal", "child", "voted_on"}


def test_no_one_sees_the_split_before_closing_not_even_the_manager(world: Any, as_user: Any) -> None:
    proposal = propose(world)
    services.vote(actor=world.parent_a, proposal=proposal, option=1)
    for persona in ("manager", "parent_a", "parent_b_no_pr"):
        page = as_user(world[persona]).get(reverse("voice:forum_proposal", args=[proposal.pk])).content.decode()
        assert '<span class="stat__number">1</span> family has voted so far' in page, persona
        assert "Results</h2>" not in page and "bar" not in page and "%" not in page, persona
