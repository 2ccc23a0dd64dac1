"""The demo's news and notice board seed twice without change, and show the features at work: the
newsletter reached Sana Ahmed by email in Urdu, the important notice shows who has not confirmed."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from tandem.comms.demo import board, news
from tandem.comms.models import Post, PostRecipient, SettingDocument, Translation
from tandem.comms.selectors.news import counts_of
from tandem.conftest import login
from tandem.people.management.commands.seed_demo import (
    FOSTER_CARER_EMAIL,
    OTHER_PARENT_EMAIL,
    PARENT_EMAIL,
    RESTRICTED_PARENT_EMAIL,
    Loader,
)


@pytest.mark.django_db
def test_demo_news_and_board(settings: Any, tmp_path: Any, committed: Any, client: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    loader = Loader()
    loader.run()
    with committed():
        for _ in range(2):
            board.seed(setting=loader.setting)
            news.seed(setting=loader.setting)
    assert Post.objects.count() == 4 and SettingDocument.objects.count() == 4
    assert Translation.objects.count() == 1

    newsletter = Post.objects.get(title=news.NEWSLETTER)
    rows = {r.user.email: r for r in PostRecipient.objects.filter(post=newsletter).select_related("user")}
    assert OTHER_PARENT_EMAIL in rows and RESTRICTED_PARENT_EMAIL not in rows
    assert rows[OTHER_PARENT_EMAIL].language == "ur" and rows[PARENT_EMAIL].language == "en"
    sent = {m.to[0]: m for m in mail.outbox if m.subject in (news.NEWSLETTER, news.NEWSLETTER_URDU["title"])}
    assert sent[OTHER_PARENT_EMAIL].subject == news.NEWSLETTER_URDU["title"]
    assert sent[PARENT_EMAIL].subject == news.NEWSLETTER

    notice = Post.objects.get(title=news.NOTICE)
    counts = counts_of(notice)
    assert counts["confirmed"] == 2 and counts["in_person"] == 1 and counts["waiting"] >= 2
    how = dict(PostRecipient.objects.filter(post=notice).values_list("user__email", "confirmed_how"))
    assert how[PARENT_EMAIL] == "app" and how[FOSTER_CARER_EMAIL] == "in_person" and how[OTHER_PARENT_EMAIL] == ""

    scheduled = Post.objects.get(title=news.SCHEDULED)
    assert scheduled.publish_at and scheduled.published_at is None

    for document in SettingDocument.objects.all():
        with document.file.open("rb") as handle:
            assert handle.read(5) == b"%PDF-"

    sana = PostRecipient.objects.get(post=newsletter, user__email=OTHER_PARENT_EMAIL).user
    login(client, sana)
    page = client.get(reverse("comms:news_post", args=[newsletter.pk])).content.decode()
    assert news.NEWSLETTER_URDU["title"] in page and 'dir="rtl"' in page
    board_page = client.get(reverse("comms:board", args=[loader.setting.pk])).content.decode()
    assert news.NOTICE in board_page and "Overall effectiveness: Good" in board_page
