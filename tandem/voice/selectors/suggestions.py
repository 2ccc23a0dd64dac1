"""Reads of suggestions (R37), filtered by the access layer in the database."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from tandem.core.access import permitted
from tandem.core.models import Setting

from ..actions.suggestions import SUGGESTION_LIST, SUGGESTION_OWN, SUGGESTION_VIEW
from ..models import Suggestion


def received(user: Any, setting: Setting, *, status: str = "", tone: str = "") -> QuerySet[Suggestion]:
    found = permitted(user, SUGGESTION_VIEW, Suggestion.objects.filter(setting=setting))
    if status:
        found = found.filter(status=status)
    if tone:
        found = found.filter(tone=tone)
    return found.select_related("author", "replied_by")


def mine(user: Any, setting: Setting) -> QuerySet[Suggestion]:
    return permitted(user, SUGGESTION_OWN, Suggestion.objects.filter(setting=setting))


def you_said_we_did(setting: Setting) -> QuerySet[Suggestion]:
    """What the setting made public: replies marked public, and what changed. Never who."""
    shown = Q(reply_public=True) & ~Q(reply="") | ~Q(we_did="")
    return Suggestion.objects.filter(shown, setting=setting).order_by("-we_did_on", "-received_on", "-pk")


def counts(user: Any, setting: Setting) -> dict[str, int]:
    """How many new suggestions wait for an answer (for the list's heading)."""
    found = permitted(user, SUGGESTION_LIST, Setting.objects.filter(pk=setting.pk)).exists()
    if not found:
        return {"new": 0}
    return {"new": Suggestion.objects.filter(setting=setting, status=Suggestion.Status.NEW).count()}
