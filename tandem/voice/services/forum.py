"""Every write of the parent forum (R38): keyword-only, one transaction, audited.

**Discussions.** A parent, the manager or the deputy starts a topic (its title and first post) and
replies while it is neither locked nor removed. Each post keeps its author's role as it was then
("Parent", "Parent representative", "Setting manager", "Deputy manager").

**Moderation.** The manager, the deputy and the active parent representatives remove a post or a
topic with a reason (everyone else then sees only "Removed by a moderator: <reason>"; the author is
told), restore it, lock or unlock a topic and pin or unpin it. Every moderation is audited.

**One vote per family, secret.** A family is the set of children a parent is linked to in the
setting (:func:`tandem.voice.rules.family_children`). A vote is one transaction: first a
``VoteFamily`` for each of the family's children (unique per proposal and child, so a second parent
of the same child, a second submit or two submits at once are refused by the database: the
``IntegrityError`` becomes "Your family has already voted"), then one ``Vote`` holding the option
only. Nothing links the two: random ids, no time on the vote, the audit event
``voice.forum.voted`` names the proposal and the children and never the vote, no notification or
message mentions it, and the proposal's votes are written again in a random order after each vote
(:func:`scatter_votes`), so even the order the database keeps its rows in (SQLite's hidden rowid, a
PostgreSQL table's physical order) does not follow the order in which families voted.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tandem.comms.services.notifications import notify
from tandem.core import audit
from tandem.core.access import require, setting_roles
from tandem.core.models import Setting, User
from tandem.core.roles import SettingRole
from tandem.people.models import Adult
from tandem.people.selectors import family_user_ids

from ..actions.forum import (
    FORUM_MANAGE,
    FORUM_MODERATE,
    FORUM_MODERATE_POST,
    FORUM_PROPOSAL,
    FORUM_PROPOSAL_MANAGE,
    FORUM_REPLY,
    FORUM_REPRESENTATIVE_END,
    FORUM_TAKE_PART,
    FORUM_TOPIC,
    FORUM_VOTE,
    IsActiveRepresentative,
)
from ..models import ForumMinutes, ForumPost, ForumTopic, ParentRepresentative, Proposal, Vote, VoteFamily
from ..rules import family_children

HIDDEN_KIND = "voice.forum.hidden"
MINUTES_KIND = "voice.forum.minutes"
VOTE_KIND = "voice.forum.vote"
OUTCOME_KIND = "voice.forum.outcome"
APPOINTED_KIND = "voice.forum.appointed"

MAX_POST = 5000
MIN_OPTIONS, MAX_OPTIONS = 2, 6
MAX_OPTION = 100
VOTING_HOURS = 24  # the least time families get to vote
ALREADY_VOTED = "Your family has already voted on this proposal. A vote cannot be changed."
LOCKED = "This topic is locked: no new replies can be added."
CLOSED = "Voting on this proposal has closed."
REMOVED = "This topic was removed by a moderator: no new replies can be added."


def _text(value: str | None) -> str:
    return (value or "").strip()


def author_role(user: User, setting_id: int) -> str:
    """How a post presents its author, as they are now (kept on the post as written)."""
    roles = {role for s, role, _ in setting_roles(user) if s == setting_id}
    if SettingRole.MANAGER in roles:
        return "Setting manager"
    if SettingRole.DEPUTY in roles:
        return "Deputy manager"
    if setting_id in IsActiveRepresentative().setting_ids(user):
        return "Parent representative"
    return "Parent"


def _check_post(body: str, field: str = "body") -> None:
    if not body:
        raise ValidationError({field: "Write your message."})
    if len(body) > MAX_POST:
        raise ValidationError({field: f"Keep your message under {MAX_POST} characters."})


# --- discussions --------------------------------------------------------------------------------


def start_topic(*, actor: User, setting: Setting, title: str, body: str) -> ForumTopic:
    require(actor, FORUM_TAKE_PART, setting)
    title, body = _text(title), _text(body)
    errors = {}
    if not title:
        errors["title"] = "Give your topic a title."
    elif len(title) > 200:
        errors["title"] = "Keep the title under 200 characters."
    try:
        _check_post(body)
    except ValidationError as error:
        errors.update({k: v[0] for k, v in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    with transaction.atomic():
        topic = ForumTopic.objects.create(setting=setting, title=title, author=actor, created_at=now, last_post_at=now)
        ForumPost.objects.create(
            topic=topic, author=actor, author_role=author_role(actor, setting.pk), body=body, created_at=now
        )
        audit.record("voice.forum.topic_started", actor, obj=topic, setting_id=setting.pk)
    return topic


def reply(*, actor: User, topic: ForumTopic, body: str) -> ForumPost:
    require(actor, FORUM_TOPIC, topic)
    body = _text(body)
    _check_post(body)
    with transaction.atomic():
        locked = ForumTopic.objects.select_for_update().get(pk=topic.pk)
        if locked.hidden_at is not None:
            raise ValidationError(REMOVED)
        if locked.locked:
            raise ValidationError(LOCKED)
        require(actor, FORUM_REPLY, locked)
        now = timezone.now()
        post = ForumPost.objects.create(
            topic=locked, author=actor, author_role=author_role(actor, locked.setting_id), body=body, created_at=now
        )
        locked.last_post_at = now
        locked.save(update_fields=["last_post_at"])
        audit.record("voice.forum.replied", actor, obj=post, setting_id=locked.setting_id)
    return post


# --- moderation ---------------------------------------------------------------------------------


def _reason(reason: str | None) -> str:
    reason = _text(reason)
    if not reason:
        raise ValidationError({"reason": "Say why you are removing it: everyone will see the reason."})
    if len(reason) > 300:
        raise ValidationError({"reason": "Keep the reason under 300 characters."})
    return " ".join(reason.split())


def _tell_author(author_id: int | None, actor: User, *, what: str, reason: str, topic: ForumTopic) -> None:
    if author_id is None or author_id == actor.pk:
        return
    notify(
        kind=HIDDEN_KIND,
        user_ids=[author_id],
        title=f"A moderator removed your {what} in the parent forum",
        body=f"Your {what} in “{topic.title}” was removed by a moderator. The reason given: {reason}",
        url=reverse("voice:forum_topic", args=[topic.pk]),
        setting_id=topic.setting_id,
    )


def hide_post(*, actor: User, post: ForumPost, reason: str) -> ForumPost:
    require(actor, FORUM_MODERATE_POST, post)
    reason = _reason(reason)
    with transaction.atomic():
        locked = ForumPost.objects.select_for_update().select_related("topic").get(pk=post.pk)
        if locked.hidden_at is not None:
            raise ValidationError("This post has already been removed.")
        locked.hidden_at, locked.hidden_by, locked.hidden_reason = timezone.now(), actor, reason
        locked.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
        audit.record("voice.forum.post_hidden", actor, obj=locked, setting_id=locked.topic.setting_id)
        _tell_author(locked.author_id, actor, what="post", reason=reason, topic=locked.topic)
    return locked


def restore_post(*, actor: User, post: ForumPost) -> ForumPost:
    require(actor, FORUM_MODERATE_POST, post)
    with transaction.atomic():
        locked = ForumPost.objects.select_for_update().select_related("topic").get(pk=post.pk)
        if locked.hidden_at is None:
            raise ValidationError("This post is not removed.")
        locked.hidden_at, locked.hidden_by, locked.hidden_reason = None, None, ""
        locked.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
        audit.record("voice.forum.post_restored", actor, obj=locked, setting_id=locked.topic.setting_id)
    return locked


def hide_topic(*, actor: User, topic: ForumTopic, reason: str) -> ForumTopic:
    require(actor, FORUM_MODERATE, topic)
    reason = _reason(reason)
    with transaction.atomic():
        locked = ForumTopic.objects.select_for_update().get(pk=topic.pk)
        if locked.hidden_at is not None:
            raise ValidationError("This topic has already been removed.")
        locked.hidden_at, locked.hidden_by, locked.hidden_reason = timezone.now(), actor, reason
        locked.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
        audit.record("voice.forum.topic_hidden", actor, obj=locked, setting_id=locked.setting_id)
        _tell_author(locked.author_id, actor, what="topic", reason=reason, topic=locked)
    return locked


def restore_topic(*, actor: User, topic: ForumTopic) -> ForumTopic:
    require(actor, FORUM_MODERATE, topic)
    with transaction.atomic():
        locked = ForumTopic.objects.select_for_update().get(pk=topic.pk)
        if locked.hidden_at is None:
            raise ValidationError("This topic is not removed.")
        locked.hidden_at, locked.hidden_by, locked.hidden_reason = None, None, ""
        locked.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
        audit.record("voice.forum.topic_restored", actor, obj=locked, setting_id=locked.setting_id)
    return locked


# (field, value) → (event, message when it is already so)
_FLAGS = {
    ("locked", True): ("voice.forum.topic_locked", "This topic is already locked."),
    ("locked", False): ("voice.forum.topic_unlocked", "This topic is not locked."),
    ("pinned", True): ("voice.forum.topic_pinned", "This topic is already pinned."),
    ("pinned", False): ("voice.forum.topic_unpinned", "This topic is not pinned."),
}


def set_flag(*, actor: User, topic: ForumTopic, flag: str, value: bool) -> ForumTopic:
    """Lock or unlock (``flag="locked"``), pin or unpin (``flag="pinned"``) a topic."""
    require(actor, FORUM_MODERATE, topic)
    event, already = _FLAGS[(flag, value)]
    with transaction.atomic():
        locked = ForumTopic.objects.select_for_update().get(pk=topic.pk)
        if getattr(locked, flag) == value:
            raise ValidationError(already)
        setattr(locked, flag, value)
        locked.save(update_fields=[flag])
        audit.record(event, actor, obj=locked, setting_id=locked.setting_id)
    return locked


# --- parent representatives ---------------------------------------------------------------------


def appoint(*, actor: User, setting: Setting, user_id: int | None) -> ParentRepresentative:
    """Appoint a parent of the setting (with an account) as a parent representative; they are told."""
    require(actor, FORUM_MANAGE, setting)
    if not user_id or user_id not in family_user_ids(setting_id=setting.pk):
        raise ValidationError({"user": "Choose a parent or carer of a child in the setting."})
    with transaction.atomic():
        if ParentRepresentative.objects.filter(setting=setting, user_id=user_id, ended_at__isnull=True).exists():
            raise ValidationError({"user": "They are already a parent representative."})
        made = ParentRepresentative.objects.create(setting=setting, user_id=user_id, appointed_by=actor)
        adults = Adult.objects.filter(user_id=user_id, setting=setting).values_list("pk", flat=True)
        audit.record(
            "voice.forum.representative_appointed",
            actor,
            person_ids=list(adults),
            obj=made,
            setting_id=setting.pk,
        )
        notify(
            kind=APPOINTED_KIND,
            user_ids=[user_id],
            title="You are now a parent representative",
            body=(
                f"Thank you for representing families at {setting.name}. You can now help moderate the parent "
                "forum: remove a post or a topic that breaks the forum's rules (with a reason everyone sees), "
                "lock and pin topics."
            ),
            url=reverse("voice:forum", args=[setting.pk]),
            setting_id=setting.pk,
        )
    return made


def end_appointment(*, actor: User, representative: ParentRepresentative) -> ParentRepresentative:
    require(actor, FORUM_REPRESENTATIVE_END, representative)
    with transaction.atomic():
        locked = ParentRepresentative.objects.select_for_update().get(pk=representative.pk)
        if locked.ended_at is not None:
            raise ValidationError("This appointment has already ended.")
        locked.ended_at = timezone.now()
        locked.save(update_fields=["ended_at"])
        adults = Adult.objects.filter(user_id=locked.user_id, setting_id=locked.setting_id).values_list("pk", flat=True)
        audit.record(
            "voice.forum.representative_ended",
            actor,
            person_ids=list(adults),
            obj=locked,
            setting_id=locked.setting_id,
        )
    return locked


# --- minutes ------------------------------------------------------------------------------------


def publish_minutes(*, actor: User, setting: Setting, met_on: dt.date | None, title: str, body: str) -> ForumMinutes:
    """Publish the minutes of a forum meeting; every family of the setting is told."""
    require(actor, FORUM_MANAGE, setting)
    title, body = _text(title), _text(body)
    errors = {}
    if met_on is None:
        errors["met_on"] = "Enter the date of the meeting."
    elif met_on > timezone.localdate():
        errors["met_on"] = "The meeting must have taken place: the date cannot be in the future."
    if not title:
        errors["title"] = "Give the minutes a title."
    if not body:
        errors["body"] = "Write the minutes."
    if errors:
        raise ValidationError(errors)
    assert met_on is not None
    with transaction.atomic():
        minutes = ForumMinutes.objects.create(
            setting=setting, met_on=met_on, title=title, body=body, published_by=actor
        )
        audit.record("voice.forum.minutes_published", actor, obj=minutes, setting_id=setting.pk)
        notify(
            kind=MINUTES_KIND,
            user_ids=family_user_ids(setting_id=setting.pk),
            title=f"Parent forum: minutes of the meeting of {met_on.day} {met_on:%B %Y}",
            body=f"The minutes of the parent forum meeting ({title}) are published. Open Tandem to read them.",
            url=reverse("voice:forum_minutes", args=[minutes.pk]),
            setting_id=setting.pk,
        )
    return minutes


# --- proposals and votes ------------------------------------------------------------------------


def clean_options(options: Sequence[str | None]) -> list[str]:
    """The non-empty options, in order: between 2 and 6, each different."""
    found = [" ".join(_text(o).split()) for o in options]
    found = [o for o in found if o]
    if len(found) < MIN_OPTIONS:
        raise ValidationError({"options": f"Give at least {MIN_OPTIONS} options to choose from."})
    if len(found) > MAX_OPTIONS:
        raise ValidationError({"options": f"Give at most {MAX_OPTIONS} options."})
    if any(len(o) > MAX_OPTION for o in found):
        raise ValidationError({"options": f"Keep each option under {MAX_OPTION} characters."})
    if len({o.casefold() for o in found}) != len(found):
        raise ValidationError({"options": "Each option must be different."})
    return found


def propose(
    *,
    actor: User,
    setting: Setting,
    title: str,
    description: str,
    options: Sequence[str | None],
    closes_at: dt.datetime | None,
) -> Proposal:
    """Put a proposal to the families' vote, open at once until ``closes_at`` (at least 24 hours
    away); every family of the setting is told."""
    require(actor, FORUM_MANAGE, setting)
    title, description = _text(title), _text(description)
    errors: dict[str, str] = {}
    if not title:
        errors["title"] = "Give the proposal a title."
    if not description:
        errors["description"] = "Describe what families are voting on."
    try:
        cleaned = clean_options(options)
    except ValidationError as error:
        errors.update({k: v[0] for k, v in error.message_dict.items()})
    now = timezone.now()
    if closes_at is None:
        errors["closes_at"] = "Enter when voting closes."
    elif closes_at < now + dt.timedelta(hours=VOTING_HOURS):
        errors["closes_at"] = f"Give families at least {VOTING_HOURS} hours to vote: choose a later closing time."
    if errors:
        raise ValidationError(errors)
    assert closes_at is not None
    with transaction.atomic():
        proposal = Proposal.objects.create(
            setting=setting,
            title=title,
            description=description,
            options=cleaned,
            opens_at=now,
            closes_at=closes_at,
            created_by=actor,
            created_at=now,
        )
        audit.record("voice.forum.proposal_opened", actor, obj=proposal, setting_id=setting.pk)
        local = timezone.localtime(closes_at)
        notify(
            kind=VOTE_KIND,
            user_ids=family_user_ids(setting_id=setting.pk),
            title=f"Vote now: {title}",
            body=(
                f"The setting asks families to vote: one vote per family, by {local:%H:%M} on "
                f"{local.day} {local:%B %Y}. Results are shown when voting closes."
            ),
            url=reverse("voice:forum_proposal", args=[proposal.pk]),
            setting_id=setting.pk,
        )
    return proposal


def is_open(proposal: Proposal) -> bool:
    now = timezone.now()
    return proposal.cancelled_at is None and proposal.opens_at <= now < proposal.closes_at


def is_closed(proposal: Proposal) -> bool:
    """Voting has ended (not cancelled): the results may be shown."""
    return proposal.cancelled_at is None and proposal.closes_at <= timezone.now()


def has_voted(user: User, proposal: Proposal) -> bool:
    """Whether the user's family has voted (never how)."""
    children = family_children(user, proposal.setting_id)
    return bool(children) and VoteFamily.objects.filter(proposal=proposal, child_id__in=children).exists()


