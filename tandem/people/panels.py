"""Extension points for feature apps on the child's pages.

A feature app (enrolment, journal, …) registers, in its ``AppConfig.ready``:

* a **panel**: a block on the child's record page, shown only to those allowed its action;
* a **flag**: a warning beside the child's name wherever staff see it ("No photo consent");
* a **link**: an entry under each child on the parent's home page and the child's record
  ("All About Me", "Consents", …), shown only to those allowed its action.

So ``people`` never imports a feature app, and a feature never edits people's templates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.urls import reverse

from tandem.core.access import Action, can, permitted, rule_filter

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


@dataclass(frozen=True)
class Flag:
    """A warning shown beside a child's name wherever staff see it ("No photo consent")."""

    key: str
    label: str
    action: Action  # who may see the flag
    flagged: Callable[[QuerySet[Child]], QuerySet[Child]]  # narrows children to those flagged, in the database


PANELS: dict[str, Panel] = {}
LINKS: dict[str, Link] = {}
FLAGS: dict[str, Flag] = {}


def register_panel(panel: Panel) -> None:
    PANELS[panel.key] = panel


def register_link(link: Link) -> None:
    LINKS[link.key] = link


def register_flag(flag: Flag) -> None:
    FLAGS[flag.key] = flag


def flags_for_children(user: Any, children: list[Child]) -> dict[int, list[str]]:
    """Each child's flags, in one query however many children and kinds of flag there are."""
    ids = [c.pk for c in children]
    found: dict[int, list[str]] = {pk: [] for pk in ids}
    flags = [flag for flag in sorted(FLAGS.values(), key=lambda f: f.key) if can(user, flag.action)]
    if not ids or not flags:
        return found
    base = Child.objects.filter(pk__in=ids)
    marks = {
        f"flag_{i}": ExpressionWrapper(
            Q(pk__in=flag.flagged(permitted(user, flag.action, base)).values("pk")), output_field=BooleanField()
        )
        for i, flag in enumerate(flags)
    }
    for row in base.annotate(**marks).values("pk", *marks):
        found[row["pk"]] += [flag.label for i, flag in enumerate(flags) if row[f"flag_{i}"]]
    return found


def flag_children(user: Any, children: Any) -> list[Child]:
    """The children as a list, each with ``child.flags`` set."""
    items = list(children)
    flags = flags_for_children(user, items)
    for child in items:
        child.flags = flags[child.pk]  # type: ignore[attr-defined]
    return items


def panels_for(user: Any, child: Child) -> list[tuple[Panel, dict[str, Any]]]:
    shown = []
    for panel in sorted(PANELS.values(), key=lambda p: (p.order, p.key)):
        if can(user, panel.action, child):
            shown.append((panel, panel.context(user, child)))
    return shown


def links_for(user: Any, child: Child) -> list[dict[str, str]]:
    return links_for_children(user, [child]).get(child.pk, [])


def links_for_children(user: Any, children: list[Child]) -> dict[int, list[dict[str, str]]]:
    """Each child's links, in one query however many children and kinds of link there are."""
    ids = [c.pk for c in children]
    found: dict[int, list[dict[str, str]]] = {pk: [] for pk in ids}
    links = [link for link in sorted(LINKS.values(), key=lambda x: (x.order, x.key)) if can(user, link.action)]
    if not ids or not links:
        return found
    flags = {
        f"link_{i}": ExpressionWrapper(Q(rule_filter(user, link.action)), output_field=BooleanField())
        for i, link in enumerate(links)
    }
    for row in Child.objects.filter(pk__in=ids).annotate(**flags).values("pk", *flags):
        for i, link in enumerate(links):
            if row[f"link_{i}"]:
                found[row["pk"]].append({"label": link.label, "url": reverse(link.url_name, args=[row["pk"]])})
    return found
