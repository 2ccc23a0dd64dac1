"""Which photos and videos a family may see (R20), decided in the database at the point of use.

A family sees an item only when it is ready and every child pictured has photo consent *now*: a
withdrawn consent hides the item from every family at once, with nothing to update.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q, QuerySet

from tandem.enrolment.models import ConsentCode
from tandem.enrolment.selectors.consents import consents_for_children, without_consent
from tandem.people.models import Child

from ..models import Media

# Photos in a child's own journal: consent to photographs for the child's records.
JOURNAL_PHOTO_CONSENT = ConsentCode.PHOTOS_RECORDS
# Photos on a room's board, seen by every family in the room: consent to photographs on display.
BOARD_PHOTO_CONSENT = ConsentCode.PHOTOS_DISPLAY


def family_visible(media: QuerySet[Media], code: str = JOURNAL_PHOTO_CONSENT) -> QuerySet[Media]:
    """Only the ready items in which no pictured child lacks consent ``code`` now. One query when read.

    Photos a family took at home and added to their own child's journal need no consent from the
    setting (the family chose to share them), so they are shown to that child's family."""
    from ..models import Observation

    lacking = without_consent(Child.objects.filter(journal_media=OuterRef("pk")), code)
    from_home = Q(observation__source=Observation.Source.HOME)
    return media.filter(state=Media.State.READY).exclude(Exists(lacking) & ~from_home)


def blocking_children(children: Iterable[Child], code: str = JOURNAL_PHOTO_CONSENT) -> list[Child]:
    """The children among ``children`` whose photo consent is not given now (they block a photo)."""
    children = list(children)
    states = consents_for_children(children, code)
    return [child for child in children if not states[child.pk].given]
