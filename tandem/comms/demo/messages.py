"""Demo messages for Willowbrook (R26).

* Emma Morgan and Amira Hussain (Isla's key person) talk about Isla being tired after the clocks
  changed; Amira's last reply is new to Emma.
* Emma tells Amira about a change at home: the family moves house at half term (new to Amira).
* Emma asks the office about Alfie's funded hours; the thread is with Karen Doherty (administrator),
  with a follow-up date.
Idempotent: each thread is found by its child and subject and only made once.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tandem.core.models import Setting, User
from tandem.people.models import Adult, Child

from ..models.messages import Message, Thread, ThreadParticipant, ThreadRead


def _ago(days: int, hour: int, minute: int = 0) -> dt.datetime:
    day = timezone.localdate() - dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _thread(
    *,
    setting: Setting,
    child: Child,
    subject: str,
    topic: str,
    adults: list[Adult],
    messages: list[tuple[User, bool, dt.datetime, str]],
    reads: list[tuple[User, dt.datetime]],
    **extra: object,
) -> None:
    if Thread.objects.filter(child=child, subject=subject).exists():
        return
    first, last = messages[0], messages[-1]
    thread = Thread.objects.create(
        setting=setting,
        child=child,
        subject=subject,
        topic=topic,
        started_by=first[0],
        started_at=first[2],
        last_message_at=last[2],
        **extra,  # type: ignore[arg-type]
    )
    ThreadParticipant.objects.bulk_create(
        [ThreadParticipant(thread=thread, adult=a, added_at=first[2]) for a in adults]
    )
    Message.objects.bulk_create(
        [
            Message(thread=thread, author=who, from_family=family, sent_at=at, body=body)
            for who, family, at, body in messages
        ]
    )
    ThreadRead.objects.bulk_create([ThreadRead(thread=thread, user=who, read_at=at) for who, at in reads])


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import ADMINISTRATOR_EMAIL, KEY_PERSON_EMAIL, PARENT_EMAIL

    emma_user = User.objects.filter(email=PARENT_EMAIL).first()
    amira = User.objects.filter(email=KEY_PERSON_EMAIL).first()
    karen = User.objects.filter(email=ADMINISTRATOR_EMAIL).first()
    emma = Adult.objects.filter(user=emma_user).first()
    isla = Child.objects.filter(setting=setting, first_name="Isla", last_name="Morgan").first()
    alfie = Child.objects.filter(setting=setting, first_name="Alfred", last_name="Morgan").first()
    if not (emma_user and amira and karen and emma and isla and alfie):
        return
    _thread(
        setting=setting,
        child=isla,
        subject="Isla is very tired this week",
        topic=Thread.Topic.WELLBEING,
        adults=[emma],
        messages=[
            (
                emma_user,
                True,
                _ago(3, 8, 5),
                "Hi Amira, Isla has been really tired since the clocks went back and is waking at 5am. "
                "She might be grumpy by lunchtime. Could she have a rest after lunch if she needs one?",
            ),
            (
                amira,
                False,
                _ago(3, 12, 40),
                "Thanks for letting me know, Emma. Of course. We have a quiet corner with cushions and "
                "she had a lovely 20-minute rest today with a story. She was much brighter afterwards.",
            ),
            (emma_user, True, _ago(2, 19, 15), "That's great, thank you. She told me about the story!"),
            (
                amira,
                False,
                _ago(1, 15, 30),
                "Isla managed the whole day without a rest today and was busy in the mud kitchen. "
                "I'll keep an eye on her and let you know how the rest of the week goes.",
            ),
        ],
        reads=[(emma_user, _ago(2, 19, 15)), (amira, _ago(1, 15, 30))],
        assigned_to=amira,
    )
    move = timezone.localdate() + dt.timedelta(days=21)
    _thread(
        setting=setting,
        child=isla,
        subject="A change at home: Moving house",
        topic=Thread.Topic.CHANGE_AT_HOME,
        change_kind=Thread.ChangeKind.MOVE,
        change_from=move,
        adults=[emma],
        messages=[
            (
                emma_user,
                True,
                _ago(0, 7, 50),
                f"Since (or from): {move:%-d %B %Y}\n\nWhat has changed:\nWe are moving to a new house in "
                "Willowbrook at half term. Isla is excited but a bit worried about her bedroom and her toys.\n\n"
                "Anything you could do:\nCould you read a story about moving house with her? Her new address "
                "will follow.",
            )
        ],
        reads=[(emma_user, _ago(0, 7, 50))],
        assigned_to=amira,
    )
    _thread(
        setting=setting,
        child=alfie,
        subject="Funded hours from January",
        topic=Thread.Topic.SESSIONS,
        adults=[emma],
        messages=[
            (
                emma_user,
                True,
                _ago(4, 9, 0),
                "Hello, Alfie turns 3 soon. Do I need to do anything to get his funded hours from January? "
                "I have my eligibility code.",
            ),
            (
                karen,
                False,
                _ago(4, 11, 20),
                "Hello Emma, thank you. Please bring the code and Alfie's birth certificate to the office, or "
                "reply here with the code and I will check it with the council and confirm by Friday.",
            ),
        ],
        reads=[(emma_user, _ago(4, 18, 0)), (karen, _ago(4, 11, 20))],
        assigned_to=karen,
        follow_up_on=timezone.localdate() + dt.timedelta(days=2),
    )
