"""The demo's parent forum seeds without error, twice (idempotent): Emma Morgan a parent
representative, the car park and summer fair discussions (one post removed with a reason), the
minutes of the last meeting, an open vote with some families' votes and a closed one with its
results and what the setting will do."""

from __future__ import annotations

import pytest
from django.db import transaction

from tandem.people.management.commands.seed_demo import PARENT_EMAIL, Loader
from tandem.voice.demo import forum as demo
from tandem.voice.models import ForumMinutes, ForumPost, ForumTopic, ParentRepresentative, Proposal, Vote, VoteFamily
from tandem.voice.selectors import forum as selectors
from tandem.voice.services import forum as services


@pytest.mark.django_db
def test_demo_seeds_the_parent_forum() -> None:
    loader = Loader()
    with transaction.atomic():
        loader.run()
    demo.seed(setting=loader.setting)
    counted = (ForumTopic, ForumPost, ForumMinutes, Proposal, Vote, VoteFamily, ParentRepresentative)
    counts = [model.objects.count() for model in counted]
    demo.seed(setting=loader.setting)
    assert [model.objects.count() for model in counted] == counts

    (representative,) = ParentRepresentative.objects.filter(setting=loader.setting, ended_at__isnull=True)
    assert representative.user.email == PARENT_EMAIL
    topics = {t.title: t for t in ForumTopic.objects.filter(setting=loader.setting)}
    assert set(topics) == {demo.WELCOME, demo.CAR_PARK, demo.SUMMER_FAIR}
    assert topics[demo.WELCOME].pinned and topics[demo.WELCOME].locked
    removed = ForumPost.objects.filter(topic=topics[demo.CAR_PARK], hidden_at__isnull=False)
    assert [p.hidden_reason for p in removed] == [demo.REMOVED_REASON]
    assert ForumMinutes.objects.filter(setting=loader.setting, title=demo.MINUTES).exists()

    saturday = Proposal.objects.get(setting=loader.setting, title=demo.SATURDAY)
    assert services.is_open(saturday) and selectors.results(saturday) is None
    assert selectors.families_voted(saturday) == 5
    charity = Proposal.objects.get(setting=loader.setting, title=demo.CHARITY)
    results = selectors.results(charity)
    assert results is not None and results.total == 9 and results.winners == ["The children's hospice"]
    assert charity.outcome
    # Emma's family has not voted on the open proposal, so the demo parent can
    emma = representative.user
    assert [p.pk for p in selectors.votes_open_for(emma)] == [saturday.pk]
