"""The demo parent forum for Willowbrook (R38): Emma Morgan is a parent representative; a pinned,
locked welcome from the manager; a discussion of the car park at pick-up (one post removed by the
manager, with her reason) and one of ideas for the summer fair; the minutes of the last forum meeting; an open
vote ("Should the summer fair be on a Saturday?") that some families have voted on, and a closed
one with its results and what the setting will do. The votes come from families without a demo
sign-in, so the demo's parents can still vote. Idempotent: each thing is made once (found by its
title). No one is notified."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tandem.core.models import Setting, User
from tandem.people.models import Child

from ..models import ForumMinutes, ForumPost, ForumTopic, ParentRepresentative, Proposal, Vote, VoteFamily
from ..services.forum import scatter_votes

WELCOME = "Welcome to the parent forum"
CAR_PARK = "The car park at pick-up"
SUMMER_FAIR = "Ideas for the summer fair"
MINUTES = "Parent forum meeting, spring term"
SATURDAY = "Should the summer fair be on a Saturday?"
CHARITY = "Which charity should our fundraising support this year?"

# (author's demo sign-in, role shown, hours ago, text)
CAR_PARK_POSTS = [
    (
        "parent2",
        "Parent",
        50,
        "The car park is really busy between 3.15 and 3.30. Yesterday a car reversed out while "
        "children were walking behind it.\n\nCould we do something about it before someone gets hurt?",
    ),
    ("stepparent", "Parent", 47, "Whoever drives the big silver car parks across two spaces every single day."),
    (
        "foster",
        "Parent",
        30,
        "We walk from Beech Avenue now. Would a walking bus from the church be an idea for families close by?",
    ),
    (
        "manager",
        "Setting manager",
        26,
        "Thank you all. From next Monday a member of staff will be at the car park gate from 3.15pm, "
        "and we have asked the church if families can use their car park at pick-up.\n\n"
        "We will talk about the walking bus at the next forum meeting.",
    ),
]
REMOVED_REASON = "Please do not single out another family: talk about the car park, not about people."

FAIR_POSTS = [
    ("parent", "Parent representative", 20, "What would your children love at the summer fair this year?"),
    ("parent2", "Parent", 18, "A henna stall! Zara's aunt has offered to help."),
    ("foster", "Parent", 6, "A tombola and a cake stall. We could bake."),
]

MINUTES_BODY = """**Present:** Sarah Whitfield (manager), Emma Morgan (parent representative) and nine families.

## What we talked about
* **The car park at pick-up.** A member of staff now stands at the gate from 3.15pm. The church has
  agreed that families may use its car park from 3pm to 3.45pm.
* **A walking bus from the church.** Three families are interested; Janet Osborne will find out who
  else would join.
* **The summer fair.** Families would like it on a Saturday so that working parents can come. We
  agreed to put it to a vote on Tandem.

## Actions
1. Sarah: ask the trustees about insurance for a walking bus.
2. Emma: collect ideas for the summer fair on the forum.

