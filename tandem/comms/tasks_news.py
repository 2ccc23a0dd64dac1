"""Background work of news and notices: delivery of a post and reminders. Ids only.

``deliver_post`` runs when the post is due (now, or at its set time) and re-checks that it is:
withdrawn, already delivered, returned to draft or moved later, it does nothing. It fixes the
recipients in the database (distinct accounts, in batches), records the language each was sent
in, and tells each language group once, in that language, through ``notify`` (which writes the
in-app notifications in bulk and emails after commit, in batches, as each person chooses).
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from tandem.core import audit

from .hooks.news import IMPORTANT_KIND, NEWS_KIND
from .languages import languages_of_users
from .models.news import Post, PostRecipient
from .selectors.news import audience_user_ids
from .selectors.translations import Localised, localise
from .services.news import markdown_as_text
from .services.notifications import notify

BATCH = 1000  # recipients written, and languages looked up, at a time
NOTIFY_BATCH = 5000  # people told by one call of notify (one language group may need several)
CONFIRM_LINE = "Please open it in Tandem and confirm that you have read and understood it."


def _chunks(ids: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


class _Texts:
    """The post in each language asked for, looked up once a language."""

    def __init__(self, post: Post) -> None:
        self.post = post
        self.found: dict[str, Localised] = {}

    def __call__(self, language: str) -> Localised:
        if language not in self.found:
            self.found[language] = localise(self.post, language)
        return self.found[language]


def _tell(post: Post, groups: dict[str, list[int]], texts: _Texts, *, reminder: bool = False) -> int:
    url = reverse("comms:news_post", args=[post.pk])
    kind = IMPORTANT_KIND if post.important or reminder else NEWS_KIND
    told = 0
    for language in sorted(groups):
        loc = texts(language)
        title = f"Reminder: {loc.title}" if reminder else loc.title
        body = markdown_as_text(loc.body)
        if post.important:
            body = f"{body}\n\n{CONFIRM_LINE}"
        for ids in _chunks(groups[language], NOTIFY_BATCH):
            told += len(notify(kind=kind, user_ids=ids, title=title, body=body, url=url, setting_id=post.setting_id))
    return told


@task()
def deliver_post(post_id: int) -> int:
    """Deliver a post that is due. Returns the number of recipients (0 when there was nothing to do)."""
    now = timezone.now()
    with transaction.atomic():
        post = Post.objects.select_for_update().filter(pk=post_id).first()
        if (
            post is None
            or post.withdrawn_at is not None
            or post.published_at is not None
            or post.publish_at is None
            or post.publish_at > now
        ):
            return 0
        ids = list(audience_user_ids(post))
        texts = _Texts(post)
        groups: dict[str, list[int]] = {}
        for chunk in _chunks(ids, BATCH):
            wanted = languages_of_users(chunk)
            rows = []
            for user_id in chunk:
                sent_in = texts(wanted[user_id]).language
                groups.setdefault(sent_in, []).append(user_id)
                rows.append(PostRecipient(post=post, user_id=user_id, language=sent_in))
            PostRecipient.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)
        post.published_at = now
        post.recipients_count = len(ids)
        post.save(update_fields=["published_at", "recipients_count"])
        if post.send_email:
            _tell(post, groups, texts)
        audit.record("comms.news.delivered", None, obj=post, setting_id=post.setting_id)
    return len(ids)


@task()
def send_reminders(post_id: int) -> int:
    """Tell everyone marked by the latest reminder who has still not confirmed. Returns how many."""
    post = Post.objects.filter(pk=post_id, published_at__isnull=False, withdrawn_at__isnull=True).first()
    if post is None:
        return 0
    latest = (
        PostRecipient.objects.filter(post=post, reminded_at__isnull=False)
        .order_by("-reminded_at")
        .values_list("reminded_at", flat=True)
        .first()
    )
    if latest is None:
        return 0
    ids = list(
        PostRecipient.objects.filter(
            post=post, reminded_at=latest, confirmed_at__isnull=True, user_id__in=audience_user_ids(post)
        )
        .order_by("user_id")
        .values_list("user_id", flat=True)
    )
    texts = _Texts(post)
    groups: dict[str, list[int]] = {}
    for chunk in _chunks(ids, BATCH):
        for user_id, language in languages_of_users(chunk).items():
            groups.setdefault(texts(language).language, []).append(user_id)
    with transaction.atomic():
        return _tell(post, groups, texts, reminder=True)
