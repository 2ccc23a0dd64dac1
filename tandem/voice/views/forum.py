"""Views of the parent forum (R38): thin — parse, call a service or selector, render."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tandem.core.access import can
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest, form_status
from tandem.core.models import Setting, User
from tandem.core.pagination import paginate
from tandem.people.models import ChildAdult
from tandem.people.selectors import family_user_ids

from ..actions.forum import (
    FORUM_MANAGE,
    FORUM_MINUTES,
    FORUM_MODERATE,
    FORUM_MODERATE_POST,
    FORUM_PROPOSAL,
    FORUM_PROPOSAL_MANAGE,
    FORUM_REPLY,
    FORUM_REPRESENTATIVE_END,
    FORUM_TAKE_PART,
    FORUM_TOPIC,
    FORUM_VOTE,
)
from ..forms.forum import (
    AppointForm,
    MinutesForm,
    OutcomeForm,
    ProposalForm,
    ReasonForm,
    ReplyForm,
    TopicForm,
    VoteForm,
)
from ..models import ForumMinutes, ForumPost, ForumTopic, ParentRepresentative, Proposal
from ..selectors import forum as selectors
from ..services import forum as services

# --- the forum's page and its discussions -------------------------------------------------------


@action_required(FORUM_TAKE_PART, Setting)
def forum(request: AuthedRequest, setting: Setting) -> HttpResponse:
    user = request.user
    context = {
        "setting": setting,
        "page": paginate(request, selectors.topics(user, setting)),
        "moderates": selectors.moderates(user, setting.pk),
        "representatives": selectors.representatives(setting),
        "open_proposals": selectors.open_proposals(user, setting),
        "latest_minutes": list(selectors.minutes(user, setting)[:3]),
        "may_manage": can(user, FORUM_MANAGE, setting),
    }
    return render(request, "voice/forum/forum.html", context)


@action_required(FORUM_TAKE_PART, Setting)
def topic_new(request: AuthedRequest, setting: Setting) -> HttpResponse:
    form = TopicForm(request.POST or None)
    made = submit(
        request,
        form,
        lambda data: services.start_topic(actor=request.user, setting=setting, **data),
        "Your topic is started. Other families can now reply.",
    )
    if made is not None:
        return redirect("voice:forum_topic", made.pk)
    return render(request, "voice/forum/topic_new.html", {"setting": setting, "form": form}, status=form_status(form))


def _topics() -> QuerySet[ForumTopic]:
    return ForumTopic.objects.select_related("setting", "hidden_by")


def _last_page_url(topic: ForumTopic, post: ForumPost) -> str:
    count = ForumPost.objects.filter(topic=topic).count()
    page = max(1, math.ceil(count / settings.TANDEM_PAGE_SIZE))
    return f"{reverse('voice:forum_topic', args=[topic.pk])}?page={page}#post-{post.pk}"


def _errors(form: Any) -> list[str]:
    """Every message of a refused form, to show without the form."""
    return [str(e) for errors in form.errors.values() for e in errors]


@action_required(FORUM_TOPIC, ForumTopic, queryset=_topics)
def topic(request: AuthedRequest, topic: ForumTopic) -> HttpResponse:
    user = request.user
    moderates = selectors.moderates(user, topic.setting_id)
    may_reply = can(user, FORUM_REPLY, topic)
    form, refusal = None, []
    if may_reply or request.method == "POST":
        form = ReplyForm(request.POST or None)
        made = submit(
            request,
            form,
            lambda data: services.reply(actor=user, topic=topic, body=data["body"]),
            "Your reply is posted.",
        )
        if made is not None:
            return redirect(_last_page_url(topic, made))
        if not may_reply:  # locked or removed since the page was shown
            form, refusal = None, _errors(form)
    context = {
        "topic": topic,
        "setting": topic.setting,
        "moderates": moderates,
        "page": paginate(request, selectors.posts(topic)) if topic.hidden_at is None or moderates else None,
        "form": form,
        "refusal": refusal,
    }
    return render(request, "voice/forum/topic.html", context, status=400 if request.method == "POST" else 200)


@action_required(FORUM_MODERATE, ForumTopic, queryset=_topics)
def topic_hide(request: AuthedRequest, topic: ForumTopic) -> HttpResponse:
    form = ReasonForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.hide_topic(actor=request.user, topic=topic, reason=data["reason"]),
        "The topic is removed. Families see only your reason; its author has been told.",
    )
    if done is not None:
        return redirect("voice:forum_topic", topic.pk)
    context = {"setting": topic.setting, "topic": topic, "form": form}
    return render(request, "voice/forum/hide.html", context, status=form_status(form))


def _act(request: AuthedRequest, run: Callable[[], Any], success: str, to: str) -> HttpResponse:
    try:
        run()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect(to)


def _topic_url(topic: ForumTopic) -> str:
    return reverse("voice:forum_topic", args=[topic.pk])


@require_POST
@action_required(FORUM_MODERATE, ForumTopic)
def topic_restore(request: AuthedRequest, topic: ForumTopic) -> HttpResponse:
    run = lambda: services.restore_topic(actor=request.user, topic=topic)  # noqa: E731
    return _act(request, run, "The topic is back for everyone to read.", _topic_url(topic))


FLAG_MESSAGES = {
    ("locked", True): "The topic is locked: no one can reply to it now.",
    ("locked", False): "The topic is unlocked: families can reply again.",
    ("pinned", True): "The topic is pinned to the top of the forum.",
    ("pinned", False): "The topic is no longer pinned.",
}


def _flag(request: AuthedRequest, topic: ForumTopic, flag: str, value: bool) -> HttpResponse:
    run = lambda: services.set_flag(actor=request.user, topic=topic, flag=flag, value=value)  # noqa: E731
    return _act(request, run, FLAG_MESSAGES[(flag, value)], _topic_url(topic))


@require_POST
@action_required(FORUM_MODERATE, ForumTopic)
def topic_lock(request: AuthedRequest, topic: ForumTopic) -> HttpResponse:
    return _flag(request, topic, "locked", True)


@require_POST
@action_required(FORUM_MODERATE, ForumTopic)
def topic_unlock(request: AuthedRequest, topic: ForumTopic) -> HttpResponse:
    return _flag(request, topic, "locked", False)


@require_POST
@action_required(FORUM_MODERATE, ForumTopic)
def topic_pin(request: AuthedRequest, topic: ForumTopic) -> HttpResponse:
    return _flag(request, topic, "pinned", True)


@require_POST
@action_required(FORUM_MODERATE, ForumTopic)
def topic_unpin(request: AuthedRequest, topic: ForumTopic) -> HttpResponse:
    return _flag(request, topic, "pinned", False)


def _posts() -> QuerySet[ForumPost]:
    return ForumPost.objects.select_related("topic__setting", "author")


@action_required(FORUM_MODERATE_POST, ForumPost, queryset=_posts)
def post_hide(request: AuthedRequest, post: ForumPost) -> HttpResponse:
    form = ReasonForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.hide_post(actor=request.user, post=post, reason=data["reason"]),
        "The post is removed. Families see only your reason; its author has been told.",
    )
    if done is not None:
        return redirect(_topic_url(post.topic))
    context = {"setting": post.topic.setting, "topic": post.topic, "post": post, "form": form}
    return render(request, "voice/forum/hide.html", context, status=form_status(form))


@require_POST
@action_required(FORUM_MODERATE_POST, ForumPost, queryset=_posts)
def post_restore(request: AuthedRequest, post: ForumPost) -> HttpResponse:
    run = lambda: services.restore_post(actor=request.user, post=post)  # noqa: E731
    return _act(request, run, "The post is back for everyone to read.", _topic_url(post.topic))


# --- parent representatives ---------------------------------------------------------------------


def _parents_to_appoint(setting: Setting, exclude: set[int]) -> list[tuple[int, str]]:
    """The parents and carers of the setting with an account, not representatives now, each with
    their children's names so the manager can tell them apart. Two queries."""
    ids = [uid for uid in family_user_ids(setting_id=setting.pk) if uid not in exclude]
    children: dict[int, list[str]] = {}
    links = ChildAdult.objects.filter(adult__user_id__in=ids, child__setting=setting, no_information=False)
    for user_id, first, preferred in links.order_by("child__first_name").values_list(
        "adult__user_id", "child__first_name", "child__preferred_name"
    ):
        children.setdefault(user_id, []).append(preferred or first)
    users = User.objects.filter(pk__in=ids).order_by("last_name", "first_name", "pk")
    return [(u.pk, f"{u.get_full_name() or u.email} ({', '.join(children.get(u.pk, []))})") for u in users]