def vote(*, actor: User, proposal: Proposal, option: int | str | None) -> bool:
    """Record the family's vote. Returns True, never the vote: no caller needs, or may keep, it."""
    proposal = Proposal.objects.get(pk=proposal.pk)  # its state now, not as the caller read it
    require(actor, FORUM_PROPOSAL, proposal)
    if not is_open(proposal):
        raise ValidationError(CLOSED if is_closed(proposal) else "This vote is not open.")
    require(actor, FORUM_VOTE, proposal)
    try:
        index = int(option)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        index = -1
    if not 0 <= index < len(proposal.options):
        raise ValidationError({"option": "Choose one of the options."})
    children = family_children(actor, proposal.setting_id)
    if not children:  # the access rule already asks for a child here: a change in between
        raise ValidationError("Only the families of the setting vote.")
    if VoteFamily.objects.filter(proposal=proposal, child_id__in=children).exists():
        raise ValidationError(ALREADY_VOTED)
    try:
        with transaction.atomic():
            locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
            if not is_open(locked):
                raise ValidationError(CLOSED)
            # First the lock against a second vote from the family: the database refuses it.
            VoteFamily.objects.bulk_create([VoteFamily(proposal=locked, child_id=c) for c in children])
            Vote.objects.create(proposal=locked, option=index)
            scatter_votes(locked)
            # No audit row: one naming the family and the time, read beside the results, would break the
            # secret ballot (VoteFamily, a day and no time, is the only record that the family voted).
    except IntegrityError:
        raise ValidationError(ALREADY_VOTED) from None
    return True


