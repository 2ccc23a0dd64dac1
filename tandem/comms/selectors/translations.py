"""Reading a parent-facing item in the reader's language (R31).

Each translatable model lists its fields in ``TRANSLATABLE``. ``localise_many`` gives, for each
item, the text to show in the reader's language (a translation when one exists, else the
original) and what the page must say about it: which language, by a person or a machine, and
whether the original has changed since. The original stays one tap away (``original``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from tandem.core.access import MAX_ID, get_permitted

from ..languages import ENGLISH, code_for, direction, name_of
from ..models.translations import Translation


def original_fields(item: Any) -> dict[str, str]:
    return {name: getattr(item, name) or "" for name in item.TRANSLATABLE}


def fields_hash(fields: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()


@dataclass
class Localised:
    """An item's text for one reader. ``text`` is what to show; ``original`` the item's own words."""

    item: Any
    language: str  # the language of ``text``
    text: dict[str, str]
    original: dict[str, str]
    translation: Translation | None = None
    stale: bool = False  # the original changed after it was translated
    wanted: str = ENGLISH  # the reader's language, translated or not
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def translated(self) -> bool:
        return self.translation is not None

    @property
    def machine(self) -> bool:
        return self.translation is not None and self.translation.source == Translation.Source.MACHINE

    @property
    def language_name(self) -> str:
        return name_of(self.language)

    @property
    def dir(self) -> str:
        return direction(self.language)

    def __getattr__(self, name: str) -> str:
        # In templates: {{ loc.title }} is the title in the reader's language.
        text = self.__dict__.get("text") or {}
        if name in text:
            return text[name]
        raise AttributeError(name)


def localise_many(items: Sequence[Any], language: str, *, original: bool = False) -> list[Localised]:
    """Each item in ``language`` where a translation exists (``original=True`` asks for the original).
    One query for any number of items of one model."""
    items = list(items)
    found: dict[int, Translation] = {}
    if items and language != ENGLISH and not original:
        content_type = ContentType.objects.get_for_model(type(items[0]))
        found = {
            t.object_id: t
            for t in Translation.objects.filter(
                content_type=content_type, object_id__in=[i.pk for i in items], language=language
            )
        }
    result = []
    for item in items:
        own = original_fields(item)
        t = found.get(item.pk)
        if t is None:
            result.append(Localised(item, ENGLISH, own, own, wanted=language))
            continue
        text = {name: t.fields.get(name) or own[name] for name in own}
        result.append(
            Localised(item, language, text, own, t, stale=t.original_hash != fields_hash(own), wanted=language)
        )
    return result


def localise(item: Any, language: str, *, original: bool = False) -> Localised:
    return localise_many([item], language, original=original)[0]


def translations_of(item: Any) -> list[Translation]:
    """Every translation of an item, for staff managing them."""
    content_type = ContentType.objects.get_for_model(type(item))
    return list(
        Translation.objects.filter(content_type=content_type, object_id=item.pk)
        .select_related("translated_by")
        .order_by("language")
    )


def translation_in(item: Any, language: str) -> Translation | None:
    content_type = ContentType.objects.get_for_model(type(item))
    return Translation.objects.filter(content_type=content_type, object_id=item.pk, language=language).first()


def translations_url(item: Any) -> str:
    """The staff page of an item's translations (for a feature's "Translations" link)."""
    content_type = ContentType.objects.get_for_model(type(item))
    return reverse("comms:translations", args=[content_type.pk, item.pk])


def item_for(user: Any, content_type_id: int, object_id: int) -> Any:
    """The translatable item named by a URL, if the user may manage it (its feature's action); 404 otherwise."""
    from ..services.translations import translatable

    if not 0 < content_type_id <= MAX_ID:
        raise Http404
    try:
        content_type = ContentType.objects.get_for_id(content_type_id)
    except ContentType.DoesNotExist:
        raise Http404 from None
    model = content_type.model_class()
    entry = translatable(model) if model is not None else None
    if model is None or entry is None:
        raise Http404
    return get_permitted(user, entry.action, model._default_manager.all(), object_id)


def family_languages(setting: Any) -> list[tuple[str, int]]:
    """The languages the families of a setting read, other than English, with how many parents
    and carers read each, most first: [(code, number)]. One query."""
    from tandem.people.models import Adult

    setting_id = getattr(setting, "pk", setting)
    today = timezone.localdate()
    rows = (
        Adult.objects.filter(
            Q(links__child__leaving_date__isnull=True) | Q(links__child__leaving_date__gte=today),
            links__child__setting_id=setting_id,
            links__no_information=False,
        )
        .exclude(preferred_language="")
        .values("preferred_language")
        .annotate(number=Count("pk", distinct=True))
    )
    counts: dict[str, int] = {}
    for row in rows:
        code = code_for(row["preferred_language"])
        if code != ENGLISH:
            counts[code] = counts.get(code, 0) + row["number"]
    return sorted(counts.items(), key=lambda pair: (-pair[1], name_of(pair[0])))
