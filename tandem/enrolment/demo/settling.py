"""Demo settling in: Jayden's plan is complete and reviewed; Alfie's (the demo parent's younger child)
is still going, with a note waiting for a reply; Harry, who started last month, is part-way through.
Dates are relative to each child's start date, so the story stays the same whenever it is run."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from tandem.core.models import Setting, User
from tandem.enrolment.models.settling import SettlingLogEntry, SettlingPlan, SettlingReply, SettlingVisit
from tandem.people.management.commands import seed_demo
from tandem.people.management.commands.seed_demo import upsert
from tandem.people.models import Adult, Child

Status = SettlingPlan.Status


@dataclass(frozen=True)
class Note:
    day: int  # days after the start date (negative: before it); or, with ``recent``, days before today
    time: str
    text: str
    reply: tuple[str, str] | None = None  # (email of the parent, their reply)
    recent: bool = False


@dataclass(frozen=True)
class Story:
    child: str
    author: str  # email of the key person who writes the plan and notes
    agreed_with: list[str]  # adults' names
    status: str
    arrangements: str
    visits: list[tuple[int, int, bool, str]]  # (days from start, minutes, parent stays, notes)
    notes: list[Note] = field(default_factory=list)
    review_in_days: int = 28  # from the start; for a plan still going, from today when negative
    review_notes: str = ""


STORIES = [
    Story(
        child="Jayden Price",
        author=seed_demo.BETHAN,
        agreed_with=["Janet Osborne", "Mike Osborne"],
        status=Status.COMPLETE,
        arrangements=(
            "Jayden has had a lot of change, so we will go **slowly** and keep the same faces around him.\n\n"
            "- Three visits before he starts, each a little longer, with Janet staying for the first two.\n"
            "- Bethan will greet him at the door every day for the first month.\n"
            "- Janet will always say goodbye and tell him when she will be back: no slipping away.\n"
            "- Short mornings for the first two weeks, then his full sessions."
        ),
        visits=[
            (-10, 60, True, "Meet Bethan and explore the Caterpillars room with Janet."),
            (-7, 90, True, "Janet stays for snack, then a short goodbye for ten minutes."),
            (-3, 120, False, "Janet leaves after settling him; back before lunch."),
        ],
        notes=[
            Note(
                -10, "10:40", "Jayden held Janet's hand the whole time but watched the cars on the mat very carefully."
            ),
            Note(
                -3,
                "11:55",
                "A wobble when Janet left, then Jayden found the big red bus and pushed it round the room "
                "for ages. He ate all his toast at snack time.",
                reply=("foster", "He told Mike about the red bus at tea. Thank you, Bethan!"),
            ),
            Note(12, "14:30", "Jayden waved goodbye at the door this morning and went straight to the sand pit."),
        ],
        review_notes=(
            "Jayden has settled well. He now comes in happily and goes to Bethan or Chloe when he needs comfort.\n\n"
            "Agreed with Janet: keep the same goodbye routine, and tell him before any change of staff."
        ),
    ),
    Story(
        child="Alfred Morgan",
        author=seed_demo.CHLOE,
        agreed_with=["Emma Morgan"],
        status=Status.IN_PROGRESS,
        arrangements=(
            "Alfie started with two mornings a week. Now that he is moving up to **two full days**, we agreed "
            "with Emma to keep settling in going a little longer:\n\n"
            "- Chloe greets him and stays close for the first hour.\n"
            "- Lunch with his key group, then a nap in the quiet room with his blanket.\n"
            "- Emma phones at lunchtime on the first two full days if she would like to."
        ),
        visits=[
            (-14, 45, True, "Meet Chloe; play in the Caterpillars room with Mum."),
            (-10, 90, True, "Mum stays for snack and story time."),
            (-7, 120, False, "Mum leaves after ten minutes; back for lunch."),
        ],
        notes=[
            Note(
                9,
                "15:10",
                "Alfie's first full day! He cried for a few minutes at drop-off, then helped Chloe feed the fish. "
                "He ate all his pasta and napped for an hour.",
                reply=("parent", "So pleased! He was full of the fish at bedtime. Thank you, Chloe."),
                recent=True,
            ),
            Note(6, "14:45", "Alfie built a tall tower with Harry and was very proud when it fell down.", recent=True),
            Note(
                2,
                "15:20",
                "A tired day today: Alfie wanted lots of cuddles after lunch. He perked up in the garden and "
                "waved goodbye to Chloe at home time.",
                recent=True,
            ),
        ],
        review_in_days=-14,
    ),
    Story(
        child="Harry O'Brien",
        author=seed_demo.CHLOE,
        agreed_with=["Siobhan O'Brien", "Connor O'Brien"],
        status=Status.IN_PROGRESS,
        arrangements="Two visits with Mum or Dad, then short mornings building up to his full sessions.",
        visits=[
            (-7, 60, True, "Meet Chloe with Mum."),
            (-3, 90, False, "Dad leaves after ten minutes."),
        ],
        notes=[Note(1, "12:00", "Harry played with the cars and ate some of his snack. A good first morning.")],
        review_in_days=35,
    ),
]


def _at(day: dt.date, hhmm: str) -> dt.datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hours, minutes)))


def seed(*, setting: Setting) -> None:
    """Plans, visits, notes and replies (idempotent: found by child, date and text)."""
    today = timezone.localdate()
    for story in STORIES:
        first, last = story.child.split(" ", 1)
        child = Child.objects.filter(setting=setting, first_name=first, last_name=last).first()
        author = User.objects.filter(email=story.author).first()
        if child is None or child.start_date is None or author is None:
            continue
        start = child.start_date
        first_visit = start + dt.timedelta(days=min(v[0] for v in story.visits))
        review = (
            today + dt.timedelta(days=-story.review_in_days)
            if story.review_in_days < 0
            else start + dt.timedelta(days=story.review_in_days)
        )
        complete = story.status == Status.COMPLETE
        plan = upsert(
            SettlingPlan,
            {"child": child},
            {
                "status": story.status,
                "arrangements": story.arrangements,
                "agreed_on": first_visit - dt.timedelta(days=7),
                "first_visit": first_visit,
                "start_date": start,
                "review_date": review,
                "review_notes": story.review_notes,
                "completed_at": _at(review, "16:00") if complete else None,
                "version": 1,
                "created_by": author,
                "updated_by": author,
            },
        )
        names = [name.split(" ", 1) for name in story.agreed_with]
        adults = [a for f, n in names for a in Adult.objects.filter(setting=setting, first_name=f, last_name=n)]
        plan.agreed_with.set(adults)
        for days, minutes, present, notes in story.visits:
            upsert(
                SettlingVisit,
                {"plan": plan, "notes": notes},
                {"date": start + dt.timedelta(days=days), "duration_minutes": minutes, "parent_present": present},
            )
        for note in story.notes:
            day = today - dt.timedelta(days=note.day) if note.recent else start + dt.timedelta(days=note.day)
            entry = upsert(
                SettlingLogEntry, {"child": child, "text": note.text}, {"author": author, "at": _at(day, note.time)}
            )
            if note.reply:
                who, text = note.reply
                parent = User.objects.filter(email=seed_demo.demo_email(who)).first()
                if parent is not None:
                    upsert(
                        SettlingReply,
                        {"entry": entry, "text": text},
                        {"author": parent, "at": _at(day, "19:30")},
                    )