@action_required(FORUM_MANAGE, Setting)
def representatives(request: AuthedRequest, setting: Setting) -> HttpResponse:
    current = selectors.representatives(setting)
    form = AppointForm(request.POST or None, choices=_parents_to_appoint(setting, {r.user_id for r in current}))
    done = submit(
        request,
        form,
        lambda data: services.appoint(actor=request.user, setting=setting, user_id=data["user"]),
        "Appointed: they can now help moderate the forum, and have been told.",
    )
    if done is not None:
        return redirect("voice:forum_representatives", setting.pk)
    context = {"setting": setting, "representatives": current, "form": form}
    return render(request, "voice/forum/representatives.html", context, status=form_status(form))


@require_POST
@action_required(FORUM_REPRESENTATIVE_END, ParentRepresentative)
def representative_end(request: AuthedRequest, representative: ParentRepresentative) -> HttpResponse:
    run = lambda: services.end_appointment(actor=request.user, representative=representative)  # noqa: E731
    to = reverse("voice:forum_representatives", args=[representative.setting_id])
    return _act(request, run, "The appointment has ended: they no longer moderate the forum.", to)


# --- minutes ------------------------------------------------------------------------------------


@action_required(FORUM_TAKE_PART, Setting)
def minutes_list(request: AuthedRequest, setting: Setting) -> HttpResponse:
    context = {
        "setting": setting,
        "page": paginate(request, selectors.minutes(request.user, setting)),
        "may_manage": can(request.user, FORUM_MANAGE, setting),
    }
    return render(request, "voice/forum/minutes_list.html", context)


