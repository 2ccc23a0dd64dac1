"""Translations of parent-facing items (R31): written by a person or asked of a machine.

A feature makes its model translatable once, in its hooks: ``register_translatable(Post,
"comms.news.manage")`` (the action, or its name, looked up when first needed). Whoever may do
that action to an item may write, correct or remove its translations and ask for machine ones.
Only the fields the model lists in ``TRANSLATABLE`` are translated; each translation keeps a hash
of the original as it was, so a changed original shows its translations as out of date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models, transaction
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import ACTIONS, Action, require
from tandem.core.models import User

from ..languages import CODES, ENGLISH, name_of
from ..models.translations import Translation
from ..selectors.translations import fields_hash, original_fields
from ..translation_providers import get_provider

MAX_LENGTH = 20_000  # characters of one translated field


@dataclass(frozen=True)
class Translatable:
    model: type[models.Model]
    manage: Action | str  # the action (or its name) that allows managing an item's translations

    @property
    def action(self) -> Action:
        if isinstance(self.manage, Action):
            return self.manage
        try:
            return ACTIONS[self.manage]
        except KeyError:
            raise ImproperlyConfigured(
                f"{self.model.__name__} is translatable under {self.manage!r}, which is not an action"
            ) from None

    @property
    def action_name(self) -> str:
        return self.manage.name if isinstance(self.manage, Action) else self.manage


REGISTRY: dict[type[models.Model], Translatable] = {}


def register_translatable(model: type[models.Model], manage_action: Action | str) -> None:
    """Make ``model``'s items translatable by those who may do ``manage_action`` to them.
    Registering the same model again with the same action changes nothing; another action is an error."""
    if not getattr(model, "TRANSLATABLE", None):
        raise ValueError(f"{model.__name__} lists no TRANSLATABLE fields")
    entry = Translatable(model, manage_action)
    existing = REGISTRY.get(model)
    if existing is not None and existing.action_name != entry.action_name:
        raise ValueError(f"{model.__name__} is already translatable under {existing.action_name}")
    REGISTRY[model] = entry


def translatable(model: type[models.Model]) -> Translatable | None:
    return REGISTRY.get(model)


def _entry(item: models.Model) -> Translatable:
    entry = REGISTRY.get(type(item))
    if entry is None:
        raise ValueError(f"{type(item).__name__} is not registered as translatable")
    return entry


def _child_ids(item: Any) -> list[int]:
    child_id = getattr(item, "child_id", None)
    return [child_id] if child_id else []


def _record(event: str, actor: Any, item: Any) -> None:
    audit.record(event, actor, child_ids=_child_ids(item), obj=item, setting_id=getattr(item, "setting_id", None))


def _check_language(language: str, field: str = "language") -> str:
    code = (language or "").strip()
    if code not in CODES or code == ENGLISH:
        raise ValidationError({field: "Choose a language from the list (not English: the original is in English)."})
    return code


def version_of(translation: Translation | None) -> str:
    """A fingerprint of a translation as shown, so a save over someone else's newer one is refused."""
    if translation is None:
        return "new"
    return fields_hash({"fields": translation.fields, "source": translation.source})[:32]


def _content_type(item: models.Model) -> ContentType:
    return ContentType.objects.get_for_model(type(item))


def save_translation(
    *,
    actor: User,
    item: Any,
    language: str,
    fields: dict[str, str],
    seen_version: str | None = None,
) -> Translation:
    """A person writes or corrects the translation of ``item`` into ``language``. Every field the
    original has text in must be translated. ``seen_version`` (``version_of`` the translation as
    the form showed it) refuses a save over someone else's newer one."""
    entry = _entry(item)
    require(actor, entry.action, item)
    code = _check_language(language)
    allowed = tuple(item.TRANSLATABLE)
    unknown = sorted(set(fields) - set(allowed))
    if unknown:
        raise ValidationError(f"Only these parts can be translated: {', '.join(allowed)}.")
    original = original_fields(item)
    clean: dict[str, str] = {}
    errors: dict[str, str] = {}
    for name in allowed:
        value = fields.get(name)
        if value is not None and not isinstance(value, str):
            raise ValidationError("A translation is text.")
        text = (value or "").replace("\r\n", "\n").strip()
        if len(text) > MAX_LENGTH:
            errors[name] = f"This is too long: at most {MAX_LENGTH:,} characters."
        elif original[name].strip() and not text:
            errors[name] = f"Translate this too, into {name_of(code)}."
        clean[name] = text
    if errors:
        raise ValidationError(errors)
    content_type = _content_type(item)
    now = timezone.now()
    with transaction.atomic():
        current = (
            Translation.objects.select_for_update()
            .filter(content_type=content_type, object_id=item.pk, language=code)
            .first()
        )
        if seen_version is not None and seen_version != version_of(current):
            raise ValidationError(
                "Someone else saved this translation while you were writing. Yours is still in the form and "
                "theirs is shown above it: compare them, then save again to keep yours."
            )
        values = {
            "fields": clean,
            "source": Translation.Source.HUMAN,
            "provider": "",
            "translated_by": actor,
            "original_hash": fields_hash(original),
            "updated_at": now,
        }
        if current is None:
            translation = Translation.objects.create(
                content_type=content_type, object_id=item.pk, language=code, created_at=now, **values
            )
        else:
            for key, new in values.items():
                setattr(current, key, new)
            current.save()
            translation = current
        _record("comms.translation.saved", actor, item)
    return translation


def delete_translation(*, actor: User, item: Any, language: str) -> bool:
    """Remove the translation of ``item`` into ``language``: families then read the original."""
    entry = _entry(item)
    require(actor, entry.action, item)
    code = _check_language(language)
    with transaction.atomic():
        deleted, _ = Translation.objects.filter(
            content_type=_content_type(item), object_id=item.pk, language=code
        ).delete()
        if deleted:
            _record("comms.translation.deleted", actor, item)
    return bool(deleted)


def request_machine_translation(*, actor: User, item: Any, languages: Iterable[str]) -> list[str]:
    """Ask the configured provider to translate ``item`` into ``languages``, in the background.
    A person's translation that is up to date is kept. Returns the languages asked for."""
    entry = _entry(item)
    require(actor, entry.action, item)
    if get_provider() is None:
        raise ValidationError("Machine translation is not set up here.")
    codes = sorted({_check_language(code, "languages") for code in languages})
    if not codes:
        raise ValidationError({"languages": "Choose at least one language."})
    from ..tasks_translations import machine_translate

    content_type_id = _content_type(item).pk
    with transaction.atomic():
        _record("comms.translation.machine_requested", actor, item)
        transaction.on_commit(lambda: machine_translate.enqueue(content_type_id, item.pk, codes))
    return codes
