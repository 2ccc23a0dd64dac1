"""Read and understood (R32): parents confirm an important post; staff see who has not, remind
them (at most once an hour) and record that it was explained in person."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tandem.comms.models import Notification, Post, PostRecipient
from tandem.comms.services import news as services
from tandem.core.models import AuditEvent

from .test_news import family


def published_notice(world: Any, committed: Any, **extra: Any) -> Post:
    with committed():
        post = services.create_post(
            actor=world.manager,
            setting=world.setting,
            data={
                "kind": "notice",
                "title": "New collection times",
                "body": "From Monday, collection is from 3pm.",
                "important": True,
                **extra,
            },
        )
        services.publish(actor=world.manager, post=post)
    post.refresh_from_db()
    return post


def test_parent_confirms_from_the_post_and_the_banner_goes(world: Any, as_user: Any, committed: Any) -> None:
    post = published_notice(world, committed)
    client = as_user(world.parent_a)
    archive = client.get(reverse("comms:news_archive")).content.decode()
    assert "Please confirm you have read this notice" in archive and "Important: please confirm" in archive
    page = client.get(reverse("comms:news_post", args=[post.pk])).content.decode()
    assert "I have read and understood this" in page
    response = client.post(reverse("comms:news_confirm", args=[post.pk]))
    assert response.status_code == 302
    row = PostRecipient.objects.get(post=post, user=world.parent_a)
    assert row.confirmed_at and row.confirmed_how == "app" and row.read_at
    page = client.get(reverse("comms:news_post", args=[post.pk])).content.decode()
    assert "I have read and understood this" not in page and "You confirmed on" in page
    archive = client.get(reverse("comms:news_archive")).content.decode()
    assert "Please confirm you have read" not in archive and "Important: confirmed" in archive
    # nobody else may confirm it: another family's post, an ordinary post
    assert as_user(world.restricted_parent).post(reverse("comms:news_confirm", args=[post.pk])).status_code == 404
    with pytest.raises(ValidationError):
        services.confirm(actor=world.parent_a, post=world.post_setting)  # not important
    assert AuditEvent.objects.filter(event="comms.news.confirmed").count() == 0  # not committed: written after commit


def test_staff_see_who_has_not_confirmed_remind_and_record_in_person(
    world: Any, as_user: Any, committed: Any, django_assert_max_num_queries: Any
) -> None:
    post = published_notice(world, committed)
    services.confirm(actor=world.parent_a, post=post)
    world.adult_b.preferred_language = "Polish"
    world.adult_b.save()
    for n in range(12):
        PostRecipient.objects.create(post=post, user=family(world, n), language="en")
    client = as_user(world.manager)
    url = reverse("comms:news_confirmations", args=[post.pk])
    client.get(url)
    with django_assert_max_num_queries(20):
        page = client.get(url).content.decode()
    assert "Penny Parentish" in page and "Stefan Stepfordson" in page
    assert "Amelia Ashcombe" in page and "Barnaby Brackenbury" in page  # each parent's child
    assert "Not confirmed" in page and "Not read" in page and "English" in page
    assert 'Polish (polski) <span class="muted">(sent in English)</span>' in page  # no Polish translation
    waiting = client.get(url + "?show=waiting").content.decode()
    assert "Stefan Stepfordson" in waiting and "Penny Parentish" not in waiting
    listing = client.get(reverse("comms:news_staff", args=[world.setting.pk])).content.decode()
    assert "1 of 2" in listing  # confirmed counts on the staff list (recipients_count is fixed at delivery)
    PostRecipient.objects.filter(user__email__startswith="family").delete()

    mail.outbox.clear()
    Notification.objects.all().delete()
    with committed():
        response = client.post(reverse("comms:news_remind", args=[post.pk]))
    assert response.status_code == 302
    reminded = Notification.objects.get()
    assert reminded.recipient == world.parent_b_no_pr and reminded.kind == "comms.important"
    assert reminded.title == "Reminder: New collection times"
    assert [m.to for m in mail.outbox] == [[world.parent_b_no_pr.email]]
    row_b = PostRecipient.objects.get(post=post, user=world.parent_b_no_pr)
    assert row_b.reminded_at and PostRecipient.objects.get(post=post, user=world.parent_a).reminded_at is None
    with pytest.raises(ValidationError, match="You can send another from"):
        services.remind(actor=world.manager, post=post)  # not more than once an hour
    PostRecipient.objects.filter(pk=row_b.pk).update(reminded_at=timezone.now() - dt.timedelta(minutes=61))
    assert services.remind(actor=world.deputy, post=post) == 1

    form_url = reverse("comms:news_in_person", args=[post.pk, row_b.pk])
    assert "Barnaby Brackenbury" in client.get(form_url).content.decode()
    bad = client.post(form_url, {"note": "  "})
    assert bad.status_code == 400 and "Write a short note" in bad.content.decode()
    with committed():
        done = client.post(form_url, {"note": "Explained by Keira at collection."})
    assert done.status_code == 302
    row_b.refresh_from_db()
    assert row_b.confirmed_how == "in_person" and row_b.confirmed_recorded_by == world.manager
    assert row_b.confirmation_note == "Explained by Keira at collection."
    page = client.get(url).content.decode()
    assert "Explained in person" in page and "Explained by Keira at collection." in page
    with pytest.raises(ValidationError, match="Everyone has confirmed"):
        PostRecipient.objects.update(reminded_at=None)
        services.remind(actor=world.manager, post=post)
    with pytest.raises(ValidationError, match="already confirmed"):
        services.record_in_person(actor=world.manager, recipient=row_b, note="Again")
    assert AuditEvent.objects.filter(event="comms.news.explained_in_person").count() == 1
    # the parent's page says it was explained in person
    page = as_user(world.parent_b_no_pr).get(reverse("comms:news_post", args=[post.pk])).content.decode()
    assert "explained this to you in person" in page


def test_confirmation_pages_are_for_writers_of_the_setting(world: Any, as_user: Any, committed: Any) -> None:
    post = published_notice(world, committed)
    row = PostRecipient.objects.get(post=post, user=world.parent_a)
    urls = [
        reverse("comms:news_confirmations", args=[post.pk]),
        reverse("comms:news_in_person", args=[post.pk, row.pk]),
    ]
    for person in (world.parent_a, world.key_person_a, world.volunteer, world.other_manager):
        for url in urls:
            assert as_user(person).get(url).status_code == 404, (person, url)
        assert as_user(person).post(reverse("comms:news_remind", args=[post.pk])).status_code == 404
    assert as_user(world.administrator).get(urls[0]).status_code == 200
    # a recipient of another post is not found under this one
    other = reverse("comms:news_in_person", args=[world.post_setting.pk, row.pk])
    assert as_user(world.manager).get(other).status_code == 404
