"""Every read about observations (R14): the child's journal feed, one observation, the staff list.

A family's feed is the child's ``ObservationChild`` rows with ``shared_at`` set, newest first, by
keyset (``shared_at``, observation id): one indexed range scan, whatever the journal's length, and
a fixed number of queries a page (the rows, their tags, their photos). Photos reach a family only
through :func:`tandem.journal.selectors.media.family_visible` (consent at the point of use).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from tandem.core.access import can, permitted
from tandem.core.models import Setting, User
from tandem.enrolment.selectors.consents import consents_for_children
from tandem.people.models import Child

from ..actions.observations import JOURNAL_CONTRIBUTE, OBSERVATION_EDIT
from ..models import Area, Aspect, Comment, Media, Observation, ObservationChild
from .media import JOURNAL_PHOTO_CONSENT, family_visible

FEED_SIZE = 20
_FAMILY_CURSOR = re.compile(r"^(\d{1,20})-(\d{1,19})$")
_STAFF_CURSOR = re.compile(r"^(\d{1,19})$")
MAX_ID = 2**63 - 1

# --- the children one may put in an observation ------------------------------------------------


def contributable_children(user: User, setting: Setting) -> QuerySet[Child]:
    """Current children of ``setting`` the user may put in an observation, by room then name."""
    today = timezone.localdate()
    children = Child.objects.filter(setting=setting).filter(Q(leaving_date__isnull=True) | Q(leaving_date__gte=today))
    return (
        permitted(user, JOURNAL_CONTRIBUTE, children)
        .select_related("room")
        .order_by("room__name", "first_name", "last_name", "pk")
    )


def areas_with_aspects() -> list[Area]:
    """Every area with its aspects: prime areas first, then specific (two queries)."""
    return list(Area.objects.order_by("-prime", "order").prefetch_related("aspects"))


# --- cursors ------------------------------------------------------------------------------------


def family_cursor(shared_at: dt.datetime, observation_id: int) -> str:
    return f"{int(shared_at.timestamp() * 1_000_000)}-{observation_id}"


def parse_family_cursor(raw: str) -> tuple[dt.datetime, int]:
    """The (shared at, observation id) of an "Older entries" link, or 404 for anything malformed."""
    match = _FAMILY_CURSOR.match(raw or "")
    if not match:
        raise Http404("That page of the journal does not exist.")
    micros, observation_id = int(match[1]), int(match[2])
    if observation_id < 1 or observation_id > MAX_ID or micros > 253_402_300_799_000_000:
        raise Http404("That page of the journal does not exist.")
    at = dt.datetime.fromtimestamp(micros // 1_000_000, tz=dt.UTC).replace(microsecond=micros % 1_000_000)
    return at, observation_id


def parse_staff_cursor(raw: str) -> int:
    match = _STAFF_CURSOR.match(raw or "")
    if not match or not 1 <= int(match[1]) <= MAX_ID:
        raise Http404("That page of the journal does not exist.")
    return int(match[1])


# --- the feed -----------------------------------------------------------------------------------


@dataclass
class FeedPage:
    entries: list[Observation]
    next_before: str = ""  # the cursor of the "Older entries" link; "" on the last page
    staff: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def _with_area(links: QuerySet[ObservationChild], area: Area | None) -> QuerySet[ObservationChild]:
    if area is None:
        return links
    tagged = Observation.aspects.through.objects.filter(observation_id=OuterRef("observation_id"), aspect__area=area)
    return links.filter(Exists(tagged))


def _prefetch(observations: list[Observation], media: QuerySet[Media]) -> None:
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(
        observations,
        Prefetch("aspects", queryset=Aspect.objects.select_related("area"), to_attr="tags"),
        Prefetch("characteristics", to_attr="characteristic_tags"),
        Prefetch("media", queryset=media.order_by("order", "pk"), to_attr="shown_media"),
    )


def family_feed(
    child: Child, *, before: tuple[dt.datetime, int] | None = None, limit: int = FEED_SIZE, area: Area | None = None
) -> FeedPage:
    """One page of what the child's family sees: shared observations, newest first (keyset).

    Each observation has ``shared_at`` (when it was shared), ``tags`` (aspects with their area),
    ``characteristic_tags`` and ``shown_media`` (only what every pictured child's consent allows now).
    Four queries, however long the journal is."""
    links = ObservationChild.objects.filter(child=child, shared_at__isnull=False)
    if before is not None:
        at, observation_id = before
        links = links.filter(Q(shared_at__lt=at) | Q(shared_at=at, observation_id__lt=observation_id))
    rows = list(
        _with_area(links, area).select_related("observation").order_by("-shared_at", "-observation_id")[: limit + 1]
    )
    more = len(rows) > limit
    rows = rows[:limit]
    entries = []
    for link in rows:
        observation = link.observation
        observation.shared_at = link.shared_at  # type: ignore[attr-defined]
        entries.append(observation)
    _prefetch(entries, family_visible(Media.objects.all()))
    last = rows[-1] if rows else None
    cursor = family_cursor(last.shared_at, last.observation_id) if more and last and last.shared_at else ""
    return FeedPage(entries=entries, next_before=cursor)


def staff_feed(
    child: Child, *, before: int | None = None, limit: int = FEED_SIZE, area: Area | None = None
) -> FeedPage:
    """One page of the child's journal as staff see it: every observation of the child (drafts and
    staff-only ones too), newest recorded first (keyset on the observation id), with every photo."""
    links = ObservationChild.objects.filter(child=child)
    if before is not None:
        links = links.filter(observation_id__lt=before)
    rows = list(_with_area(links, area).select_related("observation").order_by("-observation_id")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    entries = []
    for link in rows:
        observation = link.observation
        observation.shared_at = link.shared_at  # type: ignore[attr-defined]
        entries.append(observation)
    _prefetch(entries, Media.objects.all())
    cursor = str(rows[-1].observation_id) if more and rows else ""
    return FeedPage(entries=entries, next_before=cursor, staff=True)


def is_staff_of(user: User, child: Child) -> bool:
    """Does the user see the child's journal as staff (drafts, every photo)?"""
    return can(user, JOURNAL_CONTRIBUTE, child)


