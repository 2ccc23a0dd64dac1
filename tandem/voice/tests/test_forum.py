"""The parent forum's discussions and their moderation (R38): topics and replies, the author's role
kept on each post, a locked or removed topic refusing replies, removing and restoring posts and
topics with a reason (audited, the author told), and parent representatives appointed and ended by
the manager."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from tandem.comms.models import Notification
from tandem.core.access import forget
from tandem.core.models import AuditEvent
from tandem.factories import AdultFactory, ChildAdultFactory
from tandem.voice.models import ForumMinutes, ForumPost, ForumTopic, ParentRepresentative
from tandem.voice.services import forum as services


def start(world: Any, actor: Any = None, **fields: Any) -> ForumTopic:
    values = {"title": "Parking at pick-up", "body": "The car park is full at 3pm.\nCould we stagger pick-up?"}
    values.update(fields)
    return services.start_topic(actor=actor or world.parent_b_no_pr, setting=world.setting, **values)


def events(name: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event=name))


# --- discussions --------------------------------------------------------------------------------


def test_a_parent_starts_a_topic_and_others_reply_each_with_their_role(world: Any, committed: Any) -> None:
    with committed():
        topic = start(world)
        services.reply(actor=world.manager, topic=topic, body="We will look at it at the next meeting.")
        services.reply(actor=world.parent_a, topic=topic, body="Staggered times would help us.")
        services.reply(actor=world.deputy, topic=topic, body="Noted.")
    posts = list(ForumPost.objects.filter(topic=topic).order_by("created_at", "pk"))
    roles = [(p.author, p.author_role) for p in posts]
    assert roles == [
        (world.parent_b_no_pr, "Parent"),
        (world.manager, "Setting manager"),
        (world.parent_a, "Parent representative"),  # parent_a is a representative in the world
        (world.deputy, "Deputy manager"),
    ]
    topic.refresh_from_db()
    assert topic.author == world.parent_b_no_pr and topic.last_post_at == posts[-1].created_at
    assert len(events("voice.forum.topic_started")) == 1 and len(events("voice.forum.replied")) == 3


def test_the_role_is_a_snapshot(world: Any) -> None:
    topic = start(world, actor=world.parent_a)
    services.end_appointment(actor=world.manager, representative=world.forum_representative)
    forget(world.parent_a)
    services.reply(actor=world.parent_a, topic=topic, body="Now just a parent.")
    assert [p.author_role for p in topic.posts.order_by("pk")] == ["Parent representative", "Parent"]


def test_bad_topics_and_replies_are_refused_with_a_message(world: Any) -> None:
    with pytest.raises(ValidationError) as error:
        start(world, title="  ", body="")
    assert error.value.message_dict == {"title": ["Give your topic a title."], "body": ["Write your message."]}
    with pytest.raises(ValidationError, match="under 5000"):
        services.reply(actor=world.parent_a, topic=world.forum_topic, body="x" * 5001)
    assert not ForumTopic.objects.filter(title="").exists()


def test_a_locked_topic_refuses_replies(world: Any) -> None:
    with pytest.raises(ValidationError, match="locked"):
        services.reply(actor=world.parent_a, topic=world.forum_topic_locked, body="One more thing")
    with pytest.raises(ValidationError, match="locked"):  # the manager too
        services.reply(actor=world.manager, topic=world.forum_topic_locked, body="One more thing")
    services.set_flag(actor=world.manager, topic=world.forum_topic_locked, flag="locked", value=False)
    services.reply(actor=world.parent_a, topic=world.forum_topic_locked, body="One more thing")
    assert world.forum_topic_locked.posts.count() == 2


def test_a_removed_topic_refuses_replies(world: Any) -> None:
    services.hide_topic(actor=world.manager, topic=world.forum_topic, reason="Off topic")
    with pytest.raises(ValidationError, match="removed by a moderator"):
        services.reply(actor=world.parent_a, topic=world.forum_topic, body="Hello?")


@pytest.mark.parametrize(
    "persona", ["restricted_parent", "key_person_a", "senco", "administrator", "owner", "other_manager", "nobody"]
)
def test_only_families_and_the_managers_take_part(world: Any, persona: str) -> None:
    """Other staff do not take part: it is the parents' forum."""
    user = world[persona]
    with pytest.raises(Http404):
        start(world, actor=user)
    with pytest.raises(Http404):
        services.reply(actor=user, topic=world.forum_topic, body="Hello")


