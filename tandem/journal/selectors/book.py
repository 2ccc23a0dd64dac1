"""What goes into a child's learning journal book (R18), read as the family sees the journal.

Only observations shared with the family (``ObservationChild.shared_at`` set for that child), only
photos ``family_visible`` allows at the moment the book is made, only comments about that child,
only summaries shared with the family. Read a month at a time, so a journal of hundreds of
observations never has all of them (or their photos) in memory at once.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from tandem.core.access import require
from tandem.core.models import ExportRecord, User
from tandem.people.models import Child
from tandem.people.rules import IsLinkedAdult

from ..actions.book import BOOK_MAKE
from ..models import Book, Comment, Media, ObservationChild, Summary
from .media import JOURNAL_PHOTO_CONSENT, family_visible

# What a member of staff's export of the book is logged as (R51).
BOOK_EXPORT = "Learning journal book"


def asks_purpose(actor: User, child: Child | int) -> bool:
    """Staff say why they take a child's journal out of Tandem (R51); the child's own family never
    does. From the links the access layer has already loaded: no query."""
    child_id = child if isinstance(child, int) else child.pk
    return child_id not in IsLinkedAdult().child_ids(actor)


def may_download(actor: User, book: Book | None) -> bool:
    """The family may download the child's book; a member of staff only after logging, with its
    purpose, an export of the book since it was asked for (asking for it with a purpose does)."""
    if book is None or not book.is_ready:
        return False
    if not asks_purpose(actor, book.child_id):
        return True
    return ExportRecord.objects.filter(
        actor=actor, child_id=book.child_id, what=BOOK_EXPORT, at__gte=book.requested_at
    ).exists()


def current_book(*, actor: User, child: Child) -> Book | None:
    """The child's newest book (being made, ready, or failed), or None."""
    require(actor, BOOK_MAKE, child)
    return Book.objects.filter(child=child).order_by("-requested_at", "-pk").first()


def book_of(*, actor: User, child: Child, book_id: int) -> Book | None:
    require(actor, BOOK_MAKE, child)
    return Book.objects.filter(child=child, pk=book_id).first()


BOOK_KEPT = dt.timedelta(days=7)


def is_outdated(book: Book) -> bool:
    """Has something the family may no longer see changed since the book was made? A photo consent
    withdrawn (or refused) for a child pictured in the child's observations, or an observation of
    the child no longer shared. Then the PDF must not be handed out again: it is made afresh."""
    from tandem.enrolment.models import ConsentDecision, ConsentType

    from ..models import Observation

    if book.finished_at is None:
        return False
    if timezone.now() - book.finished_at > BOOK_KEPT:
        return True  # a book is a snapshot: kept for a week, then made afresh from what is shared now
    reworded = ConsentType.objects.filter(
        setting__children=book.child_id, code=JOURNAL_PHOTO_CONSENT, updated_at__gt=book.finished_at
    )
    if reworded.exists():  # new wording: consents to the old one no longer count
        return True
    observations = ObservationChild.objects.filter(child_id=book.child_id).values("observation_id")
    pictured = Media.objects.filter(observation_id__in=observations).values("children")
    withdrawn = ConsentDecision.objects.filter(
        child_id__in=pictured,
        consent_type__code=JOURNAL_PHOTO_CONSENT,
        given=False,
        at__gt=book.finished_at,
    )
    if withdrawn.exists():
        return True
    # observations of the child not shared now but changed since: were they shared when it was made?
    unshared = ObservationChild.objects.filter(child_id=book.child_id, shared_at__isnull=True).values("observation_id")
    history = Observation.history  # type: ignore[attr-defined]
    changed = set(history.filter(id__in=unshared, history_date__gt=book.finished_at).values_list("id", flat=True))
    for observation_id in sorted(changed):
        then = history.filter(id=observation_id, history_date__lte=book.finished_at).order_by("-history_date").first()
        if then is not None and then.status == Observation.Status.PUBLISHED:
            return True
    return False


def shared_links(child: Child | int) -> QuerySet[ObservationChild]:
    """The child's observations as the family sees them (shared with them)."""
    child_id = child if isinstance(child, int) else child.pk
    return ObservationChild.objects.filter(child_id=child_id, shared_at__isnull=False)


def book_months(child: Child | int) -> list[dt.date]:
    """The first day of every month with a shared observation, oldest first. One query."""
    return list(shared_links(child).dates("observation__observed_on", "month", order="ASC"))


def next_month(month: dt.date) -> dt.date:
    return dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)


def month_entries(child: Child, month: dt.date) -> list[ObservationChild]:
    """One month's shared observations of the child, oldest first, each with its areas and aspects,
    the photos and videos the family may see now (``observation.book_media``) and the comments about
    this child (``observation.book_comments``). A fixed number of queries, whatever the month holds."""
    media = family_visible(Media.objects.all(), JOURNAL_PHOTO_CONSENT).order_by("order", "pk")
    comments = Comment.objects.filter(child=child).select_related("author").order_by("created_at", "pk")
    links = (
        shared_links(child)
        .filter(observation__observed_on__gte=month, observation__observed_on__lt=next_month(month))
        .select_related("observation", "observation__author", "observation__author_adult")
        .prefetch_related(
            "observation__aspects__area",
            Prefetch("observation__media", queryset=media, to_attr="book_media"),
            Prefetch("observation__comments", queryset=comments, to_attr="book_comments"),
        )
        .order_by("observation__observed_on", "observation__published_at", "observation_id")
    )
    return list(links)


def shared_summaries(child: Child | int) -> list[Summary]:
    child_id = child if isinstance(child, int) else child.pk
    return list(
        Summary.objects.filter(child_id=child_id, status=Summary.Status.SHARED)
        .prefetch_related("areas__area", "areas__band")
        .order_by("period_end", "pk")
    )


def journal_span(child: Child | int) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day of the child's shared observations."""
    from django.db.models import Max, Min

    span = shared_links(child).aggregate(first=Min("observation__observed_on"), last=Max("observation__observed_on"))
    return span["first"], span["last"]