# --- one observation, through one child ---------------------------------------------------------


def observation_for_child(user: User, child: Child, observation_id: int, *, staff: bool) -> Observation:
    """The observation as seen through ``child``: 404 unless the child is in it and, for a family,
    it is shared. Tags, characteristics and the media the viewer may see are loaded."""
    if not 0 < observation_id <= MAX_ID:  # a foreign key lookup does not bound the id itself
        raise Http404("No such observation in this child's journal.")
    links = ObservationChild.objects.filter(child=child, observation_id=observation_id)
    if not staff:
        links = links.filter(shared_at__isnull=False)
    link = links.select_related("observation", "observation__author").first()
    if link is None:
        raise Http404("No such observation in this child's journal.")
    observation = link.observation
    observation.shared_at = link.shared_at  # type: ignore[attr-defined]
    _prefetch([observation], Media.objects.all() if staff else family_visible(Media.objects.all()))
    return observation


def comments_for(observation: Observation, child: Child) -> QuerySet[Comment]:
    """The comments about ``child`` on this observation only: never another family's."""
    return (
        Comment.objects.filter(observation=observation, child=child)
        .select_related("author")
        .order_by("created_at", "pk")
    )


def children_of(observation: Observation) -> list[Child]:
    return list(Child.objects.filter(observation_links__observation=observation).order_by("first_name", "last_name"))


# --- before sharing: which child blocks which photo ----------------------------------------------


@dataclass(frozen=True)
class Block:
    number: int  # 1-based position among the observation's media
    media: Media
    children: list[Child]

    @property
    def message(self) -> str:
        what = self.media.get_kind_display()
        names = _and([c.display_name for c in self.children])
        has = "has" if len(self.children) == 1 else "have"
        firsts = _or([c.preferred_name or c.first_name for c in self.children])
        return (
            f"{what} {self.number} will not be shown to any family: {names} {has} no photo consent. "
            f"Untick {firsts} in this {what.lower()} or remove it."
        )


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _or(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def media_blocks(observation: Observation) -> list[Block]:
    """For each photo or video that no family would see, the children who block it (no photo
    consent now). Home observations are not blocked (the family chose to share them)."""
    if observation.source == Observation.Source.HOME:
        return []
    items = list(
        observation.media.exclude(state=Media.State.FAILED).prefetch_related("children").order_by("order", "pk")
    )
    pictured = {c.pk: c for m in items for c in m.children.all()}
    if not pictured:
        return []
    states = consents_for_children(list(pictured.values()), JOURNAL_PHOTO_CONSENT)
    blocks = []
    for number, media in enumerate(items, start=1):
        lacking = sorted(
            (c for c in media.children.all() if not states[c.pk].given), key=lambda c: (c.first_name, c.last_name)
        )
        if lacking:
            blocks.append(Block(number, media, lacking))
    return blocks


# --- the staff list -----------------------------------------------------------------------------


def editable_observations(
    user: User,
    setting: Setting,
    *,
    status: str = "",
    room_id: int | None = None,
    child_id: int | None = None,
    area: Area | None = None,
) -> QuerySet[Observation]:
    """The setting's observations the user may edit, filtered in the database, newest first.

    Each has ``child_links`` (its children) prefetched: a fixed number of queries a page."""
    mine = permitted(user, OBSERVATION_EDIT, Observation.objects.filter(setting=setting)).values("pk")
    rows = Observation.objects.filter(pk__in=mine)
    if status:
        rows = rows.filter(status=status)
    if room_id:
        rows = rows.filter(
            Exists(ObservationChild.objects.filter(observation_id=OuterRef("pk"), child__room_id=room_id))
        )
    if child_id:
        rows = rows.filter(Exists(ObservationChild.objects.filter(observation_id=OuterRef("pk"), child_id=child_id)))
    if area is not None:
        tagged = Observation.aspects.through.objects.filter(observation_id=OuterRef("pk"), aspect__area=area)
        rows = rows.filter(Exists(tagged))
    return (
        rows.select_related("author")
        .prefetch_related(
            Prefetch(
                "links",
                queryset=ObservationChild.objects.select_related("child").order_by("child__first_name", "pk"),
                to_attr="child_links",
            )
        )
        .order_by("-observed_on", "-pk")
    )
