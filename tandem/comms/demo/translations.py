"""Demo translations for Willowbrook (R31).

* The walk to Brook Meadow park (Ladybirds) is translated by the manager into Urdu, for Zara's
  mum Sana Ahmed, and into Romanian, for Ana Popescu's family.
* The visit to Willowbrook Library (Butterflies) is translated into Vietnamese, for Lily Nguyen's
  family.
Each translation is only written when the outing's English is exactly the text translated here (so
a changed demo never gets a translation of other words), and only once.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType

from tandem.core.models import Setting, User

from ..models.outings import Outing
from ..models.translations import Translation
from ..selectors.translations import original_fields
from ..services.translations import save_translation

PARK = {
    "title": "Walk to Brook Meadow park",
    "purpose": "Looking for signs of the season: leaves, birds and minibeasts. We will collect leaves for our "
    "collage and count the ducks on the pond.",
    "place": "Brook Meadow park (the playground end), Willowbrook",
    "transport": "Walking (5 minutes)",
}
LIBRARY = {
    "title": "Visit to Willowbrook Library",
    "purpose": "Story time with the children's librarian, and each child chooses a book to borrow. "
    "We have been reading about people who help us, and the librarian will show how the library works.",
    "place": "Willowbrook Library, 2 Market Street, Willowbrook WB4 1AB",
    "transport": "Walking (about 10 minutes), holding hands in pairs, with a rope for the younger ones",
}
TRANSLATIONS: list[tuple[dict[str, str], str, dict[str, str]]] = [
    (
        PARK,
        "ur",
        {
            "title": "بروک میڈو پارک تک سیر",
            "purpose": "موسم کی نشانیاں تلاش کرنا: پتے، پرندے اور چھوٹے کیڑے مکوڑے\u06d4 "
            "ہم اپنے کولاژ کے لیے پتے جمع کریں گے اور تالاب پر بطخیں گنیں گے\u06d4",
            "place": "بروک میڈو پارک (جھولوں والی طرف)، ولو بروک",
            "transport": "پیدل (5 منٹ)",
        },
    ),
    (
        PARK,
        "ro",
        {
            "title": "Plimbare în parcul Brook Meadow",
            "purpose": "Căutăm semnele anotimpului: frunze, păsări și mici vietăți. Vom strânge frunze pentru colajul "
            "nostru și vom număra rațele de pe iaz.",
            "place": "Parcul Brook Meadow (capătul dinspre locul de joacă), Willowbrook",
            "transport": "Pe jos (5 minute)",
        },
    ),
    (
        LIBRARY,
        "vi",
        {
            "title": "Thăm Thư viện Willowbrook",
            "purpose": "Giờ kể chuyện với thủ thư thiếu nhi, và mỗi bé sẽ chọn một cuốn sách để mượn. Chúng tôi đã "
            "đọc về những người giúp đỡ chúng ta, và thủ thư sẽ cho các bé thấy thư viện hoạt động như thế nào.",
            "place": "Thư viện Willowbrook, 2 Market Street, Willowbrook WB4 1AB",
            "transport": "Đi bộ (khoảng 10 phút), các bé nắm tay nhau theo từng cặp, các bé nhỏ hơn đi theo dây dắt",
        },
    ),
]


def _translated(item: Any, language: str) -> bool:
    content_type = ContentType.objects.get_for_model(type(item))
    return Translation.objects.filter(content_type=content_type, object_id=item.pk, language=language).exists()


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import MANAGER_EMAIL

    manager = User.objects.filter(email=MANAGER_EMAIL).first()
    if manager is None:
        return
    for english, language, fields in TRANSLATIONS:
        outing = Outing.objects.filter(setting=setting, title=english["title"]).first()
        if outing is None or original_fields(outing) != english or _translated(outing, language):
            continue
        save_translation(actor=manager, item=outing, language=language, fields=fields)
