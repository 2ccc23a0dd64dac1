"""Demo observations: four weeks of Willowbrook's learning journal, with photos drawn in memory.

* A group observation by Amira Hussain (Isla's key person) of Isla Morgan, Freddie Hughes and Evie
  Johnson building a bug hotel, shared with the families, with two photos: the first pictures Isla,
  who has no photo consent in the demo (her mum has not been asked yet), so no family sees it
  (staff are told why); the second pictures only Freddie and Evie, who have consent, so it is shown.
  When Emma Morgan gives photo consent for Isla, the first photo appears at once.
* Alfie Morgan's key person shares observations with a photo his family can see.
* A photo of Leo Walsh (photographs refused) is held back from every family.
* A draft and a staff-only observation show staff what families do not see.

Photos are simple scenes drawn with Pillow (nothing fetched) and prepared synchronously.
Idempotent: an observation is found again by its setting and title.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from tandem.core.models import Setting, User
from tandem.people.models import Child

from ..models import Area, Aspect, Characteristic, Comment, Media, Observation, ObservationChild
from ..services.eyfs import ensure_eyfs
from ..tasks_media import process_media

AMIRA, DANIEL, CHLOE, FIONA, JAMAL = (
    "keyperson@demo.tandem.invalid",
    "daniel@demo.tandem.invalid",
    "chloe@demo.tandem.invalid",
    "senco@demo.tandem.invalid",
    "jamal@demo.tandem.invalid",
)
PARENT = "parent@demo.tandem.invalid"
PUBLISHED, STAFF, DRAFT = Observation.Status.PUBLISHED, Observation.Status.STAFF, Observation.Status.DRAFT


@dataclass(frozen=True)
class Photo:
    scene: str  # "bugs", "blocks", "paint", "garden", "water"
    pictured: tuple[str, ...]  # "First Last" of the children in it
    caption: str = ""


@dataclass(frozen=True)
class Spec:
    days_ago: int
    author: str
    children: tuple[str, ...]
    title: str
    text: str
    aspects: tuple[tuple[str, str], ...] = ()
    characteristics: tuple[str, ...] = ()
    status: str = PUBLISHED
    photos: tuple[Photo, ...] = ()
    comments: tuple[tuple[str, str, str], ...] = field(default=())  # (author email, child, text)


ISLA, FREDDIE, EVIE, THEO = "Isla Morgan", "Freddie Hughes", "Evie Johnson", "Theo Kaya"
RUBY, AMARA, LILY = "Ruby Evans", "Amara Okoye", "Lily Nguyen"
ALFIE, ZOSIA, POPPY = "Alfred Morgan", "Zofia Kowalska", "Poppy Williams"
LEO, ZARA, ANA = "Leo Walsh", "Zara Ahmed", "Ana Popescu"

SPECS: list[Spec] = [
    Spec(
        2,
        AMIRA,
        (ISLA, FREDDIE, EVIE),
        "Building a bug hotel",
        "Isla, Freddie and Evie collected sticks, pine cones and bark from the garden and packed them "
        'into an old crate to make a hotel for minibeasts.\n\nIsla said: *"The woodlice need a dark '
        'bedroom, so this bit is for them."* Freddie counted the pine cones (**eleven**) and Evie '
        "suggested a sign so the bugs would know where to go.",
        (("UW", "The natural world"), ("PSED", "Building relationships"), ("M", "Number")),
        ("PE", "CT"),
        PUBLISHED,
        (
            Photo("bugs", (ISLA, FREDDIE), "Filling the crate with sticks"),
            Photo("garden", (FREDDIE, EVIE), "Freddie and Evie looking for woodlice"),
        ),
        (
            (PARENT, ISLA, "Isla told us all about the woodlice bedroom at tea time! She wants to make one at home."),
            (AMIRA, ISLA, "Lovely! A few sticks under a flowerpot in the garden would be perfect."),
        ),
    ),
    Spec(
        5,
        AMIRA,
        (ISLA,),
        "Writing her name",
        "Isla wrote her name on her painting without a model to copy, forming the *I* and *s* "
        "correctly and saying each sound as she wrote it.",
        (("L", "Writing"), ("PD", "Fine motor skills")),
        ("AL",),
        PUBLISHED,
        (Photo("paint", (ISLA,), "Isla's name on her painting"),),
    ),
    Spec(
        9,
        AMIRA,
        (ISLA, THEO),
        "Taking turns on the bikes",
        'Isla noticed Theo waiting and said *"You can have a go after two more laps"*, then kept her '
        "word. Theo thanked her.",
        (("PSED", "Self-regulation"), ("PSED", "Building relationships")),
    ),
    Spec(
        16,
        AMIRA,
        (ISLA,),
        "Retelling a story",
        "After *The Gruffalo*, Isla retold the story with the puppets, in order, using phrases from "
        'the book: *"a terrible tusk"*.',
        (("CL", "Speaking"), ("L", "Comprehension")),
        ("CT",),
    ),
    Spec(
        3,
        DANIEL,
        (RUBY, AMARA, LILY),
        "Shop role play",
        "Ruby, Amara and Lily set up a shop. Amara gave change using 1p coins, counting up to five.",
        (("M", "Number"), ("EAD", "Being imaginative and expressive")),
        ("PE",),
        PUBLISHED,
        (Photo("blocks", (RUBY, AMARA, LILY), "The shop counter"),),
    ),
    Spec(
        1,
        DANIEL,
        (LILY,),
        "Balancing on the beam",
        "Lily walked the length of the low beam with her arms out, then tried it sideways.",
        (("PD", "Gross motor skills"),),
        ("AL",),
        DRAFT,
    ),
    Spec(
        4,
        CHLOE,
        (ALFIE,),
        "Pouring at the water tray",
        "Alfie filled the jug and poured into the small cups, stopping before each one overflowed. "
        'He said *"full up!"* each time.',
        (("PD", "Fine motor skills"), ("CL", "Speaking"), ("M", "Numerical patterns")),
        ("PE",),
        PUBLISHED,
        (Photo("water", (ALFIE,), "Alfie pouring water"),),
    ),
    Spec(
        12,
        CHLOE,
        (ALFIE, ZOSIA, POPPY),
        "Painting with our hands",
        "Alfie, Zosia and Poppy explored paint with their hands and talked about the colours mixing.",
        (("EAD", "Creating with materials"),),
        ("PE",),
        PUBLISHED,
        (Photo("paint", (ALFIE, ZOSIA, POPPY), "Hand prints"),),
    ),
    Spec(
        20,
        CHLOE,
        (ALFIE,),
        "Settling in at lunch",
        "Alfie sat with his friends at lunch and tried the pasta for the first time.",
        (("PSED", "Managing self"),),
    ),
    Spec(
        6,
        FIONA,
        (LEO, ANA),
        "Tallest tower",
        "Leo and Ana built a tower taller than themselves and measured it against the door.",
        (("M", "Numerical patterns"), ("PD", "Gross motor skills")),
        ("CT",),
        PUBLISHED,
        (Photo("blocks", (LEO, ANA), "The tower by the door"),),
    ),
    Spec(
        8,
        JAMAL,
        (ZARA,),
        "Speech and language note",
        "Zara used three-word phrases with adults today, less with other children. To discuss with the SENCO.",
        (("CL", "Speaking"),),
        (),
        STAFF,
    ),
]

SKY, GRASS, SUN = (170, 215, 245), (110, 180, 90), (250, 210, 60)
SCENES = {
    "bugs": ((140, 95, 60), "crate"),
    "garden": ((90, 140, 60), "bush"),
    "blocks": ((220, 80, 70), "tower"),
    "paint": ((240, 240, 235), "easel"),
    "water": ((80, 150, 220), "tray"),
}
FIGURES = [(230, 120, 40), (120, 80, 200), (40, 160, 160), (200, 60, 130)]


def draw(scene: str, figures: int, seed: int) -> bytes:
    """A small made-up picture: sky, grass, sun, the scene's object and a few stick figures."""
    width, height = 480, 360
    image = Image.new("RGB", (width, height), SKY)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 230, width, height), fill=GRASS)
    pen.ellipse((390, 20, 450, 80), fill=SUN)
    colour, kind = SCENES.get(scene, SCENES["garden"])
    if kind == "tower":
        for level in range(6):
            pen.rectangle((60, 220 - level * 30, 120, 248 - level * 30), fill=FIGURES[level % 4], outline=(0, 0, 0))
    elif kind == "easel":
        pen.rectangle((40, 80, 170, 230), fill=colour, outline=(60, 40, 20), width=4)
        pen.ellipse((70, 110, 130, 170), fill=FIGURES[seed % 4])
    elif kind == "tray":
        pen.rectangle((30, 200, 200, 250), fill=colour, outline=(40, 40, 40), width=3)
    elif kind == "crate":
        pen.rectangle((40, 170, 190, 250), fill=colour, outline=(70, 40, 20), width=4)
        for stick in range(6):
            pen.line((50 + stick * 22, 180, 60 + stick * 22, 240), fill=(90, 60, 30), width=5)
    else:
        pen.ellipse((30, 150, 190, 260), fill=colour)
    for i in range(figures):
        x = 230 + i * 60
        body = FIGURES[(i + seed) % 4]
        pen.ellipse((x, 150, x + 30, 180), fill=(240, 200, 170))
        pen.rectangle((x + 5, 180, x + 25, 230), fill=body)
        pen.line((x + 10, 230, x + 5, 260), fill=(50, 50, 80), width=5)
        pen.line((x + 20, 230, x + 25, 260), fill=(50, 50, 80), width=5)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return out.getvalue()


