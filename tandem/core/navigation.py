"""The main navigation and the office page: each app registers its entries with the action
that shows them.

A person sees an entry only if they may do its action somewhere, so the menu follows the
access layer rather than a hard-coded list of roles. Everyday pages go in the main menu;
the setting's administration (queues, overviews, imports) goes on the office page, so the
menu stays short on a phone.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from .access import Action, can, permitted


@dataclass(frozen=True)
class Entry:
    label: str
    action: Action
    url: Callable[[Any], str | None]  # given the user; None hides the entry
    order: int = 50
    description: str = ""


ENTRIES: list[Entry] = []
OFFICE: list[Entry] = []


@dataclass(frozen=True)
class Badge:
    """A link in the page header with a count (for example: unread notifications)."""

    label: str
    url_name: str
    count: Callable[[Any], int]  # given the user; called once, only when a page shows the header


BADGES: list[Badge] = []


@dataclass(frozen=True)
class OrganisationLink:
    """A link on the provider's page (owners, line managers), to a page about the organisation
    (``per_setting=False``: the URL takes the organisation's id) or about each of its settings."""

    label: str
    action: Action
    url_name: str
    per_setting: bool = False
    order: int = 50


ORGANISATION_LINKS: list[OrganisationLink] = []


def register_organisation_link(
    label: str, action: Action, url_name: str, *, per_setting: bool = False, order: int = 50
) -> None:
    if any(link.label == label for link in ORGANISATION_LINKS):
        return
    ORGANISATION_LINKS.append(OrganisationLink(label, action, url_name, per_setting, order))
    ORGANISATION_LINKS.sort(key=lambda link: link.order)


def organisation_links(user: Any, organisation: Any, settings: list[Any]) -> dict[str, Any]:
    """The links this person may follow on the provider's page: {"organisation": [...],
    "settings": {setting id: [...]}}. One check per link and setting (a provider has few)."""
    found: dict[str, Any] = {"organisation": [], "settings": {s.pk: [] for s in settings}}
    for link in ORGANISATION_LINKS:
        if not link.per_setting:
            if can(user, link.action, organisation):
                found["organisation"].append(
                    {"label": link.label, "url": reverse(link.url_name, args=[organisation.pk])}
                )
            continue
        for setting in settings:
            if can(user, link.action, setting):
                found["settings"][setting.pk].append(
                    {"label": link.label, "url": reverse(link.url_name, args=[setting.pk])}
                )
    return found


def register_badge(label: str, url_name: str, count: Callable[[Any], int]) -> None:
    if any(b.label == label for b in BADGES):
        return
    BADGES.append(Badge(label, url_name, count))


def _resolver(url: str | Callable[[Any], str | None]) -> Callable[[Any], str | None]:
    return url if callable(url) else _named(url)


def _named(name: str) -> Callable[[Any], str | None]:
    return lambda _user: reverse(name)


def register(label: str, action: Action, url: str | Callable[[Any], str | None], order: int = 50) -> None:
    """An entry in the main menu."""
    if any(e.label == label for e in ENTRIES):
        return
    ENTRIES.append(Entry(label, action, _resolver(url), order))
    ENTRIES.sort(key=lambda e: e.order)


def register_office(
    label: str, description: str, action: Action, url: str | Callable[[Any], str | None], order: int = 50
) -> None:
    """A tile on the office page (the setting's administration)."""
    if any(e.label == label for e in OFFICE):
        return
    OFFICE.append(Entry(label, action, _resolver(url), order, description))
    OFFICE.sort(key=lambda e: e.order)


def setting_page(action: Action, url_name: str) -> Callable[[Any], str | None]:
    """A URL for the first setting where the user may do ``action``: from the roles and links
    the access layer has already loaded, so usually no query."""

    def resolve(user: Any) -> str | None:
        ids: set[int] = set()
        exact = True
        for rule in action.rules:
            if getattr(rule, "setting", None) == "" and hasattr(rule, "setting_ids"):
                ids.update(rule.setting_ids(user))
            else:
                exact = False
        if not ids and not exact:
            from .models import Setting

            found = permitted(user, action, Setting.objects.order_by("pk")).values_list("pk", flat=True).first()
            ids = {found} if found else set()
        return reverse(url_name, args=[min(ids)]) if ids else None

    return resolve


def visible(user: Any, entries: list[Entry]) -> list[dict[str, str]]:
    shown = []
    for entry in entries:
        if not can(user, entry.action):
            continue
        url = entry.url(user)
        if url is not None:
            shown.append({"label": entry.label, "url": url, "description": entry.description})
    return shown


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": []}
    nav = visible(user, ENTRIES)
    for item in nav:
        url = item["url"]
        item["current"] = request.path == url or (url != "/" and request.path.startswith(url))  # type: ignore[assignment]
    badges = [
        {"label": b.label, "url": reverse(b.url_name), "count": functools.cache(functools.partial(b.count, user))}
        for b in BADGES
    ]
    return {"nav": nav, "header_badges": badges}
