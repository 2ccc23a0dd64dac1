"""Demo learning at home: Emma Morgan added a weekend of baking for Isla, with a photo, which Amira
read and answered; her story about the bus ride this week is still waiting for Amira to read it.
Dates are relative to today, so the story stays the same whenever it is run."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tandem.core.models import Setting, User
from tandem.people.management.commands import seed_demo
from tandem.people.models import Child

from ..models import Area, Media, Observation
from ..services import home as services
from ..services.eyfs import ensure_eyfs
from ..tasks_media import process_media


def demo_photo(name: str) -> SimpleUploadedFile:
    """A small picture drawn in memory: a loaf on a table, no camera, no metadata."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1200, 900), (250, 236, 210))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 620, 1200, 900), fill=(170, 120, 80))
    draw.ellipse((380, 360, 820, 660), fill=(196, 130, 60), outline=(140, 90, 40), width=8)
    for x in (470, 560, 650, 740):
        draw.line((x, 420, x - 30, 600), fill=(150, 95, 45), width=10)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def isla(setting: Setting) -> Child:
    first, last = seed_demo.MAIN_CHILD
    return Child.objects.get(setting=setting, first_name=first, last_name=last)


def seed(*, setting: Setting) -> None:
    if not Area.objects.exists():
        ensure_eyfs()
    child = isla(setting)
    emma = User.objects.get(email=seed_demo.PARENT_EMAIL)
    amira = User.objects.get(email=seed_demo.KEY_PERSON_EMAIL)
    today = timezone.localdate()
    mine = Observation.objects.filter(source=Observation.Source.HOME, author=emma, links__child=child)

    if not mine.filter(title="Baking bread with Grandma").exists():
        baking = services.add_home_observation(
            actor=emma,
            child=child,
            title="Baking bread with Grandma",
            text=(
                "Isla helped Grandma make bread on Saturday. She counted the spoons of flour all by herself "
                '("seven, eight, nine... TEN!") and said the dough felt "like a squishy pillow". '
                "She waited very patiently for it to rise and told everyone at tea that she made it."
            ),
            observed_on=today - dt.timedelta(days=9),
            aspects=list(Area.objects.get(code="M").aspects.filter(name="Number"))
            + list(Area.objects.get(code="CL").aspects.filter(name="Speaking")),
            photos=[demo_photo("bread.jpg")],
        )
        for media in Media.objects.filter(observation=baking, state=Media.State.PENDING):
            process_media.func(media.pk)  # at once: the demo does not wait for the task queue
        services.acknowledge(
            actor=amira,
            child=child,
            observation=baking,
            reply=(
                "Thank you, Emma! Isla told us all about the squishy dough at circle time. We are making "
                "play dough on Thursday so she can show her friends how to knead it."
            ),
        )
    if not mine.filter(title="On the number 12 bus").exists():
        services.add_home_observation(
            actor=emma,
            child=child,
            title="On the number 12 bus",
            text=(
                "On the bus to town Isla read the numbers on the front of every bus we passed and pressed "
                'the bell for our stop without being asked. She said "thank you, driver" on her own.'
            ),
            observed_on=today - dt.timedelta(days=1),
            aspects=list(Area.objects.get(code="PSED").aspects.filter(name="Managing self")),
            next_step="Counting out the money for the bus fare with me.",
            next_step_area=Area.objects.get(code="M"),
        )
