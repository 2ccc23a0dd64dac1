"""The main navigation: each app registers its entries with the action that shows them.

A person sees an entry only if they may do its action somewhere, so the menu follows the
access layer rather than a hard-coded list of roles.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from .access import Action, can


@dataclass(frozen=True)
class Entry:
    label: str
    action: Action
    url: Callable[[Any], str | None]  # given the user; None hides the entry
    order: int = 50


ENTRIES: list[Entry] = []


def register(label: str, action: Action, url: str | Callable[[Any], str | None], order: int = 50) -> None:
    if any(e.label == label for e in ENTRIES):
        return
    resolve = url if callable(url) else _named(url)
    ENTRIES.append(Entry(label, action, resolve, order))
    ENTRIES.sort(key=lambda e: e.order)


def _named(name: str) -> Callable[[Any], str | None]:
    return lambda _user: reverse(name)


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": []}
    nav = []
    for entry in ENTRIES:
        if not can(user, entry.action):
            continue
        url = entry.url(user)
        if url is None:
            continue
        current = request.path == url or (url != "/" and request.path.startswith(url))
        nav.append({"label": entry.label, "url": url, "current": current})
    return {"nav": nav}
