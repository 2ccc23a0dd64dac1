"""Every write about news, newsletters and notices (R28) and "read and understood" (R32).

Keyword-only, one transaction, audited. Publishing only sets the moment and enqueues the delivery
task after commit (``tasks_news.deliver_post``): the request does the same work for ten families or
ten thousand. A reminder, likewise, marks who is reminded and leaves the fan-out to a task.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import require
from tandem.core.models import Room, Setting, User
from tandem.core.scheduling import enqueue_at
from tandem.core.text import render_markdown
from tandem.people.models import Adult, Child

from ..actions.news import NEWS_MANAGE, NEWS_READ, NEWS_WRITE
from ..models.news import Post, PostRecipient
from ..selectors.news import audience_user_ids

REMINDER_GAP = dt.timedelta(hours=1)
# A post "being sent" for longer than this is sent again on request (the task does nothing twice).
STUCK = dt.timedelta(minutes=15)
EDITABLE = "This post has been published or withdrawn, so it can no longer be changed."
FIELDS = ("kind", "title", "body", "audience", "important", "pinned", "send_email")


# --- text for email -------------------------------------------------------------------------


def markdown_as_text(text: str) -> str:
    """The plain text of a post's Markdown for an email: the sanitised HTML with links written out
    ("text (address)"), list items as "- ", paragraphs kept apart, no tags."""
    rendered = str(render_markdown(text))
    rendered = re.sub(
        r'<a [^>]*href="([^"]*)"[^>]*>(.*?)</a>',
        lambda m: m[2] if html.unescape(m[1]) in (m[2], "mailto:" + m[2], "tel:" + m[2]) else f"{m[2]} ({m[1]})",
        rendered,
        flags=re.S,
    )
    rendered = re.sub(r">\s*\n\s*<", "><", rendered)
    rendered = re.sub(r"<li>\s*", "- ", rendered)
    rendered = re.sub(r"<br\s*/?>|</li>|</tr>", "\n", rendered)
    rendered = re.sub(r"</t[dh]>", "  ", rendered)
    rendered = re.sub(r"</(p|h[1-6]|blockquote|ul|ol|table)>", "\n\n", rendered)
    rendered = re.sub(r"<hr\s*/?>", "\n----\n\n", rendered)
    rendered = re.sub(r"<[^>]+>", "", rendered)
    lines = [line.strip() for line in html.unescape(rendered).splitlines()]
    text_out = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text_out).strip()


# --- writing ------------------------------------------------------------------------------------


def _check_audience(setting: Setting, audience: str, rooms: list[Room], children: list[Child]) -> None:
    if audience not in Post.Audience.values:
        raise ValidationError({"audience": "Choose who receives it."})
    if audience == Post.Audience.ROOMS and not rooms:
        raise ValidationError({"rooms": "Choose at least one room."})
    if audience == Post.Audience.FAMILIES and not children:
        raise ValidationError({"children": "Choose at least one child: their families receive it."})
    if any(r.setting_id != setting.pk for r in rooms) or any(c.setting_id != setting.pk for c in children):
        raise ValidationError("Choose rooms and children of this setting only.")


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    values = {name: data.get(name) for name in FIELDS}
    values["title"] = (values["title"] or "").strip()
    values["body"] = (values["body"] or "").strip()
    values["kind"] = values["kind"] or Post.Kind.NEWS
    values["audience"] = values["audience"] or Post.Audience.SETTING
    errors = {}
    if values["kind"] not in Post.Kind.values:
        errors["kind"] = "Choose news, newsletter or notice."
    if not values["title"]:
        errors["title"] = "Write a title."
    if not values["body"]:
        errors["body"] = "Write the text of the post."
    if errors:
        raise ValidationError(errors)
    for flag, default in (("important", False), ("pinned", False), ("send_email", True)):
        values[flag] = bool(data.get(flag, default))
    return values


def _audience_lists(data: dict[str, Any]) -> tuple[list[Room], list[Child]]:
    audience = data.get("audience")
    rooms = list(data.get("rooms") or []) if audience == Post.Audience.ROOMS else []
    children = list(data.get("children") or []) if audience == Post.Audience.FAMILIES else []
    return rooms, children


def create_post(*, actor: User, setting: Setting, data: dict[str, Any]) -> Post:
    """A new draft."""
    require(actor, NEWS_WRITE, setting)
    values = _clean(data)
    rooms, children = _audience_lists(data)
    _check_audience(setting, values["audience"], rooms, children)
    with transaction.atomic():
        post = Post.objects.create(setting=setting, created_by=actor, **values)
        post.rooms.set(rooms)
        post.children.set(children)
        audit.record("comms.news.created", actor, child_ids=[c.pk for c in children], obj=post, setting_id=setting.pk)
    return post


def _locked(post: Post) -> Post:
    locked = Post.objects.select_for_update().get(pk=post.pk)
    if locked.published_at or locked.withdrawn_at:
        raise ValidationError(EDITABLE)
    return locked


def update_post(*, actor: User, post: Post, data: dict[str, Any]) -> Post:
    """Change a draft or a scheduled post (its time stays)."""
    require(actor, NEWS_MANAGE, post)
    values = _clean(data)
    rooms, children = _audience_lists(data)
    _check_audience(post.setting, values["audience"], rooms, children)
    with transaction.atomic():
        locked = _locked(post)
        for name, value in values.items():
            setattr(locked, name, value)
        locked.updated_at = timezone.now()
        locked.save(update_fields=[*FIELDS, "updated_at"])
        locked.rooms.set(rooms)
        locked.children.set(children)
        audit.record(
            "comms.news.changed", actor, child_ids=[c.pk for c in children], obj=locked, setting_id=locked.setting_id
        )
    return locked


def publish(*, actor: User, post: Post, at: dt.datetime | None = None) -> Post:
    """Publish now (``at`` empty or past) or at a set time. Only enqueues the delivery task: the
    task fixes the recipients and tells them, and re-checks the time when it runs. A post whose
    delivery has not started long after its time (the worker was down) may be published again."""
    from ..tasks_news import deliver_post

    require(actor, NEWS_MANAGE, post)
    now = timezone.now()
    if at is not None and at > now + dt.timedelta(days=366):
        raise ValidationError({"publish_at": "Choose a time within the next year."})
    with transaction.atomic():
        locked = _locked(post)
        if locked.publish_at and now - STUCK < locked.publish_at <= now:
            raise ValidationError("This post is already being sent.")
        when = at if at is not None and at > now else now
        locked.publish_at = when
        locked.updated_at = now
        locked.save(update_fields=["publish_at", "updated_at"])
        event = "comms.news.scheduled" if when > now else "comms.news.published"
        audit.record(event, actor, obj=locked, setting_id=locked.setting_id)
        transaction.on_commit(lambda: enqueue_at(deliver_post, when, locked.pk))
    return locked


def unschedule(*, actor: User, post: Post) -> Post:
    """Back to a draft: a scheduled post is not sent (the queued delivery finds nothing to do)."""
    require(actor, NEWS_MANAGE, post)
    with transaction.atomic():
        locked = _locked(post)
        if locked.publish_at is None:
            return locked
        if locked.publish_at <= timezone.now():
            raise ValidationError("This post is already being sent.")
        locked.publish_at = None
        locked.save(update_fields=["publish_at"])
        audit.record("comms.news.unscheduled", actor, obj=locked, setting_id=locked.setting_id)
    return locked


def withdraw(*, actor: User, post: Post) -> Post:
    """Withdraw a post: families no longer see it; a scheduled one is never sent."""
    require(actor, NEWS_MANAGE, post)
    with transaction.atomic():
        locked = Post.objects.select_for_update().get(pk=post.pk)
        if locked.withdrawn_at:
            return locked
        locked.withdrawn_at = timezone.now()
        locked.save(update_fields=["withdrawn_at"])
        audit.record("comms.news.withdrawn", actor, obj=locked, setting_id=locked.setting_id)
    return locked


# --- reading and confirming -----------------------------------------------------------------------


def mark_read(*, actor: User, post: Post) -> bool:
    """Record the first time a recipient opened the post. Returns whether this was the first."""
    require(actor, NEWS_READ, post)
    return bool(
        PostRecipient.objects.filter(post=post, user=actor, read_at__isnull=True).update(read_at=timezone.now())
    )


def confirm(*, actor: User, post: Post) -> PostRecipient:
    """A parent confirms they have read and understood an important post."""
    require(actor, NEWS_READ, post)
    if not post.important:
        raise ValidationError("This post does not ask for a confirmation.")
    with transaction.atomic():
        row = PostRecipient.objects.select_for_update().filter(post=post, user=actor).first()
        if row is None:
            raise ValidationError("This notice was not sent to you, so there is nothing to confirm.")
        if row.confirmed_at:
            return row
        now = timezone.now()
        row.confirmed_at, row.confirmed_how = now, PostRecipient.How.APP
        row.read_at = row.read_at or now
        row.save(update_fields=["confirmed_at", "confirmed_how", "read_at"])
        audit.record("comms.news.confirmed", actor, obj=post, setting_id=post.setting_id)
    return row


def record_in_person(*, actor: User, recipient: PostRecipient, note: str) -> PostRecipient:
    """Staff record that an important post was explained to this parent in person."""
    post = recipient.post
    require(actor, NEWS_MANAGE, post)
    note = (note or "").strip()
    if not post.important:
        raise ValidationError("This post does not ask for a confirmation.")
    if not note:
        raise ValidationError({"note": "Write a short note: who explained it, and how."})
    if len(note) > 300:
        raise ValidationError({"note": "Keep the note to 300 characters."})
    with transaction.atomic():
        row = PostRecipient.objects.select_for_update().get(pk=recipient.pk)
        if row.confirmed_at:
            raise ValidationError("This parent has already confirmed it.")
        now = timezone.now()
        row.confirmed_at, row.confirmed_how = now, PostRecipient.How.IN_PERSON
        row.confirmed_recorded_by, row.confirmation_note = actor, note
        row.save(update_fields=["confirmed_at", "confirmed_how", "confirmed_recorded_by", "confirmation_note"])
        adult_ids = list(Adult.objects.filter(user_id=row.user_id).values_list("pk", flat=True))
        audit.record(
            "comms.news.explained_in_person", actor, person_ids=adult_ids, obj=post, setting_id=post.setting_id
        )
    return row


def remind(*, actor: User, post: Post) -> int:
    """Remind everyone who has not confirmed an important post (at most once an hour). Marks them
    now; the delivery task tells them. Returns how many are reminded."""
    from ..tasks_news import send_reminders

    require(actor, NEWS_MANAGE, post)
    if not post.important:
        raise ValidationError("Only important posts ask for a confirmation.")
    if not post.published_at or post.withdrawn_at:
        raise ValidationError("Only a published post can be reminded about.")
    with transaction.atomic():
        Post.objects.select_for_update().filter(pk=post.pk).first()  # one reminder at a time
        now = timezone.now()
        last = (
            PostRecipient.objects.filter(post=post, reminded_at__isnull=False)
            .order_by("-reminded_at")
            .values_list("reminded_at", flat=True)
            .first()
        )
        if last and now - last < REMINDER_GAP:
            again = timezone.localtime(last + REMINDER_GAP)
            raise ValidationError(
                f"A reminder went out at {timezone.localtime(last):%H:%M}. You can send another from {again:%H:%M}."
            )
        # Only those it is still for: not a parent restricted (or whose child left) since delivery.
        count = PostRecipient.objects.filter(
            post=post, confirmed_at__isnull=True, user_id__in=audience_user_ids(post)
        ).update(reminded_at=now)
        if not count:
            raise ValidationError("Everyone has confirmed: there is no one to remind.")
        audit.record("comms.news.reminded", actor, obj=post, setting_id=post.setting_id)
        transaction.on_commit(lambda: send_reminders.enqueue(post.pk))
    return count
