"""News, newsletters and notices (R28): audience, writing, scheduling, delivery in the parent's
language, the archive, query bounds."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem.comms.models import Notification, Post, PostRecipient, Translation
from tandem.comms.selectors.news import archive, audience_user_ids
from tandem.comms.selectors.translations import fields_hash, original_fields
from tandem.comms.services import news as services
from tandem.comms.tasks_news import deliver_post
from tandem.core.models import AuditEvent
from tandem.factories import AdultFactory, ChildAdultFactory, ChildFactory, UserFactory


def family(world: Any, n: int, room: Any = None) -> Any:
    """A child of the setting with one parent who signs in."""
    child = ChildFactory(setting=world.setting, room=room or world.room_2)
    user = UserFactory(email=f"family{n}@family.example.org", first_name="Fam", last_name=f"Ily{n}")
    adult = AdultFactory(setting=world.setting, user=user, first_name="Fam", last_name=f"Ily{n}", email=user.email)
    ChildAdultFactory(child=child, adult=adult, parental_responsibility=True)
    return user


def draft(world: Any, **data: Any) -> Post:
    values = {"kind": "news", "title": "Harvest festival", "body": "Bring **a tin** for the food bank."}
    values.update(data)
    return services.create_post(actor=world.manager, setting=world.setting, data=values)


def write(world: Any, title: str, body: str = "Some text.", **extra: Any) -> dict[str, Any]:
    return {"kind": "newsletter", "title": title, "body": body, "audience": "setting", "send_email": "on", **extra}


# --- who receives it, who reads it --------------------------------------------------------------


def test_audience_and_archive_rules(world: Any, as_user: Any) -> None:
    users = set(audience_user_ids(world.post_setting))
    assert users == {world.parent_a.pk, world.parent_b_no_pr.pk}  # never the restricted parent
    assert set(audience_user_ids(world.post_room_1)) == {world.parent_a.pk}
    assert set(audience_user_ids(world.post_child_b)) == {world.parent_b_no_pr.pk}
    assert set(audience_user_ids(world.other_post)) == {world.other_parent.pk}
    # a child who has left: the family is no longer sent anything
    world.child_b.leaving_date = timezone.localdate() - dt.timedelta(days=1)
    world.child_b.save()
    assert set(audience_user_ids(world.post_setting)) == {world.parent_a.pk}

    titles = {p.title for p in archive(actor=world.parent_a)}
    assert titles == {"Summer fair", "Acorn Room trip to the library"}
    assert {p.title for p in archive(actor=world.parent_a, kind="newsletter")} == {"Summer fair"}
    page = as_user(world.parent_a).get(reverse("comms:news_archive")).content.decode()
    assert "Summer fair" in page and "Acorn Room trip" in page
    for hidden in ("Barnaby", "Riverside open day", "autumn term dates"):
        assert hidden not in page
    client = as_user(world.parent_a)
    assert client.get(reverse("comms:news_post", args=[world.post_child_b.pk])).status_code == 404
    assert client.get(reverse("comms:news_post", args=[world.other_post.pk])).status_code == 404
    assert client.get(reverse("comms:news_post", args=[world.post_draft.pk])).status_code == 404
    for person in (world.restricted_parent, world.manager, world.nobody):
        assert as_user(person).get(reverse("comms:news_archive")).status_code == 403, person
        assert as_user(person).get(reverse("comms:news_post", args=[world.post_setting.pk])).status_code == 404
    # withdrawn: gone from every family at once
    services.withdraw(actor=world.deputy, post=world.post_setting)
    assert not archive(actor=world.parent_b_no_pr).filter(pk=world.post_setting.pk).exists()


def test_writing_checks_the_audience_and_stays_in_the_setting(world: Any, as_user: Any) -> None:
    client = as_user(world.administrator)
    url = reverse("comms:news_new", args=[world.setting.pk])
    assert client.get(url).status_code == 200
    bad = client.post(url, write(world, "Rooms only", audience="rooms"))
    assert bad.status_code == 400 and "Choose at least one room" in bad.content.decode()
    bad = client.post(url, write(world, "Families only", audience="families", children=[world.other_child.pk]))
    assert "Choose at least one child" in bad.content.decode() or "Select a valid choice" in bad.content.decode()
    assert not Post.objects.filter(title__in=["Rooms only", "Families only"]).exists()
    done = client.post(url, write(world, "Room news", audience="rooms", rooms=[world.room_2.pk]))
    post = Post.objects.get(title="Room news")
    assert done.status_code == 302 and done["Location"] == reverse("comms:news_manage", args=[post.pk])
    assert (
        list(post.rooms.all()) == [world.room_2] and post.publish_at is None and post.created_by == world.administrator
    )
    preview = client.get(done["Location"]).content.decode()
    assert "Status: Draft" in preview and "Preview: as families see it" in preview and "Bluebell Room" in preview
    edit = reverse("comms:news_edit", args=[post.pk])
    form = client.get(edit).content.decode()
    assert f'value="{world.room_2.pk}" id="id_rooms_1" checked' in form  # Bluebell, second by name
    changed = client.post(edit, write(world, "Family news", audience="families", children=[world.child_a.pk]))
    post.refresh_from_db()
    assert changed.status_code == 302 and post.title == "Family news" and list(post.children.all()) == [world.child_a]
    assert not post.rooms.exists()
    assert set(audience_user_ids(post)) == {world.parent_a.pk}
    with pytest.raises(ValidationError):
        services.create_post(
            actor=world.manager,
            setting=world.setting,
            data={**write(world, "X"), "audience": "rooms", "rooms": [world.other_room]},
        )
    for person in (world.room_practitioner, world.parent_a, world.other_manager):
        assert as_user(person).get(url).status_code == 404, person
        assert as_user(person).get(reverse("comms:news_manage", args=[post.pk])).status_code == 404


def test_publish_now_delivers_in_the_background_once(world: Any, as_user: Any, committed: Any) -> None:
    client = as_user(world.manager)
    with committed():
        post = draft(world, send_email=True)
        response = client.post(reverse("comms:news_publish", args=[post.pk]))
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.published_at and post.recipients_count == 2
    rows = PostRecipient.objects.filter(post=post)
    assert {r.user_id for r in rows} == {world.parent_a.pk, world.parent_b_no_pr.pk}
    assert Notification.objects.filter(kind="comms.news").count() == 2
    emails = {m.to[0]: m for m in mail.outbox}
    assert set(emails) == {world.parent_a.email, world.parent_b_no_pr.email}
    body = emails[world.parent_a.email].body
    assert "Bring a tin for the food bank." in body and "**" not in body
    assert reverse("comms:news_post", args=[post.pk]) in body
    assert deliver_post.call(post.pk) == 0  # already delivered: nothing twice
    assert PostRecipient.objects.filter(post=post).count() == 2
    with pytest.raises(ValidationError):
        services.update_post(actor=world.manager, post=post, data=write(world, "Changed"))
    with pytest.raises(ValidationError):
        services.publish(actor=world.manager, post=post)
    events = set(AuditEvent.objects.values_list("event", flat=True))
    assert {"comms.news.created", "comms.news.published", "comms.news.delivered"} <= events


def test_a_scheduled_post_waits_for_its_time(world: Any, committed: Any, as_user: Any) -> None:
    post = draft(world)
    later = timezone.now() + dt.timedelta(days=2)
    with committed():
        services.publish(actor=world.manager, post=post, at=later)
    post.refresh_from_db()
    assert post.publish_at == later and post.published_at is None
    assert not PostRecipient.objects.filter(post=post).exists()  # the immediate backend does not run it early
    assert deliver_post.call(post.pk) == 0  # a worker running it early: re-checks the time
    # still editable while scheduled, and the time stays
    services.update_post(actor=world.manager, post=post, data=write(world, "Harvest festival (changed)"))
    post.refresh_from_db()
    assert post.title == "Harvest festival (changed)" and post.publish_at == later
    # returned to draft: the queued task finds nothing to do
    services.unschedule(actor=world.manager, post=post)
    Post.objects.filter(pk=post.pk).update(publish_at=None)
    assert deliver_post.call(post.pk) == 0
    # due now
    Post.objects.filter(pk=post.pk).update(publish_at=timezone.now() - dt.timedelta(minutes=1))
    with committed():
        assert deliver_post.call(post.pk) == 2
    assert deliver_post.call(post.pk) == 0
    # withdrawn before its time: never sent
    other = draft(world, title="Withdrawn one")
    services.publish(actor=world.manager, post=other, at=later)
    services.withdraw(actor=world.manager, post=other)
    Post.objects.filter(pk=other.pk).update(publish_at=timezone.now() - dt.timedelta(minutes=1))
    assert deliver_post.call(other.pk) == 0 and not PostRecipient.objects.filter(post=other).exists()
    # due but not started (the worker was down): refused while recent, sent again once stuck
    stuck = draft(world, title="Stuck one")
    Post.objects.filter(pk=stuck.pk).update(publish_at=timezone.now() - dt.timedelta(minutes=5))
    with pytest.raises(ValidationError, match="already being sent"):
        services.publish(actor=world.manager, post=stuck)
    Post.objects.filter(pk=stuck.pk).update(publish_at=timezone.now() - dt.timedelta(minutes=20))
    assert (
        "Try sending it again"
        in as_user(world.manager).get(reverse("comms:news_manage", args=[stuck.pk])).content.decode()
    )
    with committed():
        services.publish(actor=world.manager, post=stuck)
    assert PostRecipient.objects.filter(post=stuck).count() == 2


def test_schedule_form_refuses_the_past(world: Any, as_user: Any) -> None:
    post = draft(world)
    client = as_user(world.manager)
    bad = client.post(reverse("comms:news_schedule", args=[post.pk]), {"publish_at": "2001-01-01T09:00"})
    assert bad.status_code == 400 and "Choose a time in the future" in bad.content.decode()
    when = timezone.localtime() + dt.timedelta(days=3)
    ok = client.post(reverse("comms:news_schedule", args=[post.pk]), {"publish_at": when.strftime("%Y-%m-%dT%H:%M")})
    assert ok.status_code == 302
    page = client.get(reverse("comms:news_manage", args=[post.pk])).content.decode()
    assert "Status: Scheduled" in page and "Make it a draft again" in page


def test_delivered_in_each_parents_language(world: Any, as_user: Any, committed: Any) -> None:
    world.adult_a.preferred_language = "Urdu"
    world.adult_a.save()
    post = draft(world, title="Sports day", body="Sports day is on **Friday**.", important=True)
    Translation.objects.create(
        content_type=ContentType.objects.get_for_model(Post),
        object_id=post.pk,
        language="ur",
        fields={"title": "کھیلوں کا دن", "body": "کھیلوں کا دن **جمعہ** کو ہے۔"},  # noqa: RUF001
        source=Translation.Source.HUMAN,
        original_hash=fields_hash(original_fields(post)),
    )
    with committed():
        services.publish(actor=world.manager, post=post)
    languages = dict(PostRecipient.objects.filter(post=post).values_list("user_id", "language"))
    assert languages == {world.parent_a.pk: "ur", world.parent_b_no_pr.pk: "en"}
    emails = {m.to[0]: m for m in mail.outbox}
    urdu, english = emails[world.parent_a.email], emails[world.parent_b_no_pr.email]
    assert urdu.subject == "کھیلوں کا دن" and "کھیلوں کا دن جمعہ کو ہے۔" in urdu.body and "Sports day" not in urdu.body  # noqa: RUF001
    assert urdu.extra_headers["Content-Language"] == "ur"
    assert english.subject == "Sports day" and "Sports day is on Friday." in english.body
    assert "confirm that you have read and understood" in english.body
    assert set(Notification.objects.values_list("kind", flat=True)) == {"comms.important"}
    # the page: in Urdu by default, right to left, labelled; the original one tap away
    client = as_user(world.parent_a)
    page = client.get(reverse("comms:news_post", args=[post.pk])).content.decode()
    assert 'lang="ur" dir="rtl"' in page and "کھیلوں کا دن" in page and "Translated into Urdu" in page
    assert "?original=1" in page
    original = client.get(reverse("comms:news_post", args=[post.pk]) + "?original=1").content.decode()
    assert "<h1" in original and "Sports day</h1>" in original and "Read it in Urdu" in original
    assert PostRecipient.objects.get(post=post, user=world.parent_a).read_at is not None
    assert PostRecipient.objects.get(post=post, user=world.parent_b_no_pr).read_at is None


# --- staff pages and query bounds ----------------------------------------------------------------


def test_publish_request_only_enqueues(world: Any, as_user: Any) -> None:
    """The publish request costs the same for two families or thirty: the fan-out is the task's."""
    client = as_user(world.manager)

    def publish_queries() -> int:
        post = draft(world, title=f"Post {Post.objects.count()}")
        client.get(reverse("comms:news_manage", args=[post.pk]))
        with CaptureQueriesContext(connection) as queries:
            assert client.post(reverse("comms:news_publish", args=[post.pk])).status_code == 302
        assert not PostRecipient.objects.filter(post=post).exists()  # nothing delivered in the request
        return len(queries)

    few = publish_queries()
    for n in range(30):
        family(world, n)
    assert publish_queries() == few


