"""Reads for learning at home (R15), already filtered by the access layer."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from tandem.core.access import permitted
from tandem.core.models import Setting, User
from tandem.people.models import Child

from ..actions.observations import JOURNAL_CONTRIBUTE
from ..models import Media, Observation, ObservationChild

HOME = Observation.Source.HOME
AWAITING = Observation.Status.AWAITING


def _with_details(queryset: QuerySet[Observation]) -> QuerySet[Observation]:
    return queryset.select_related("author_adult", "author", "acknowledged_by").prefetch_related(
        Prefetch("links", queryset=ObservationChild.objects.select_related("child", "child__key_person")),
        Prefetch("media", queryset=Media.objects.order_by("order", "pk")),
        "aspects__area",
        "next_steps",
    )


def contributable_children(*, actor: User, setting: Setting | int) -> QuerySet[Child]:
    setting_id = setting if isinstance(setting, int) else setting.pk
    return permitted(actor, JOURNAL_CONTRIBUTE, Child.objects.filter(setting_id=setting_id))


def queue(*, actor: User, setting: Setting) -> QuerySet[Observation]:
    """Home observations waiting to be read, of the children ``actor`` may contribute for, oldest first."""
    children = contributable_children(actor=actor, setting=setting).values("pk")
    about = ObservationChild.objects.filter(observation=OuterRef("pk"), child__in=children)
    waiting = Observation.objects.filter(setting=setting, source=HOME, status=AWAITING).filter(Exists(about))
    return _with_details(waiting).order_by("created_at", "pk")


def queue_count(*, actor: User, setting: Setting) -> int:
    children = contributable_children(actor=actor, setting=setting).values("pk")
    about = ObservationChild.objects.filter(observation=OuterRef("pk"), child__in=children)
    return Observation.objects.filter(setting=setting, source=HOME, status=AWAITING).filter(Exists(about)).count()


def awaiting_for_child(*, child: Child) -> QuerySet[Observation]:
    """All of a child's home observations waiting to be read (for staff who may contribute)."""
    return _with_details(Observation.objects.filter(source=HOME, status=AWAITING, links__child=child)).order_by(
        "created_at", "pk"
    )


def own_pending(*, actor: User, child: Child) -> QuerySet[Observation]:
    """``actor``'s own home observations about ``child`` still waiting to be read."""
    mine = Observation.objects.filter(source=HOME, status=AWAITING, author=actor, links__child=child)
    return _with_details(mine).order_by("-created_at", "-pk")


def recently_read(*, child: Child, limit: int = 10) -> list[Observation]:
    """The child's latest home observations already read and added to the journal (shared)."""
    shared = Observation.objects.filter(
        source=HOME, status=Observation.Status.PUBLISHED, links__child=child, links__shared_at__isnull=False
    )
    return list(_with_details(shared).order_by("-acknowledged_at", "-pk")[:limit])