def scatter_votes(proposal: Proposal) -> None:
    """Write the proposal's votes again in a random order (their random ids and options unchanged),
    so the order the database keeps them in says nothing about the order of voting. Three queries."""
    rows = list(Vote.objects.filter(proposal=proposal).values_list("id", "option"))
    secrets.SystemRandom().shuffle(rows)
    Vote.objects.filter(proposal=proposal).delete()
    Vote.objects.bulk_create([Vote(id=vote_id, proposal=proposal, option=option) for vote_id, option in rows])


def cancel(*, actor: User, proposal: Proposal) -> Proposal:
    """Cancel a proposal before voting closes: its results are never shown."""
    require(actor, FORUM_PROPOSAL_MANAGE, proposal)
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.cancelled_at is not None:
            raise ValidationError("This proposal has already been cancelled.")
        if locked.closes_at <= timezone.now():
            raise ValidationError("Voting has closed: a proposal can only be cancelled before it closes.")
        locked.cancelled_at = timezone.now()
        locked.save(update_fields=["cancelled_at"])
        audit.record("voice.forum.proposal_cancelled", actor, obj=locked, setting_id=locked.setting_id)
    return locked


def publish_outcome(*, actor: User, proposal: Proposal, outcome: str) -> Proposal:
    """Say what the setting will do once voting has closed; every family of the setting is told."""
    require(actor, FORUM_PROPOSAL_MANAGE, proposal)
    outcome = _text(outcome)
    if not outcome:
        raise ValidationError({"outcome": "Say what the setting will do."})
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if not is_closed(locked):
            raise ValidationError("Wait until voting has closed before you say what you will do.")
        if locked.outcome:
            raise ValidationError("What the setting will do has already been published.")
        locked.outcome = outcome
        locked.save(update_fields=["outcome"])
        audit.record("voice.forum.outcome_published", actor, obj=locked, setting_id=locked.setting_id)
        notify(
            kind=OUTCOME_KIND,
            user_ids=family_user_ids(setting_id=locked.setting_id),
            title=f"Results of the vote: {locked.title}",
            body="Voting has closed. Open Tandem to see the results and what the setting will do.",
            url=reverse("voice:forum_proposal", args=[locked.pk]),
            setting_id=locked.setting_id,
        )
    return locked