def test_staff_list_counts_filters_and_bounded_queries(
    world: Any, as_user: Any, committed: Any, django_assert_max_num_queries: Any
) -> None:
    important = draft(world, title="New collection times", important=True)
    with committed():
        services.publish(actor=world.manager, post=important)
    services.confirm(actor=world.parent_a, post=important)
    for n in range(30):
        draft(world, title=f"Old draft {n}")
    client = as_user(world.manager)
    url = reverse("comms:news_staff", args=[world.setting.pk])
    client.get(url)
    with django_assert_max_num_queries(14):
        page = client.get(url).content.decode()
    assert "Page 1 of 2" in page and "Old draft 29" in page  # drafts and scheduled posts first
    only = client.get(url + "?status=published&kind=news").content.decode()
    assert "New collection times" in only and "Old draft" not in only and "Summer fair" not in only
    assert "1 of 2" in only  # confirmed of sent
    drafts = client.get(url + "?status=draft").content.decode()
    assert "Old draft" in drafts and "New collection times" not in drafts


def test_archive_query_count_does_not_grow(world: Any, as_user: Any, django_assert_max_num_queries: Any) -> None:
    for n in range(30):
        Post.objects.create(
            setting=world.setting,
            title=f"Weekly news {n}",
            body="Text",
            published_at=timezone.now(),
            publish_at=timezone.now(),
        )
    client = as_user(world.parent_a)
    url = reverse("comms:news_archive")
    client.get(url)
    with django_assert_max_num_queries(16):
        page = client.get(url).content.decode()
    assert "Page 1 of 2" in page and "Weekly news 29" in page


def test_markdown_as_text() -> None:
    text = services.markdown_as_text(
        "## Hello\n\nSee [our page](https://example.org/x) & <script>alert(1)</script>\n\n- one\n- two\n\nBye"
    )
    assert text == "Hello\n\nSee our page (https://example.org/x) &\n\n- one\n- two\n\nBye"