# --- moderation ---------------------------------------------------------------------------------


def test_the_manager_removes_a_post_with_a_reason_and_its_author_is_told(world: Any, committed: Any) -> None:
    with committed():
        services.hide_post(actor=world.manager, post=world.forum_post, reason="  Names   a child  ")
    world.forum_post.refresh_from_db()
    assert world.forum_post.hidden_by == world.manager and world.forum_post.hidden_reason == "Names a child"
    note = Notification.objects.get(kind=services.HIDDEN_KIND)
    assert note.recipient == world.parent_b_no_pr and "Names a child" in note.body
    assert note.url == reverse("voice:forum_topic", args=[world.forum_topic.pk])
    (event,) = events("voice.forum.post_hidden")
    assert event.actor_id == world.manager.pk and event.object_id == world.forum_post.pk
    with pytest.raises(ValidationError, match="already been removed"):
        services.hide_post(actor=world.manager, post=world.forum_post, reason="Again")
    with committed():
        services.restore_post(actor=world.deputy, post=world.forum_post)
    world.forum_post.refresh_from_db()
    assert world.forum_post.hidden_at is None and world.forum_post.hidden_reason == ""
    assert len(events("voice.forum.post_restored")) == 1


def test_a_reason_is_required(world: Any) -> None:
    with pytest.raises(ValidationError) as error:
        services.hide_post(actor=world.manager, post=world.forum_post, reason=" ")
    assert "reason" in error.value.message_dict
    world.forum_post.refresh_from_db()
    assert world.forum_post.hidden_at is None


def test_a_representative_moderates_but_cannot_appoint(world: Any, committed: Any) -> None:
    rep = world.parent_a
    with committed():
        services.hide_post(actor=rep, post=world.forum_reply, reason="Out of date")
        services.set_flag(actor=rep, topic=world.forum_topic, flag="pinned", value=True)
        services.set_flag(actor=rep, topic=world.forum_topic, flag="locked", value=True)
        services.hide_topic(actor=rep, topic=world.forum_topic, reason="Sorted now")
        services.restore_topic(actor=rep, topic=world.forum_topic)
    topic = ForumTopic.objects.get(pk=world.forum_topic.pk)
    assert topic.pinned and topic.locked and topic.hidden_at is None
    for name in ("post_hidden", "topic_pinned", "topic_locked", "topic_hidden", "topic_restored"):
        (event,) = events(f"voice.forum.{name}")
        assert event.actor_id == rep.pk, name
    # the manager's post was removed: the manager is told like anyone
    assert Notification.objects.filter(kind=services.HIDDEN_KIND, recipient=world.manager).exists()
    with pytest.raises(Http404):
        services.appoint(actor=rep, setting=world.setting, user_id=world.parent_b_no_pr.pk)
    with pytest.raises(Http404):
        services.end_appointment(actor=rep, representative=world.forum_representative)
    with pytest.raises(Http404):
        services.publish_minutes(actor=rep, setting=world.setting, met_on=timezone.localdate(), title="x", body="y")


def test_a_parent_who_is_no_longer_a_representative_cannot_moderate(world: Any) -> None:
    # parent_b_no_pr's appointment ended in the world
    with pytest.raises(Http404):
        services.hide_post(actor=world.parent_b_no_pr, post=world.forum_reply, reason="x")
    services.end_appointment(actor=world.manager, representative=world.forum_representative)
    forget(world.parent_a)
    with pytest.raises(Http404):
        services.hide_post(actor=world.parent_a, post=world.forum_reply, reason="x")
    with pytest.raises(Http404):
        services.set_flag(actor=world.parent_a, topic=world.forum_topic, flag="locked", value=True)


def test_a_representative_who_leaves_the_setting_no_longer_moderates(world: Any) -> None:
    world.link_a.delete()  # no longer a parent of the setting, though the appointment did not end
    forget(world.parent_a)
    with pytest.raises(Http404):
        services.hide_post(actor=world.parent_a, post=world.forum_reply, reason="x")


