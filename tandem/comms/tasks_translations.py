"""Machine translation in the background (R31). Ids and language codes only."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from tandem.core import audit

from .languages import ENGLISH
from .models.translations import Translation
from .selectors.translations import fields_hash, original_fields
from .translation_providers import ProviderError, get_provider

logger = logging.getLogger("tandem.comms")


@task()
def machine_translate(content_type_id: int, object_id: int, languages: list[str]) -> int:
    """Translate the item into each language with the configured provider and save it, labelled
    as a machine translation. A translation (a person's or a machine's) that is up to date with
    the original is kept; a stale one is replaced. Returns how many were saved."""
    provider = get_provider()
    if provider is None:
        return 0
    content_type = ContentType.objects.get_for_id(content_type_id)
    model = content_type.model_class()
    item: Any = model._default_manager.filter(pk=object_id).first() if model is not None else None
    if item is None:
        return 0
    original = original_fields(item)
    digest = fields_hash(original)
    names = [name for name in item.TRANSLATABLE if original[name].strip()]
    if not names:
        return 0
    same_item = Translation.objects.filter(content_type=content_type, object_id=object_id)
    up_to_date = set(same_item.filter(language__in=languages, original_hash=digest).values_list("language", flat=True))
    provider_name = (getattr(provider, "name", "") or type(provider).__name__)[:60]
    saved = 0
    for language in languages:
        if language == ENGLISH or language in up_to_date:
            continue
        try:
            texts = provider.translate([original[name] for name in names], ENGLISH, language)
        except ProviderError:
            logger.exception("machine translation into %s failed", language)
            continue
        if len(texts) != len(names):
            logger.error("machine translation into %s gave %s texts for %s", language, len(texts), len(names))
            continue
        fields = {name: "" for name in item.TRANSLATABLE} | dict(zip(names, (t.strip() for t in texts), strict=True))
        now = timezone.now()
        with transaction.atomic():
            current = same_item.select_for_update().filter(language=language).first()
            if current is not None and current.original_hash == digest:
                continue  # someone translated it meanwhile
            values = {
                "fields": fields,
                "source": Translation.Source.MACHINE,
                "provider": provider_name,
                "translated_by": None,
                "original_hash": digest,
                "updated_at": now,
            }
            if current is None:
                Translation.objects.create(
                    content_type=content_type, object_id=object_id, language=language, created_at=now, **values
                )
            else:
                Translation.objects.filter(pk=current.pk).update(**values)
            audit.record(
                "comms.translation.machine_saved",
                None,
                child_ids=[item.child_id] if getattr(item, "child_id", None) else [],
                obj=item,
                setting_id=getattr(item, "setting_id", None),
            )
        saved += 1
    return saved
