"""Demo events and diary dates for Willowbrook (R30).

* A diary date: the preschool is closed for a staff training day (all day).
* A stay-and-play morning for every family, with replies: Emma Morgan is going with Isla and Alfie,
  Sana Ahmed might come.
* A workshop for parents, "Helping your child's speech at home", with 12 places and replies (Sana
  asks for an Urdu interpreter); it has a machine translation into Urdu, which Sana reads by default.
Idempotent: each event is found by its title and only made once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from tandem.core.models import Setting, User

from ..models.events import Event, EventReply
from ..models.translations import Translation
from ..selectors.translations import fields_hash, original_fields

CLOSURE = "Closed: staff training day"
STAY_AND_PLAY = "Stay and play: autumn crafts"
WORKSHOP = "Helping your child's speech at home"

URDU_WORKSHOP = {
    "title": "گھر پر اپنے بچے کی بول چال میں مدد",
    "description": "ہماری SENCO فیونا اور مقامی اسپیچ اینڈ لینگویج تھراپسٹ کے ساتھ ایک غیر رسمی ورکشاپ: "
    "کھیل، گانے اور کہانیاں جو روزانہ بات چیت میں مدد دیتی ہیں۔ چائے اور بسکٹ دستیاب ہوں گے۔",  # noqa: RUF001
    "place": "ولوبروک پری اسکول، کمیونٹی روم",
    "access_notes": "سیڑھیوں کے بغیر داخلہ۔ اگر آپ کو ترجمان چاہیے تو ہمیں بتائیں۔",  # noqa: RUF001
}


def _day(days_ahead: int, hour: int, minute: int = 0) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days_ahead)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _event(setting: Setting, creator: User | None, **fields: Any) -> Event | None:
    if Event.objects.filter(setting=setting, title=fields["title"]).exists():
        return None
    now = timezone.now()
    return Event.objects.create(
        setting=setting,
        created_by=creator,
        created_at=now - dt.timedelta(days=10),
        updated_at=now - dt.timedelta(days=10),
        published_at=now - dt.timedelta(days=10),
        **fields,
    )


def _reply(event: Event, user: User | None, answer: str, adults: int, children: int, note: str = "") -> None:
    if user is not None:
        EventReply.objects.get_or_create(
            event=event,
            user=user,
            defaults={"answer": answer, "adults": adults, "children": children, "note": note},
        )


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import MANAGER_EMAIL, OTHER_PARENT_EMAIL, PARENT_EMAIL

    manager = User.objects.filter(email=MANAGER_EMAIL).first()
    emma = User.objects.filter(email=PARENT_EMAIL).first()
    sana = User.objects.filter(email=OTHER_PARENT_EMAIL).first()

    closure_day = _day(24, 0)
    _event(
        setting,
        manager,
        kind=Event.Kind.DIARY,
        title=CLOSURE,
        description="The preschool is closed to children while the whole team trains in paediatric first aid.",
        starts_at=closure_day,
        ends_at=closure_day,
        all_day=True,
    )

    starts = _day(6, 9, 30)
    social = _event(
        setting,
        manager,
        kind=Event.Kind.SOCIAL,
        title=STAY_AND_PLAY,
        description="Come and play alongside your child: leaf printing, conkers and autumn crafts. "
        "Younger brothers and sisters are welcome.",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1, minutes=30),
        place="Willowbrook Preschool, the garden room",
        access_notes="Step-free through the side gate. Buggy park by the garden door.",
        replies_wanted=True,
        capacity=30,
    )
    if social is not None:
        _reply(social, emma, EventReply.Answer.GOING, 1, 2)
        _reply(social, sana, EventReply.Answer.MAYBE, 1, 1)

    starts = _day(13, 18, 30)
    workshop = _event(
        setting,
        manager,
        kind=Event.Kind.WORKSHOP,
        title=WORKSHOP,
        description="An informal workshop with Fiona, our SENCO, and a speech and language therapist from "
        "the local team: games, songs and stories that help talking every day. Tea and biscuits provided.",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1, minutes=30),
        place="Willowbrook Preschool, the community room",
        access_notes="Step-free entrance. Tell us if you would like an interpreter.",
        replies_wanted=True,
        capacity=12,
    )
    if workshop is not None:
        _reply(workshop, emma, EventReply.Answer.GOING, 2, 0)
        _reply(workshop, sana, EventReply.Answer.GOING, 1, 0, "Please could we have an Urdu interpreter?")
        Translation.objects.get_or_create(
            content_type=ContentType.objects.get_for_model(Event),
            object_id=workshop.pk,
            language="ur",
            defaults={
                "fields": URDU_WORKSHOP,
                "source": Translation.Source.MACHINE,
                "provider": "demo",
                "original_hash": fields_hash(original_fields(workshop)),
            },
        )
