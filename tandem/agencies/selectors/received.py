"""Reads of information received from other agencies (R49), filtered by the access layer.

Every item shows where it came from (:func:`origin_of`, and the ``_origin.html`` line on every page
that shows it). Whether it may leave the setting is :func:`consent_in_force`: the originating
agency's latest consent that has not been withdrawn.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, OuterRef, QuerySet, Subquery, Window

from tandem.core.access import can, permitted
from tandem.core.models import User
from tandem.people.models import Child

from ..actions.received import RECEIVED_CONSENT, RECEIVED_VIEW
from ..models import Agency, ReceivedConsent, ReceivedItem

NOT_PASSABLE = (
    '"{title}" came from {origin}. It cannot be passed on to anyone outside the setting until you have '
    "recorded {origin}'s consent to pass it on."
)
PANEL_ITEMS = 5


def consent_in_force(item: ReceivedItem) -> ReceivedConsent | None:
    """The originating agency's latest consent to pass the item on, if it has not been withdrawn."""
    return ReceivedConsent.objects.filter(item=item, withdrawn_at__isnull=True).order_by("-recorded_at", "-pk").first()


def origin_of(item: ReceivedItem) -> str:
    return item.agency.name if item.agency_id and item.agency else item.from_name


def _in_force() -> QuerySet[ReceivedConsent]:
    return ReceivedConsent.objects.filter(item=OuterRef("pk"), withdrawn_at__isnull=True).order_by(
        "-recorded_at", "-pk"
    )


def items_for(*, actor: User, child: Child) -> QuerySet[ReceivedItem]:
    """The child's items this person may read (safeguarding ones only for the DSL, the manager and the
    key person), newest first, each with ``consent_scope``: the scope of the consent in force, or None.
    One query a page."""
    items = ReceivedItem.objects.filter(child=child).select_related("agency", "recorded_by")
    return (
        permitted(actor, RECEIVED_VIEW, items)
        .annotate(consent_scope=Subquery(_in_force().values("scope")[:1]))
        .order_by("-received_on", "-pk")
    )


def panel(user: User, child: Child) -> dict[str, Any]:
    """The child-record panel: how many items this person may read and the newest few. One query."""
    items = list(
        permitted(user, RECEIVED_VIEW, ReceivedItem.objects.filter(child=child))
        .select_related("agency")
        .annotate(total=Window(expression=Count("pk")))
        .order_by("-received_on", "-pk")[:PANEL_ITEMS]
    )
    return {"items": items, "count": items[0].total if items else 0}  # type: ignore[attr-defined]


def consents_of(item: ReceivedItem) -> list[ReceivedConsent]:
    """Every consent recorded for the item, newest first; the one in force has ``in_force`` set."""
    consents = list(item.consents.select_related("recorded_by").order_by("-recorded_at", "-pk"))
    current = next((c for c in consents if c.withdrawn_at is None), None)
    for consent in consents:
        consent.in_force = consent is current  # type: ignore[attr-defined]
    return consents


def may_consent(user: User, item: ReceivedItem) -> bool:
    return can(user, RECEIVED_CONSENT, item)


def agency_choices(setting_id: int) -> QuerySet[Agency]:
    """The setting's directory, for "which agency it came from"."""
    return Agency.objects.filter(setting_id=setting_id, active=True).order_by("name")
