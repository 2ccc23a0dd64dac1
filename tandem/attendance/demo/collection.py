"""Demo: who collects Isla Morgan (R43, R44).

Isla's maternal grandmother, Margaret Hughes, is a named collector with a photo (drawn here with
Pillow and cleaned as an upload would be); Emma Morgan has set Isla's collection password
(``DEMO_COLLECTION_PASSWORD``, for the browser test). Craig Donnelly, whose court order bars him
from collecting Leo Walsh, is listed as BLOCKED for Leo by the selector itself: nothing to add.
No one-off permission is made here: the browser test gives one. Running it again changes nothing.
"""

from __future__ import annotations

import io

from django.contrib.auth.hashers import check_password, make_password
from django.core.files.uploadedfile import SimpleUploadedFile

from tandem.core.images import clean_photo
from tandem.core.models import Setting, User
from tandem.people.management.commands.seed_demo import MAIN_CHILD, PARENT_EMAIL
from tandem.people.models import Child

from ..models import CollectionPassword, Collector
from ..services.collection import PHOTO_SIDE

DEMO_COLLECTION_PASSWORD = "yellow submarine"
GRANDMOTHER = "Margaret Hughes"


def _portrait() -> bytes:
    """A friendly drawn face: grey hair, glasses."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (480, 600), (214, 232, 240))
    draw = ImageDraw.Draw(image)
    draw.ellipse((110, 90, 370, 380), fill=(200, 200, 205))  # hair
    draw.ellipse((140, 140, 340, 400), fill=(240, 205, 180))  # face
    for x in (190, 290):
        draw.ellipse((x - 28, 240, x + 28, 290), outline=(60, 60, 70), width=5)  # glasses
        draw.ellipse((x - 6, 258, x + 6, 270), fill=(70, 90, 120))
    draw.line((218, 265, 262, 265), fill=(60, 60, 70), width=5)
    draw.arc((205, 310, 275, 360), 20, 160, fill=(160, 70, 70), width=5)  # smile
    draw.rectangle((90, 430, 390, 600), fill=(120, 60, 110))  # cardigan
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def seed(*, setting: Setting) -> None:
    first, last = MAIN_CHILD
    isla = Child.objects.filter(setting=setting, first_name=first, last_name=last).first()
    if isla is None:
        return
    emma = User.objects.filter(email=PARENT_EMAIL).first()
    nan = Collector.objects.filter(child=isla, name=GRANDMOTHER, removed_at__isnull=True).first()
    if nan is None:
        nan = Collector.objects.create(
            child=isla,
            name=GRANDMOTHER,
            relationship="Grandmother (mum's mum)",
            phone="07700 900482",
            is_adult=True,
            added_by=emma,
        )
    if not nan.photo:
        upload = SimpleUploadedFile("margaret.png", _portrait(), content_type="image/png")
        nan.photo.save("photo.jpg", clean_photo(upload, max_side=PHOTO_SIDE), save=True)
    stored = CollectionPassword.objects.filter(child=isla).first()
    if stored is None:
        CollectionPassword.objects.create(
            child=isla, password_hash=make_password(DEMO_COLLECTION_PASSWORD), set_by=emma
        )
    elif not check_password(DEMO_COLLECTION_PASSWORD, stored.password_hash):
        stored.password_hash = make_password(DEMO_COLLECTION_PASSWORD)
        stored.save(update_fields=["password_hash"])
