"""Demo meetings and home visits for Willowbrook (R33–R35).

* Isla Morgan: a key person meeting with Amira in "ask" mode; Emma Morgan has said which times
  suit her (and added another), so the key person or the manager can fix it from the family's
  availability. Last term's meeting is held, its notes shared and Emma has replied.
* Zara Ahmed: a review meeting with Jamal, fixed, with an Urdu interpreter (her grandmother's
  record says she needs one) and the quiet room's access notes.
* Butterflies: a parents' evening with 15-minute slots; three families have booked (Isla's has
  not, so Emma can book one in the demo).
* Jayden Price: his foster carer, Janet Osborne, has asked for a home visit.

Made through the services (so the families and staff get their notifications), except last
term's meeting, which is in the past. Idempotent: each is made only when missing.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tandem.core.models import Room, Setting, User
from tandem.people.models import Child

from ..models.meetings import Meeting, MeetingOption, MeetingRound
from ..selectors.meetings import interpreter_from_records
from ..services import meetings as services

ISLA_TITLE = "Isla's progress this term"
ZARA_TITLE = "Zara's review: settling into Ladybirds"
ROUND_TITLE = "Butterflies parents' evening"
ACCESS = "Step-free entrance by the garden gate; the quiet room is on the ground floor, with a baby-changing table."


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _child(setting: Setting, first: str, last: str) -> Child | None:
    return Child.objects.filter(setting=setting, first_name=first, last_name=last).first()


def _weekday(days_ahead: int, hour: int, minute: int = 0) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days_ahead)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import (
        FOSTER_CARER_EMAIL,
        JAMAL,
        KEY_PERSON_EMAIL,
        MANAGER_EMAIL,
        PARENT_EMAIL,
    )

    amira, jamal, manager = _user(KEY_PERSON_EMAIL), _user(JAMAL), _user(MANAGER_EMAIL)
    emma, janet = _user(PARENT_EMAIL), _user(FOSTER_CARER_EMAIL)
    if not (amira and jamal and manager and emma and janet):
        return
    isla = _child(setting, "Isla", "Morgan")
    zara = _child(setting, "Zara", "Ahmed")
    jayden = _child(setting, "Jayden", "Price")
    if isla and not Meeting.objects.filter(child=isla, title=ISLA_TITLE).exists():
        _isla(isla, amira, emma)
    if zara and not Meeting.objects.filter(child=zara, title=ZARA_TITLE).exists():
        _zara(zara, jamal)
    butterflies = Room.objects.filter(setting=setting, name="Butterflies").first()
    if butterflies and not MeetingRound.objects.filter(setting=setting, title=ROUND_TITLE).exists():
        _parents_evening(setting, butterflies, manager)
    if jayden and not Meeting.objects.filter(child=jayden, status=Meeting.Status.REQUESTED).exists():
        services.request_meeting(
            actor=janet,
            child=jayden,
            kind=Meeting.Kind.HOME_VISIT,
            reason="Jayden gets upset at drop-off. Could his key person visit us at home, so he sees her somewhere "
            "he feels safe, and we can talk about his routines?",
            times="Weekday mornings before 11, or Friday afternoons.",
        )


def _isla(isla: Child, amira: User, emma: User) -> None:
    # Last term's meeting: held, notes shared, and Emma's reply.
    held_at = _weekday(-70, 15, 30)
    last = Meeting.objects.create(
        setting_id=isla.setting_id,
        child=isla,
        kind=Meeting.Kind.KEY_PERSON,
        title="Isla's first term in Butterflies",
        mode=Meeting.Mode.ASK,
        status=Meeting.Status.HELD,
        organiser=amira,
        starts_at=held_at,
        duration_minutes=20,
        venue="The quiet room",
        venue_access_notes=ACCESS,
        notes="**What we talked about:** Isla has settled well and loves the mud kitchen. She is starting to "
        "write the letters of her name.\n\n**What we agreed:** Amira will set up a name-writing tray; at home, "
        "Emma will look for the letter I on walks.\n\n**Next steps:** meet again next term to see how she is "
        "getting ready for school.",
        notes_shared_at=held_at + dt.timedelta(days=1),
        family_reply="Emma Morgan: Thank you! She found three letter Is on the way home already.",
        created_at=held_at - dt.timedelta(days=10),
    )
    last.staff.set([amira])
    slot = MeetingOption.objects.create(meeting=last, starts_at=held_at)
    Meeting.objects.filter(pk=last.pk).update(slot=slot)
    # This term's: asking, with Emma's answers.
    interpreter, language = interpreter_from_records(isla)
    times = [_weekday(7, 15, 30), _weekday(8, 8, 45), _weekday(9, 17, 30)]
    meeting = services.arrange_meeting(
        actor=amira,
        child=isla,
        data={
            "kind": Meeting.Kind.KEY_PERSON,
            "title": ISLA_TITLE,
            "mode": Meeting.Mode.ASK,
            "duration_minutes": 20,
            "venue": "The quiet room",
            "venue_access_notes": ACCESS,
            "interpreter_needed": interpreter,
            "interpreter_language": language,
            "staff": [amira],
            "times": times,
        },
    )
    options = list(MeetingOption.objects.filter(meeting=meeting).order_by("starts_at"))
    services.answer_availability(
        actor=emma,
        meeting=meeting,
        suits=[options[0].pk, options[2].pk],
        note="Any day after 3pm works for me too; Jack can only do Wednesdays.",
    )


def _zara(zara: Child, jamal: User) -> None:
    interpreter, language = interpreter_from_records(zara)
    meeting = services.arrange_meeting(
        actor=jamal,
        child=zara,
        data={
            "kind": Meeting.Kind.REVIEW,
            "title": ZARA_TITLE,
            "mode": Meeting.Mode.ASK,
            "duration_minutes": 30,
            "venue": "The quiet room",
            "venue_access_notes": ACCESS,
            "interpreter_needed": interpreter or True,
            "interpreter_language": language or "Urdu",
            "staff": [jamal],
            "times": [_weekday(5, 9, 15), _weekday(6, 15, 15)],
        },
    )
    first = MeetingOption.objects.filter(meeting=meeting).order_by("starts_at").first()
    assert first is not None
    services.fix_meeting(actor=jamal, meeting=meeting, option_id=first.pk)


def _parents_evening(setting: Setting, room: Room, manager: User) -> None:
    start = _weekday(14, 16, 0)
    meeting_round = services.create_round(
        actor=manager,
        setting=setting,
        data={
            "room": room,
            "title": ROUND_TITLE,
            "date": timezone.localtime(start).date(),
            "start_time": dt.time(16, 0),
            "slot_minutes": 15,
            "slot_count": 10,
            "venue": "Butterflies room",
            "venue_access_notes": "Step-free through the main door. Younger brothers and sisters are welcome: "
            "there is a play corner.",
        },
    )
    slots = list(MeetingOption.objects.filter(round=meeting_round).order_by("starts_at"))
    # three families booked by phone; Isla's family has not booked yet
    for n, name in enumerate(("Freddie", "Ruby", "Evie")):
        meeting = Meeting.objects.filter(round=meeting_round, child__first_name=name).first()
        if meeting is not None:
            services.fix_meeting(actor=manager, meeting=meeting, option_id=slots[n * 2].pk)