**Next meeting:** the first Tuesday of next half term, 6.30pm, in the hall. Children welcome."""

# The families who voted (a child of each; the twins count once), and their choice.
SATURDAY_VOTES = [
    (["Ruby Evans"], 0),
    (["Mason Clarke"], 0),
    (["Oscar Fielding"], 2),
    (["Theo Kaya"], 0),
    (["Ibrahim Rahman", "Maryam Rahman"], 1),
]
CHARITY_OPTIONS = ["The children's hospice", "Willowbrook food bank", "The animal rescue centre"]
CHARITY_VOTES = [
    (["Isla Morgan", "Alfred Morgan"], 0),
    (["Zara Ahmed"], 1),
    (["Jayden Price"], 0),
    (["Ruby Evans"], 0),
    (["Mason Clarke"], 1),
    (["Zofia Kowalska"], 0),
    (["Freddie Hughes"], 2),
    (["Evie Johnson"], 0),
    (["Lily Nguyen"], 1),
]


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import demo_email

    keys = ("manager", "parent", "parent2", "stepparent", "foster")
    users = {key: User.objects.filter(email=demo_email(key)).first() for key in keys}
    manager, emma = users["manager"], users["parent"]
    now = timezone.now()
    today = timezone.localdate()

    if emma is not None and not ParentRepresentative.objects.filter(setting=setting, user=emma).exists():
        ParentRepresentative.objects.create(
            setting=setting, user=emma, appointed_by=manager, appointed_at=now - dt.timedelta(days=90)
        )

    if not ForumTopic.objects.filter(setting=setting, title=WELCOME).exists():
        welcome = _topic(setting, WELCOME, manager, now - dt.timedelta(days=120), pinned=True, locked=True)
        ForumPost.objects.create(
            topic=welcome,
            author=manager,
            author_role="Setting manager",
            body=(
                "This is the place to talk about how the preschool runs day to day: drop-off and pick-up, "
                "sessions, food, events, anything you would like us to think about.\n\n"
                "Please talk about the setting, never about another family or a member of staff by name. "
                "Emma Morgan, our parent representative, and I may remove a post that breaks this rule, "
                "and we will always say why."
            ),
            created_at=welcome.created_at,
        )
    if not ForumTopic.objects.filter(setting=setting, title=CAR_PARK).exists():
        topic = _topic(setting, CAR_PARK, users["parent2"], now - dt.timedelta(hours=50))
        _posts(topic, CAR_PARK_POSTS, users, now)
        removed = topic.posts.filter(author=users["stepparent"]).first()
        if removed is not None:
            removed.hidden_at, removed.hidden_by = now - dt.timedelta(hours=46), manager
            removed.hidden_reason = REMOVED_REASON
            removed.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    if not ForumTopic.objects.filter(setting=setting, title=SUMMER_FAIR).exists():
        topic = _topic(setting, SUMMER_FAIR, emma, now - dt.timedelta(hours=20))
        _posts(topic, FAIR_POSTS, users, now)

    if not ForumMinutes.objects.filter(setting=setting, title=MINUTES).exists():
        ForumMinutes.objects.create(
            setting=setting,
            met_on=today - dt.timedelta(days=12),
            title=MINUTES,
            body=MINUTES_BODY,
            published_by=manager,
            published_at=now - dt.timedelta(days=10),
        )

    if not Proposal.objects.filter(setting=setting, title=SATURDAY).exists():
        saturday = Proposal.objects.create(
            setting=setting,
            title=SATURDAY,
            description=(
                "At the last forum meeting several families asked for the summer fair to be on a **Saturday** "
                "so that working parents can come. It has always been on the last Friday afternoon of the "
                "summer term.\n\nA Saturday fair would run from 11am to 2pm; staff would volunteer."
            ),
            options=["Yes, on a Saturday", "No, keep it on a Friday afternoon", "Either suits us"],
            opens_at=now - dt.timedelta(days=2),
            closes_at=now + dt.timedelta(days=5),
            created_by=manager,
            created_at=now - dt.timedelta(days=2),
        )
        _votes(setting, saturday, SATURDAY_VOTES, today - dt.timedelta(days=1))
    if not Proposal.objects.filter(setting=setting, title=CHARITY).exists():
        charity = Proposal.objects.create(
            setting=setting,
            title=CHARITY,
            description="Each year families choose the charity that our sponsored toddle and cake sales support.",
            options=CHARITY_OPTIONS,
            opens_at=now - dt.timedelta(days=60),
            closes_at=now - dt.timedelta(days=46),
            created_by=manager,
            created_at=now - dt.timedelta(days=60),
            outcome=(
                "Thank you for voting. This year's sponsored toddle and cake sales will support **the children's "
                "hospice**. The food bank came a close second, so we will also collect tins at harvest time."
            ),
        )
        _votes(setting, charity, CHARITY_VOTES, today - dt.timedelta(days=50))


def _topic(
    setting: Setting, title: str, author: User | None, at: dt.datetime, *, pinned: bool = False, locked: bool = False
) -> ForumTopic:
    return ForumTopic.objects.create(
        setting=setting, title=title, author=author, created_at=at, last_post_at=at, pinned=pinned, locked=locked
    )


def _posts(
    topic: ForumTopic, posts: list[tuple[str, str, int, str]], users: dict[str, User | None], now: dt.datetime
) -> None:
    for key, role, hours, body in posts:
        at = now - dt.timedelta(hours=hours)
        ForumPost.objects.create(topic=topic, author=users[key], author_role=role, body=body, created_at=at)
        topic.last_post_at = at
    topic.save(update_fields=["last_post_at"])


def _votes(setting: Setting, proposal: Proposal, votes: list[tuple[list[str], int]], day: dt.date) -> None:
    for names, option in votes:
        children = [
            child
            for name in names
            for child in Child.objects.filter(setting=setting, first_name=name.split()[0], last_name=name.split()[1])
        ]
        if not children:
            continue
        VoteFamily.objects.bulk_create([VoteFamily(proposal=proposal, child=c, voted_on=day) for c in children])
        Vote.objects.create(proposal=proposal, option=option)
    scatter_votes(proposal)
