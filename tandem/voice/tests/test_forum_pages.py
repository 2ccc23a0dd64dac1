"""The parent forum's pages (R38): what each person sees and may do, bad input on the form, refusals,
query counts that do not grow with the forum, the hub's sections and the manager's office tile."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.core import navigation
from tandem.voice.hub import sections_for
from tandem.voice.models import ForumMinutes, ForumPost, ForumTopic, ParentRepresentative, Proposal, Vote
from tandem.voice.services import forum as services

VOTED = '<span class="stat__number">{}</span>'
HIDDEN_TEXT = "Quillon Zephyrine"  # the removed post's text in the world


def forum_url(world: Any) -> str:
    return reverse("voice:forum", args=[world.setting.pk])


def topic_url(topic: Any) -> str:
    return reverse("voice:forum_topic", args=[topic.pk])


def proposal_url(proposal: Any) -> str:
    return reverse("voice:forum_proposal", args=[proposal.pk])


# --- the forum's page ---------------------------------------------------------------------------


def test_the_forum_page_lists_topics_votes_minutes_and_representatives(world: Any, as_user: Any) -> None:
    services.set_flag(actor=world.manager, topic=world.forum_topic_locked, flag="pinned", value=True)
    page = as_user(world.parent_b_no_pr).get(forum_url(world)).content.decode()
    assert page.index("Christmas jumper day") < page.index("Scooter parking by the gate")  # pinned first
    assert "Pinned" in page and "Locked" in page
    assert "Pyjama day for charity" in page  # the open vote
    assert "Forum meeting, autumn term" in page
    assert "Your parent representatives" in page and "Penny Parentish" in page
    assert "Stefan Stepfordson" not in page.split("Your parent representatives")[1].split("</section>")[0]
    assert "Riverside" not in page
    assert "Put a proposal to the vote" not in page  # a parent does not run the forum
    manager = as_user(world.manager).get(forum_url(world)).content.decode()
    assert "Put a proposal to the vote" in manager and "Publish minutes" in manager


def test_a_removed_topic_shows_only_its_reason_to_families(world: Any, as_user: Any) -> None:
    services.hide_topic(actor=world.manager, topic=world.forum_topic, reason="Sorted at the meeting")
    family = as_user(world.parent_b_no_pr)
    listed = family.get(forum_url(world)).content.decode()
    assert "Removed by a moderator: Sorted at the meeting" in listed and "Scooter parking" not in listed
    page = family.get(topic_url(world.forum_topic)).content.decode()
    assert "Removed by a moderator: Sorted at the meeting" in page
    assert "Scooter parking" not in page and "a rack for scooters" not in page
    assert 'name="body"' not in page  # no reply to a removed topic
    moderator = as_user(world.parent_a).get(topic_url(world.forum_topic)).content.decode()
    assert "Scooter parking" in moderator and "a rack for scooters" in moderator and "Restore the topic" in moderator


def test_a_removed_post_is_shown_to_moderators_only(world: Any, as_user: Any) -> None:
    url = topic_url(world.forum_topic)
    for persona in ("parent_b_no_pr",):
        page = as_user(world[persona]).get(url).content.decode()
        assert "Removed by a moderator: Names another family" in page
        assert HIDDEN_TEXT not in page
        assert "Remove this post" not in page and "Lock" not in page
    for persona in ("manager", "deputy", "parent_a"):
        page = as_user(world[persona]).get(url).content.decode()
        assert "Removed by a moderator: Names another family" in page
        assert HIDDEN_TEXT in page and "Seen by moderators only" in page and "Restore this post" in page, persona
    page = as_user(world.parent_b_no_pr).get(url).content.decode()
    assert "Stefan Stepfordson" in page and "Mona Manningham" in page and "Setting manager" in page
    assert "Could we have a rack for scooters?<br>The path" in page  # line breaks kept, text escaped


def test_posts_are_plain_text(world: Any, as_user: Any) -> None:
    services.reply(actor=world.parent_a, topic=world.forum_topic, body="<script>alert(1)</script> **bold**")
    page = as_user(world.parent_b_no_pr).get(topic_url(world.forum_topic)).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; **bold**" in page


# --- taking part --------------------------------------------------------------------------------


def test_a_parent_starts_a_topic_and_replies_on_the_page(world: Any, as_user: Any) -> None:
    client = as_user(world.parent_b_no_pr)
    new = reverse("voice:forum_topic_new", args=[world.setting.pk])
    bad = client.post(new, {"title": "", "body": ""})
    assert bad.status_code == 400 and "Give your topic a title." in bad.content.decode()
    assert "Write your message." in bad.content.decode()
    made = client.post(new, {"title": "Ideas for the summer fair", "body": "A cake stall?"})
    topic = ForumTopic.objects.get(title="Ideas for the summer fair")
    assert made.status_code == 302 and made["Location"] == topic_url(topic)
    replied = as_user(world.parent_a).post(topic_url(topic), {"body": "And a tombola."})
    post = ForumPost.objects.get(topic=topic, body="And a tombola.")
    assert replied.status_code == 302 and replied["Location"] == f"{topic_url(topic)}?page=1#post-{post.pk}"
    empty = as_user(world.parent_a).post(topic_url(topic), {"body": " "})
    assert empty.status_code == 400 and "Write your message." in empty.content.decode()


def test_a_locked_topic_refuses_a_reply_on_the_page(world: Any, as_user: Any) -> None:
    client = as_user(world.parent_a)
    page = client.get(topic_url(world.forum_topic_locked)).content.decode()
    assert "This topic is locked" in page and "Post your reply" not in page
    refused = client.post(topic_url(world.forum_topic_locked), {"body": "Sneaking in"})
    assert refused.status_code == 400 and "no new replies can be added" in refused.content.decode()
    assert not ForumPost.objects.filter(body="Sneaking in").exists()


def test_moderating_on_the_pages(world: Any, as_user: Any) -> None:
    rep = as_user(world.parent_a)
    hide = reverse("voice:forum_post_hide", args=[world.forum_reply.pk])
    form = rep.get(hide)
    assert form.status_code == 200 and "we will ask the caretaker" in form.content.decode()
    empty = rep.post(hide, {"reason": ""})
    assert empty.status_code == 400 and "Say why you are removing it" in empty.content.decode()
    assert rep.post(hide, {"reason": "Duplicate"}).status_code == 302
    assert ForumPost.objects.get(pk=world.forum_reply.pk).hidden_reason == "Duplicate"
    for name in ("forum_topic_lock", "forum_topic_pin"):
        assert rep.post(reverse(f"voice:{name}", args=[world.forum_topic.pk])).status_code == 302
    topic = ForumTopic.objects.get(pk=world.forum_topic.pk)
    assert topic.locked and topic.pinned
    again = rep.post(reverse("voice:forum_topic_lock", args=[world.forum_topic.pk]), follow=True)
    assert "already locked" in again.content.decode()
    restore = reverse("voice:forum_post_restore", args=[world.forum_reply.pk])
    assert rep.get(restore).status_code == 405
    assert rep.post(restore).status_code == 302
    # a parent who is not a representative moderates nothing
    parent = as_user(world.parent_b_no_pr)
    assert parent.get(hide).status_code == 404
    assert parent.post(reverse("voice:forum_topic_unlock", args=[world.forum_topic.pk])).status_code == 404
    assert parent.get(reverse("voice:forum_topic_hide", args=[world.forum_topic.pk])).status_code == 404


def test_the_manager_appoints_and_ends_representatives_on_the_page(world: Any, as_user: Any) -> None:
    url = reverse("voice:forum_representatives", args=[world.setting.pk])
    client = as_user(world.manager)
    page = client.get(url).content.decode()
    assert "Penny Parentish" in page and "Stefan Stepfordson (Barnaby)" in page  # appointable, with the child
    assert "Rex Restrictham" not in page
    bad = client.post(url, {"user": str(world.restricted_parent.pk)})
    assert bad.status_code == 400 and "Choose a parent or carer" in bad.content.decode()
    assert client.post(url, {"user": str(world.parent_b_no_pr.pk)}).status_code == 302
    made = ParentRepresentative.objects.get(user=world.parent_b_no_pr, ended_at__isnull=True)
    end = reverse("voice:forum_representative_end", args=[made.pk])
    assert as_user(world.parent_a).get(url).status_code == 404  # a representative cannot appoint
    assert as_user(world.parent_a).post(end).status_code == 404
    assert as_user(world.manager).post(end).status_code == 302
    made.refresh_from_db()
    assert made.ended_at is not None


def test_minutes_on_the_pages(world: Any, as_user: Any) -> None:
    new = reverse("voice:forum_minutes_new", args=[world.setting.pk])
    client = as_user(world.manager)
    bad = client.post(new, {"met_on": "", "title": "", "body": ""})
    assert bad.status_code == 400 and "Enter the date of the meeting." in bad.content.decode()
    met = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    body = "## Agreed\n\n* A scooter rack\n\n<script>alert(1)</script>"
    made = client.post(new, {"met_on": met, "title": "Spring forum meeting", "body": body})
    minutes = ForumMinutes.objects.get(title="Spring forum meeting")
    assert made.status_code == 302
    page = as_user(world.parent_b_no_pr).get(reverse("voice:forum_minutes", args=[minutes.pk])).content.decode()
    assert "<h2>Agreed</h2>" in page and "<li>A scooter rack</li>" in page and "<script>alert" not in page
    listed = as_user(world.parent_a).get(reverse("voice:forum_minutes_list", args=[world.setting.pk]))
    assert "Spring forum meeting" in listed.content.decode()
    assert as_user(world.parent_a).get(new).status_code == 404


# --- votes --------------------------------------------------------------------------------------


def open_vote_on_the_page(world: Any, as_user: Any) -> Proposal:
    url = reverse("voice:forum_proposal_new", args=[world.setting.pk])
    closes = timezone.localtime() + dt.timedelta(days=3)
    fields = {
        "title": "Should the summer fair be on a Saturday?",
        "description": "Last year it was on a Friday afternoon.",
        "option_1": "Yes, on a Saturday",
        "option_2": "No, keep Friday afternoon",
        "closes_at": closes.strftime("%Y-%m-%dT%H:%M"),
    }
    client = as_user(world.manager)
    few = client.post(url, {**fields, "option_2": ""})
    text = few.content.decode()
    assert few.status_code == 400 and "Give at least 2 options" in text
    assert 'href="#id_option_1"' in text  # the summary links to the first option
    soon = client.post(url, {**fields, "closes_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")})
    assert soon.status_code == 400 and "at least 24 hours" in soon.content.decode()
    assert not Proposal.objects.filter(title=fields["title"]).exists()
    made = client.post(url, fields)
    proposal = Proposal.objects.get(title=fields["title"])
    assert made.status_code == 302 and made["Location"] == proposal_url(proposal)
    assert proposal.options == ["Yes, on a Saturday", "No, keep Friday afternoon"]
    return proposal


def test_a_vote_on_the_pages_from_opening_to_results(world: Any, as_user: Any, time_machine: Any) -> None:
    proposal = open_vote_on_the_page(world, as_user)
    url = proposal_url(proposal)
    parent = as_user(world.parent_a)
    page = parent.get(url).content.decode()
    assert "cannot be changed" in page and "Send our vote" in page
    assert VOTED.format(0) + " families have voted so far" in page
    assert parent.post(url, {}).status_code == 400
    assert parent.post(url, {"option": "0"}).status_code == 302
    page = parent.get(url).content.decode()
    assert "Your family has voted" in page and "Send our vote" not in page
    again = parent.post(url, {"option": "1"})
    assert again.status_code == 400 and "already voted" in again.content.decode()
    assert as_user(world.parent_b_no_pr).post(url, {"option": "0"}).status_code == 302
    assert Vote.objects.filter(proposal=proposal).count() == 2
    manager = as_user(world.manager).get(url).content.decode()
    assert VOTED.format(2) + " families have voted so far" in manager and "Send our vote" not in manager
    assert "Cancel this proposal" in manager and "Say what we will do" not in manager
    assert as_user(world.manager).post(url, {"option": "0"}).status_code == 404  # managers do not vote
    time_machine.move_to(proposal.closes_at + dt.timedelta(minutes=5))
    for persona in ("parent_b_no_pr", "manager"):
        page = as_user(world[persona]).get(url).content.decode()
        assert "2 families voted." in page and "Most families chose <strong>Yes, on a Saturday</strong>" in page
        assert '<td data-label="Families">2</td>' in page and '<td data-label="Percent">100%</td>' in page
        assert '<td data-label="Percent">0%</td>' in page
        assert "bar__fill bar--w100" in page and "bar__fill bar--w0" in page
        assert 'style="' not in page
    outcome = reverse("voice:forum_proposal_outcome", args=[proposal.pk])
    assert as_user(world.parent_a).get(outcome).status_code == 404
    client = as_user(world.manager)
    assert client.post(outcome, {"outcome": ""}).status_code == 400
    assert client.post(outcome, {"outcome": "The fair will be on Saturday 21 June."}).status_code == 302
    page = as_user(world.parent_a).get(url).content.decode()
    assert "What we will do" in page and "Saturday 21 June" in page


def test_cancelling_on_the_page(world: Any, as_user: Any) -> None:
    cancel = reverse("voice:forum_proposal_cancel", args=[world.forum_proposal_open.pk])
    assert as_user(world.parent_a).post(cancel).status_code == 404
    assert as_user(world.deputy).post(cancel).status_code == 302
    page = as_user(world.parent_a).get(proposal_url(world.forum_proposal_open)).content.decode()
    assert "cancelled this proposal" in page and "Send our vote" not in page


def test_the_list_of_votes(world: Any, as_user: Any) -> None:
    page = as_user(world.parent_a).get(reverse("voice:forum_proposals", args=[world.setting.pk])).content.decode()
    assert "Pyjama day for charity" in page and "Open until" in page
    assert "Sports day in the park" in page and "Closed on" in page and "1 family voted" in page
    assert "Riverside open day" not in page


# --- who sees what ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona", ["restricted_parent", "key_person_a", "senco", "volunteer", "owner", "other_manager", "nobody"]
)
def test_strangers_and_other_staff_get_404(world: Any, as_user: Any, persona: str) -> None:
    client = as_user(world[persona])
    urls = [
        forum_url(world),
        reverse("voice:forum_topic_new", args=[world.setting.pk]),
        reverse("voice:forum_minutes_list", args=[world.setting.pk]),
        reverse("voice:forum_proposals", args=[world.setting.pk]),
        topic_url(world.forum_topic),
        reverse("voice:forum_minutes", args=[world.forum_minutes.pk]),
        proposal_url(world.forum_proposal_open),
        reverse("voice:forum_post_hide", args=[world.forum_post.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post(proposal_url(world.forum_proposal_open), {"option": "0"}).status_code == 404


def test_a_parent_never_sees_another_settings_forum(world: Any, as_user: Any) -> None:
    client = as_user(world.parent_a)
    assert client.get(reverse("voice:forum", args=[world.other_setting.pk])).status_code == 404
    assert client.get(topic_url(world.other_forum_topic)).status_code == 404
    assert client.get(proposal_url(world.other_forum_proposal)).status_code == 404
    assert client.post(reverse("voice:forum_post_hide", args=[world.other_forum_post.pk])).status_code == 404


# --- query counts -------------------------------------------------------------------------------


def test_the_forum_page_costs_the_same_however_many_topics(
    world: Any, as_user: Any, django_assert_max_num_queries: Any
) -> None:
    client = as_user(world.parent_a)
    client.get(forum_url(world))
    with django_assert_max_num_queries(40) as few:
        assert client.get(forum_url(world)).status_code == 200
    for n in range(12):
        topic = services.start_topic(actor=world.parent_b_no_pr, setting=world.setting, title=f"Topic {n}", body="x")
        services.reply(actor=world.manager, topic=topic, body="y")
    services.appoint(actor=world.manager, setting=world.setting, user_id=world.parent_b_no_pr.pk)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(forum_url(world)).status_code == 200


def test_a_topic_page_costs_the_same_however_many_posts(
    world: Any, as_user: Any, django_assert_max_num_queries: Any
) -> None:
    client = as_user(world.manager)
    url = topic_url(world.forum_topic)
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        assert client.get(url).status_code == 200
    for n in range(15):
        author = world.parent_a if n % 2 else world.parent_b_no_pr
        post = services.reply(actor=author, topic=world.forum_topic, body=f"Reply {n}")
        if n % 3 == 0:
            services.hide_post(actor=world.manager, post=post, reason="Off topic")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


# --- the hub and the office ---------------------------------------------------------------------


def test_the_hub_shows_votes_open_to_the_family_and_the_way_into_the_forum(world: Any, as_user: Any) -> None:
    found = {section.key: items for section, items in sections_for(world.parent_a)}
    assert [p.pk for p in found["forum_votes"]] == [world.forum_proposal_open.pk]
    assert [entry.setting_id for entry in found["forum"]] == [world.setting.pk]
    page = as_user(world.parent_a).get(reverse("voice:hub", args=[world.setting.pk])).content.decode()
    assert "Votes open" in page and "Pyjama day for charity" in page
    assert f'href="{forum_url(world)}"' in page and "Scooter parking by the gate" in page
    assert "Riverside" not in page
    services.vote(actor=world.parent_a, proposal=world.forum_proposal_open, option=0)
    found = {section.key: items for section, items in sections_for(world.parent_a)}
    assert "forum_votes" not in found  # voted
    assert "forum_votes" not in {s.key for s, _ in sections_for(world.restricted_parent)}
    assert "forum" not in {s.key for s, _ in sections_for(world.restricted_parent)}


def test_the_manager_reaches_the_forum_from_the_office(world: Any) -> None:
    tiles = {e["label"]: e["url"] for e in navigation.visible(world.manager, navigation.OFFICE)}
    assert tiles["Parent forum"] == forum_url(world)
    for persona in ("parent_a", "key_person_a", "administrator"):
        assert "Parent forum" not in [e["label"] for e in navigation.visible(world[persona], navigation.OFFICE)]