@action_required(FORUM_MANAGE, Setting)
def minutes_new(request: AuthedRequest, setting: Setting) -> HttpResponse:
    form = MinutesForm(request.POST or None)
    made = submit(
        request,
        form,
        lambda data: services.publish_minutes(actor=request.user, setting=setting, **data),
        "The minutes are published and every family has been told.",
    )
    if made is not None:
        return redirect("voice:forum_minutes", made.pk)
    return render(request, "voice/forum/minutes_new.html", {"setting": setting, "form": form}, status=form_status(form))


@action_required(FORUM_MINUTES, ForumMinutes, queryset=lambda: ForumMinutes.objects.select_related("setting"))
def minutes(request: AuthedRequest, minutes: ForumMinutes) -> HttpResponse:
    return render(request, "voice/forum/minutes.html", {"minutes": minutes, "setting": minutes.setting})


# --- proposals and votes ------------------------------------------------------------------------


@action_required(FORUM_TAKE_PART, Setting)
def proposals(request: AuthedRequest, setting: Setting) -> HttpResponse:
    page = paginate(request, selectors.proposals(request.user, setting))
    selectors.with_state(page.object_list)
    context = {"setting": setting, "page": page, "may_manage": can(request.user, FORUM_MANAGE, setting)}
    return render(request, "voice/forum/proposals.html", context)


@action_required(FORUM_MANAGE, Setting)
def proposal_new(request: AuthedRequest, setting: Setting) -> HttpResponse:
    form = ProposalForm(request.POST or None)
    made = submit(
        request,
        form,
        lambda data: services.propose(
            actor=request.user,
            setting=setting,
            title=data["title"],
            description=data["description"],
            options=form.options(),
            closes_at=data["closes_at"],
        ),
        "The vote is open and every family has been told.",
    )
    if made is not None:
        return redirect("voice:forum_proposal", made.pk)
    return render(
        request, "voice/forum/proposal_new.html", {"setting": setting, "form": form}, status=form_status(form)
    )


def _proposals() -> QuerySet[Proposal]:
    return Proposal.objects.select_related("setting")


@action_required(FORUM_PROPOSAL, Proposal, queryset=_proposals)
def proposal(request: AuthedRequest, proposal: Proposal) -> HttpResponse:
    user = request.user
    voted = services.has_voted(user, proposal)
    may_vote = not voted and can(user, FORUM_VOTE, proposal)
    form, refusal = None, []
    if may_vote or request.method == "POST":
        form = VoteForm(request.POST or None, options=proposal.options)
        if submit(
            request,
            form,
            lambda data: services.vote(actor=user, proposal=proposal, option=data["option"]),
            "Thank you: your family's vote is recorded. Results are shown when voting closes.",
        ):
            return redirect("voice:forum_proposal", proposal.pk)
        if not may_vote:  # posted by a family that has voted since the page was shown, or after closing
            form, refusal = None, _errors(form)
    selectors.with_state([proposal])
    context = {
        "proposal": proposal,
        "setting": proposal.setting,
        "families": selectors.families_voted(proposal),
        "results": selectors.results(proposal),
        "voted": voted,
        "form": form,
        "refusal": refusal,
        "manages": can(user, FORUM_PROPOSAL_MANAGE, proposal),
    }
    return render(request, "voice/forum/proposal.html", context, status=400 if request.method == "POST" else 200)


@require_POST
@action_required(FORUM_PROPOSAL_MANAGE, Proposal)
def proposal_cancel(request: AuthedRequest, proposal: Proposal) -> HttpResponse:
    run = lambda: services.cancel(actor=request.user, proposal=proposal)  # noqa: E731
    to = reverse("voice:forum_proposal", args=[proposal.pk])
    return _act(request, run, "The proposal is cancelled: its results will not be shown.", to)


@action_required(FORUM_PROPOSAL_MANAGE, Proposal, queryset=_proposals)
def proposal_outcome(request: AuthedRequest, proposal: Proposal) -> HttpResponse:
    form = OutcomeForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.publish_outcome(actor=request.user, proposal=proposal, outcome=data["outcome"]),
        "Published: every family has been told the results and what you will do.",
    )
    if done is not None:
        return redirect("voice:forum_proposal", proposal.pk)
    context = {
        "proposal": proposal,
        "setting": proposal.setting,
        "form": form,
        "results": selectors.results(proposal),
    }
    return render(request, "voice/forum/outcome.html", context, status=form_status(form))