def _children(setting: Setting) -> dict[str, Child]:
    found = {}
    for child in Child.objects.filter(setting=setting):
        found[f"{child.first_name} {child.last_name}"] = child
    return found


def _users(emails: set[str]) -> dict[str, User]:
    return {u.email: u for u in User.objects.filter(email__in=emails)}


def _aspects() -> dict[tuple[str, str], Aspect]:
    return {(a.area.code, a.name): a for a in Aspect.objects.select_related("area")}


def seed(*, setting: Setting) -> None:
    if not Area.objects.exists():
        ensure_eyfs()
    children = _children(setting)
    users = _users({s.author for s in SPECS} | {a for s in SPECS for a, _, _ in s.comments})
    aspects = _aspects()
    characteristics = {c.code: c for c in Characteristic.objects.all()}
    existing = set(Observation.objects.filter(setting=setting).values_list("title", flat=True))
    now = timezone.now()
    for number, spec in enumerate(SPECS):
        if spec.title in existing:
            continue
        author = users.get(spec.author)
        chosen = [children[name] for name in spec.children if name in children]
        if author is None or not chosen:
            continue
        at = now - dt.timedelta(days=spec.days_ago, hours=number % 5)
        shared = spec.status == PUBLISHED
        observation = Observation.objects.create(
            setting=setting,
            status=spec.status,
            title=spec.title,
            text=spec.text,
            observed_on=timezone.localdate() - dt.timedelta(days=spec.days_ago),
            author=author,
            created_at=at,
            updated_at=at,
            published_at=at + dt.timedelta(hours=2) if shared else None,
            published_by=author if shared else None,
        )
        ObservationChild.objects.bulk_create(
            [ObservationChild(observation=observation, child=c, shared_at=observation.published_at) for c in chosen]
        )
        observation.aspects.set([aspects[key] for key in spec.aspects if key in aspects])
        observation.characteristics.set([characteristics[c] for c in spec.characteristics if c in characteristics])
        for order, photo in enumerate(spec.photos):
            pictured = [children[name] for name in photo.pictured if name in children]
            media = Media(
                setting=setting,
                observation=observation,
                caption=photo.caption,
                content_type="image/jpeg",
                uploaded_by=author,
                uploaded_at=at,
                order=order,
            )
            media.original.save("upload.img", ContentFile(draw(photo.scene, len(pictured), number + order)), save=False)
            media.save()
            media.children.set(pictured)
            process_media.call(media.pk)  # prepared now, not in the task queue
        for email, child_name, text in spec.comments:
            who, child = users.get(email), children.get(child_name)
            if who is None or child is None:
                continue
            Comment.objects.create(
                observation=observation,
                child=child,
                author=who,
                from_family=email == PARENT,
                text=text,
                created_at=at + dt.timedelta(hours=6 if email == PARENT else 20),
            )
