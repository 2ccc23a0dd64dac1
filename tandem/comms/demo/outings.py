"""Demo outings for Willowbrook (R29).

* A visit to Willowbrook Library for Butterflies, announced, consent asked for this outing: most
  families have said yes, Theo's family has said no, and Isla's mum (Emma Morgan, the main demo
  parent) has not answered yet, so the demo can show her giving consent and the staff's "who may
  go" list changing. Emma and Isla's dad get the notification.
* A walk to Brook Meadow park for Ladybirds under the standing consent to local outings (no
  new question for families; the "who may go" list reads each child's consent as it stands).
Idempotent: each outing is found by its title and only made once.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tandem.core.models import Room, Setting, User
from tandem.people.models import Child, ChildAdult

from ..models.outings import Outing, OutingConsent

LIBRARY = "Visit to Willowbrook Library"
PARK = "Walk to Brook Meadow park"


def _day(days_ahead: int, hour: int, minute: int = 0) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days_ahead)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _children(room: Room) -> list[Child]:
    today = timezone.localdate()
    return [
        c
        for c in Child.objects.filter(room=room).order_by("first_name", "pk")
        if c.leaving_date is None or c.leaving_date >= today
    ]


def _library(setting: Setting, room: Room, planner: User | None) -> None:
    starts = _day(9, 9, 30)
    outing = Outing.objects.create(
        setting=setting,
        title=LIBRARY,
        purpose="Story time with the children's librarian, and each child chooses a book to borrow. "
        "We have been reading about people who help us, and the librarian will show how the library works.",
        place="Willowbrook Library, 2 Market Street, Willowbrook WB4 1AB",
        transport="Walking (about 10 minutes), holding hands in pairs, with a rope for the younger ones",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        consent_mode=Outing.ConsentMode.EACH,
        reply_by=(starts - dt.timedelta(days=3)).date(),
        risk_assessment="Ratio 1:4 with two extra parent helpers (DBS checked). Crossing at the zebra crossing on "
        "Market Street only. Amira carries the first aid kit, the register, any medicines and the phone list. "
        "Head count on leaving, at the library door and before walking back.",
        created_by=planner,
        announced_at=timezone.now() - dt.timedelta(days=2),
    )
    outing.rooms.set([room])
    children = _children(room)
    outing.children.set(children)
    answers = {"Ruby": True, "Freddie": True, "Amara": True, "Evie": True, "Lily": True, "Theo": False}
    for child in children:
        if child.first_name not in answers:
            continue  # Isla: Emma has not answered yet
        link = (
            ChildAdult.objects.filter(child=child, parental_responsibility=True, no_information=False)
            .select_related("adult")
            .order_by("emergency_priority", "pk")
            .first()
        )
        given = answers[child.first_name]
        OutingConsent.objects.create(
            outing=outing,
            child=child,
            given=given,
            decided_by=link.adult.user if link else None,
            decided_at=timezone.now() - dt.timedelta(days=1, hours=child.pk % 12),
            note="" if given else "He is poorly this week; we would rather he stayed in.",
        )
    from ..tasks_outings import _tell

    _tell(outing, [c.pk for c in children], "announced", parental_responsibility=True)


def _park(setting: Setting, room: Room, planner: User | None) -> None:
    starts = _day(3, 10)
    outing = Outing.objects.create(
        setting=setting,
        title=PARK,
        purpose="Looking for signs of the season: leaves, birds and minibeasts. We will collect leaves for our "
        "collage and count the ducks on the pond.",
        place="Brook Meadow park (the playground end), Willowbrook",
        transport="Walking (5 minutes)",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1, minutes=15),
        consent_mode=Outing.ConsentMode.STANDING,
        risk_assessment="Ratio 1:4. Stay away from the pond edge; the gate by the road stays shut. Jamal carries "
        "the first aid kit and the register.",
        created_by=planner,
        announced_at=timezone.now() - dt.timedelta(days=1),
    )
    outing.rooms.set([room])
    outing.children.set(_children(room))


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import KEY_PERSON_EMAIL, MANAGER_EMAIL

    rooms = {r.name: r for r in Room.objects.filter(setting=setting)}
    amira = User.objects.filter(email=KEY_PERSON_EMAIL).first()
    manager = User.objects.filter(email=MANAGER_EMAIL).first()
    if "Butterflies" in rooms and not Outing.objects.filter(setting=setting, title=LIBRARY).exists():
        _library(setting, rooms["Butterflies"], amira)
    if "Ladybirds" in rooms and not Outing.objects.filter(setting=setting, title=PARK).exists():
        _park(setting, rooms["Ladybirds"], manager)