def test_a_representative_moderates_only_their_own_setting(world: Any) -> None:
    with pytest.raises(Http404):
        services.hide_post(actor=world.parent_a, post=world.other_forum_post, reason="x")
    with pytest.raises(Http404):
        services.hide_topic(actor=world.other_manager, topic=world.forum_topic, reason="x")


def test_flags_say_when_nothing_changes(world: Any) -> None:
    with pytest.raises(ValidationError, match="already locked"):
        services.set_flag(actor=world.manager, topic=world.forum_topic_locked, flag="locked", value=True)
    with pytest.raises(ValidationError, match="not pinned"):
        services.set_flag(actor=world.manager, topic=world.forum_topic, flag="pinned", value=False)


# --- parent representatives ---------------------------------------------------------------------


def test_the_manager_appoints_and_ends_a_representative(world: Any, committed: Any) -> None:
    with committed():
        made = services.appoint(actor=world.manager, setting=world.setting, user_id=world.parent_b_no_pr.pk)
    assert made.user == world.parent_b_no_pr and made.appointed_by == world.manager
    note = Notification.objects.get(kind=services.APPOINTED_KIND)
    assert note.recipient == world.parent_b_no_pr
    (event,) = events("voice.forum.representative_appointed")
    assert set(event.subjects.values_list("subject_id", flat=True)) == {world.adult_b.pk}
    forget(world.parent_b_no_pr)
    services.hide_post(actor=world.parent_b_no_pr, post=world.forum_reply, reason="Now I can")
    with pytest.raises(ValidationError, match="already a parent representative"):
        services.appoint(actor=world.deputy, setting=world.setting, user_id=world.parent_b_no_pr.pk)
    with committed():
        ended = services.end_appointment(actor=world.deputy, representative=made)
    assert ended.ended_at is not None and len(events("voice.forum.representative_ended")) == 1
    with pytest.raises(ValidationError, match="already ended"):
        services.end_appointment(actor=world.manager, representative=made)


@pytest.mark.parametrize("persona", ["restricted_parent", "key_person_a", "other_parent", "nobody", "manager"])
def test_only_a_parent_of_the_setting_with_an_account_is_appointed(world: Any, persona: str) -> None:
    with pytest.raises(ValidationError, match="Choose a parent or carer"):
        services.appoint(actor=world.manager, setting=world.setting, user_id=world[persona].pk)
    with pytest.raises(ValidationError):
        services.appoint(actor=world.manager, setting=world.setting, user_id=None)
    assert ParentRepresentative.objects.filter(setting=world.setting, ended_at__isnull=True).count() == 1


def test_a_member_of_staff_who_is_also_a_parent_takes_part_as_a_parent(world: Any) -> None:
    adult = AdultFactory(user=world.room_practitioner, setting=world.setting)
    ChildAdultFactory(child=world.child_b, adult=adult)
    forget(world.room_practitioner)
    post = services.reply(actor=world.room_practitioner, topic=world.forum_topic, body="As a mum: yes please.")
    assert post.author_role == "Parent"


# --- minutes ------------------------------------------------------------------------------------


def test_the_manager_publishes_minutes_and_families_are_told(world: Any, committed: Any) -> None:
    met = timezone.localdate() - dt.timedelta(days=2)
    with committed():
        minutes = services.publish_minutes(
            actor=world.manager, setting=world.setting, met_on=met, title="Spring meeting", body="**Agreed**: a rack."
        )
    assert minutes.published_by == world.manager
    told = set(Notification.objects.filter(kind=services.MINUTES_KIND).values_list("recipient_id", flat=True))
    assert told == {world.parent_a.pk, world.parent_b_no_pr.pk}  # never the restricted parent
    assert len(events("voice.forum.minutes_published")) == 1


def test_minutes_need_a_past_date_a_title_and_a_text(world: Any) -> None:
    with pytest.raises(ValidationError) as error:
        services.publish_minutes(
            actor=world.manager,
            setting=world.setting,
            met_on=timezone.localdate() + dt.timedelta(days=1),
            title="",
            body=" ",
        )
    assert set(error.value.message_dict) == {"met_on", "title", "body"}
    assert ForumMinutes.objects.filter(setting=world.setting).count() == 1
