"""Extension points for feature apps on the child's pages.

A feature app (enrolment, journal, …) registers, in its ``AppConfig.ready``:

* a **panel**: a block on the child's record page, shown only to those allowed its action;
* a **link**: an entry under each child on the parent's home page and the child's record
  ("All About Me", "Consents", …), shown only to those allowed its action.

So ``people`` never imports a feature app, and a feature never edits people's templates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from tandem.core.access import Action, can, permitted

from .models import Child


@dataclass(frozen=True)
class Panel:
    key: str
    template: str  # rendered with ``child`` and ``panel`` (the context below) in its context
    action: Action
    context: Callable[[Any, Child], dict[str, Any]] = field(default=lambda user, child: {})
    order: int = 50


@dataclass(frozen=True)
class Link:
    key: str
    label: str
    url_name: str  # reversed with the child's id
    action: Action
    order: int = 50


PANELS: dict[str, Panel] = {}
LINKS: dict[str, Link] = {}


def register_panel(panel: Panel) -> None:
    PANELS[panel.key] = panel


def register_link(link: Link) -> None:
    LINKS[link.key] = link


def panels_for(user: Any, child: Child) -> list[tuple[Panel, dict[str, Any]]]:
    shown = []
    for panel in sorted(PANELS.values(), key=lambda p: (p.order, p.key)):
        if can(user, panel.action, child):
            shown.append((panel, panel.context(user, child)))
    return shown


def links_for(user: Any, child: Child) -> list[dict[str, str]]:
    return links_for_children(user, [child]).get(child.pk, [])


def links_for_children(user: Any, children: list[Child]) -> dict[int, list[dict[str, str]]]:
    """Each child's links, with one query per kind of link however many children there are."""
    ids = [c.pk for c in children]
    found: dict[int, list[dict[str, str]]] = {pk: [] for pk in ids}
    for link in sorted(LINKS.values(), key=lambda x: (x.order, x.key)):
        if not ids or not can(user, link.action):
            continue
        for pk in permitted(user, link.action, Child.objects.filter(pk__in=ids)).values_list("pk", flat=True):
            found[pk].append({"label": link.label, "url": reverse(link.url_name, args=[pk])})
    return found
