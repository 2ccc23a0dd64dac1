"""Reading a child's All About Me, through the access layer."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from tandem.core.access import permitted
from tandem.core.models import User
from tandem.enrolment.actions.aboutme import ABOUT_ME_VIEW
from tandem.enrolment.models.aboutme import ABOUT_ME_FIELDS, AllAboutMe, about_me_label
from tandem.people.models import Child


def _readable(actor: User, child: Child) -> QuerySet[AllAboutMe]:
    allowed = permitted(actor, ABOUT_ME_VIEW, Child.objects.filter(pk=child.pk)).values("pk")
    return AllAboutMe.objects.filter(child__in=allowed)


def booklet_for(*, actor: User, child: Child) -> AllAboutMe | None:
    """The child's booklet if it exists and the actor may read it (one query)."""
    return _readable(actor, child).select_related("updated_by").first()


def revisions(*, actor: User, child: Child, limit: int = 10) -> list[dict[str, Any]]:
    """Who changed the booklet, when, and which parts: newest first (two queries)."""
    history = AllAboutMe.history.model.objects.filter(  # type: ignore[attr-defined]
        child_id__in=permitted(actor, ABOUT_ME_VIEW, Child.objects.filter(pk=child.pk)).values("pk")
    )
    rows = list(history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    labels = {name: about_me_label(name) for name in ABOUT_ME_FIELDS}
    found: list[dict[str, Any]] = []
    for row, older in zip(rows, [*rows[1:], None], strict=True):
        if len(found) == limit:
            break
        if older is None:
            changed = [labels[n] for n in ABOUT_ME_FIELDS if getattr(row, n)]
        else:
            changed = [labels[n] for n in ABOUT_ME_FIELDS if getattr(row, n) != getattr(older, n)]
        found.append({"who": row.history_user, "when": row.history_date, "changed": changed, "first": older is None})
    return found


def summary(*, actor: User, child: Child) -> dict[str, Any]:
    """For the panel on the child's record: how much is filled in, and when it last changed (one query)."""
    booklet = booklet_for(actor=actor, child=child)
    if booklet is None:
        return {"booklet": None}
    filled = sum(1 for name in ABOUT_ME_FIELDS if getattr(booklet, name))
    return {"booklet": booklet, "filled": filled, "total": len(ABOUT_ME_FIELDS)}
