"""Demo: the Butterflies' boards (Isla Morgan's room).

Today's board is up, with a photo of two children at the water tray (both have consent to photos
on display) and one of the finished boat display (no children pictured); the last few days are in
the archive, one with a photo that Isla is in: Isla has no consent to photos on display yet, so
families never see it and the staff are told she blocks it. This week's planning board has three
focuses with ideas for home. Photos are drawn here (Pillow) and cleaned at once, as the task queue
would. Dates are relative to today; running the seed again the same day changes nothing.
"""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.base import ContentFile
from django.utils import timezone

from tandem.core.models import Room, Setting, User
from tandem.people.management.commands.seed_demo import DANIEL, KEY_PERSON_EMAIL
from tandem.people.models import Child

from ..models import Area, DailyBoard, Media, PlanningFocus
from ..tasks_media import process_media

ROOM = "Butterflies"

TODAY = """\
We found out which things **float** and which **sink**. The children guessed first, then tested
corks, pebbles, a plastic duck, a metal spoon and an apple in the water tray. Freddie was sure
the apple would sink, and was amazed when it bobbed up again! Then we made boats from foil and
counted how many marbles each could carry before it sank."""
TRY_AT_HOME = """\
At bath time, gather a few things (a sponge, a spoon, a bottle top, a toy) and ask your child to
guess whether each will float or sink before trying it. Can they find something that floats
*and* something that sinks that are the same size?"""

PAST = [
    (
        1,
        "We planted **sunflower seeds** in pots and talked about what seeds need to grow. Everyone "
        "has a pot with their name on the windowsill: we will measure them every week.",
        "Look for seeds in the kitchen together: in an apple, a pepper, a tomato. How many can you count?",
    ),
    (
        2,
        "Story week: we read *We're Going on a Bear Hunt* and acted it out in the garden, swishy "
        "swashy through the long grass and splash splosh through the puddles.",
        "Ask your child to tell you the story of the bear hunt. Which part do they like best?",
    ),
    (
        3,
        "We made **play dough** together, measuring flour, salt and water with cups and spoons, and "
        "then made hedgehogs, snakes and birthday cakes.",
        "Let your child help you measure and mix when you cook or bake: they love pouring and stirring.",
    ),
]

FOCUSES = [
    (
        "CL",
        "Telling stories in order: first, next, then, at the end. We are retelling familiar stories "
        "with props and puppets.",
        "After a story at bedtime, ask: what happened first? What happened next? How did it end?",
    ),
    (
        "M",
        "Counting objects up to 10 and beyond, and noticing 'one more' and 'one less'.",
        "Count stairs, steps to the car or apples in the bowl. Add one more: how many now?",
    ),
    (
        "UW",
        "Floating and sinking, and how things change in water.",
        "Water play at bath time: which toys float? What happens to a sponge when it is squeezed?",
    ),
]


def _photo(colour: tuple[int, int, int], label: str) -> bytes:
    """A simple picture for the demo: a coloured scene with shapes, drawn in memory."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1200, 900), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 600, 1200, 900), fill=(70, 130, 180))  # water
    draw.ellipse((250, 500, 450, 640), fill=(240, 200, 60))  # a duck
    draw.ellipse((700, 560, 820, 660), fill=(200, 40, 40))  # an apple
    draw.polygon([(900, 620), (1100, 620), (1060, 680), (940, 680)], fill=(200, 200, 210))  # a foil boat
    draw.text((40, 40), label, fill=(20, 20, 20))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _add_photo(
    board: DailyBoard, *, by: User | None, caption: str, children: list[Child], colour: tuple[int, int, int], order: int
) -> None:
    if Media.objects.filter(board=board, caption=caption).exists():
        return
    media = Media(
        setting=board.room.setting,
        board=board,
        kind=Media.Kind.PHOTO,
        content_type="image/jpeg",
        caption=caption,
        uploaded_by=by,
        order=order,
    )
    media.original.save("upload.img", ContentFile(_photo(colour, caption)), save=False)
    media.save()
    media.children.set(children)
    process_media.call(media.pk)  # cleaned at once, as the task queue would


def _board(room: Room, day: dt.date, today: str, try_at_home: str, by: User | None) -> DailyBoard:
    board, _ = DailyBoard.objects.get_or_create(
        room=room,
        date=day,
        defaults={"today": today, "try_at_home": try_at_home, "published": True, "author": by},
    )
    return board


def seed(*, setting: Setting) -> None:
    room = Room.objects.filter(setting=setting, name=ROOM).first()
    if room is None:
        return
    amira = User.objects.filter(email=KEY_PERSON_EMAIL).first()
    daniel = User.objects.filter(email=DANIEL).first()
    children = {c.first_name: c for c in Child.objects.filter(room=room)}
    today = timezone.localdate()

    board = _board(room, today, TODAY, TRY_AT_HOME, amira)
    pictured = [children[n] for n in ("Ruby", "Freddie") if n in children]
    _add_photo(
        board,
        by=amira,
        caption="Ruby and Freddie testing the apple",
        children=pictured,
        colour=(250, 240, 220),
        order=1,
    )
    _add_photo(board, by=amira, caption="Our foil boats", children=[], colour=(225, 240, 250), order=2)

    for days_ago, text, home in PAST:
        past = _board(room, today - dt.timedelta(days=days_ago), text, home, daniel)
        if days_ago == 1 and "Isla" in children:
            # Isla has no consent to photos on display: the staff see she blocks this; families never see it
            pictured = [children[n] for n in ("Isla", "Theo") if n in children]
            _add_photo(
                past, by=daniel, caption="Isla and Theo planting", children=pictured, colour=(230, 245, 220), order=1
            )

    week = today - dt.timedelta(days=today.weekday())
    areas = {a.code: a for a in Area.objects.all()}
    for code, focus, home in FOCUSES:
        PlanningFocus.objects.get_or_create(
            room=room,
            week_starting=week,
            focus=focus,
            defaults={"area": areas.get(code), "home_ideas": home, "author": amira},
        )
