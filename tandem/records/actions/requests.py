"""Who may ask for access to records, and who answers (R66; UK GDPR right of access).
Built on ``tandem/records/rules.py``.

* **Asking.** Any adult linked to a child here (a parent or carer with a sign-in) may ask for their own
  personal data, whatever restriction applies to them about a child (:class:`HasAdultRecord`). A
  child's records: only adults with parental responsibility whom no restriction keeps from
  information about the child (:func:`~tandem.records.rules.family`).
* **The requester** sees their own requests, their status and deadline (a child's request only
  while they may still be given information about the child), and downloads the export once it
  is released (:class:`IsRequester`).
* **Answering** (recording a request received in writing or verbally, the list by deadline,
  extending, closing, preparing the export, reviewing flagged items, releasing, downloading the
  draft): the manager and the deputy (:data:`~tandem.records.rules.REQUEST_ROLES`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from tandem.core.access import NOTHING, Action, Rule, memo, path
from tandem.people.rules import IsLinkedAdult, is_linked_adult

from ..rules import REQUEST_ROLES, family, roles

if TYPE_CHECKING:
    from tandem.core.models import User

RELEASED = "released"  # AccessRequest.Status.RELEASED


def adult_id_of(user: User) -> int | None:
    """The id of the user's own adult record (parent or carer linked to a child), or None. No query
    for anyone else (the child links are loaded once a request anyway), so the menu costs nothing."""

    def load() -> int | None:
        from tandem.people.models import Adult

        if not getattr(user, "is_authenticated", False) or not is_linked_adult(user):
            return None
        return Adult.objects.filter(user=user).values_list("pk", flat=True).first()

    return memo(user, "records_adult_id", load)


@dataclass(frozen=True)
class HasAdultRecord(Rule):
    """The user is an adult on record (``adult`` is the path to the Adult, "" for an Adult)."""

    adult: str = ""

    def q(self, user: User) -> Q:
        adult_id = adult_id_of(user)
        if adult_id is None:
            return NOTHING
        return Q(**{path(self.adult, "id") if self.adult else "pk": adult_id})

    def holds(self, user: User) -> bool:
        return is_linked_adult(user)


@dataclass(frozen=True)
class IsRequester(Rule):
    """Made the request (``request`` is the path to the AccessRequest, "" for one); a request about
    a child only while they still have parental responsibility and may be given information. With
    ``released``, only once the export is released."""

    request: str = ""
    released: bool = False

    def q(self, user: User) -> Q:
        adult_id = adult_id_of(user)
        if adult_id is None:
            return NOTHING
        linked = IsLinkedAdult(child=path(self.request, "child"), parental_responsibility=True).child_ids(user)
        about = Q(**{path(self.request, "subject"): "self"})
        if linked:
            about |= Q(**{path(self.request, "child_id__in"): linked})
        q = Q(**{path(self.request, "adult_id"): adult_id}) & about
        if self.released:
            q &= Q(**{path(self.request, "status"): RELEASED})
        return q

    def holds(self, user: User) -> bool:
        """Has made such a request (one query, remembered for the request)."""
        if adult_id_of(user) is None:
            return False

        def load() -> bool:
            from ..models import AccessRequest

            return AccessRequest.objects.filter(self.q(user)).exists()

        return bool(memo(user, f"records_requester_{self.request}_{self.released}", load))


# --- about the person themselves -----------------------------------------------------------------
REQUEST_ASK = Action(
    "records.requests.ask",
    rules=(HasAdultRecord(),),
    description="Ask for access to one's own personal data, and see one's own requests: any adult on record "
    "(parents and carers), restricted or not.",
)

# --- on a Child ------------------------------------------------------------------------------------
REQUEST_CHILD = Action(
    "records.requests.child",
    rules=family(),
    description="Ask for access to a child's records: adults with parental responsibility whom no restriction "
    "keeps from information about the child.",
)

# --- on an AccessRequest ---------------------------------------------------------------------------
REQUEST_VIEW = Action(
    "records.requests.view",
    rules=(IsRequester(), roles(*REQUEST_ROLES)),
    description="See a request, its status and deadline: the requester, the manager and the deputy.",
)
REQUEST_MANAGE = Action(
    "records.requests.manage",
    rules=(roles(*REQUEST_ROLES),),
    description="Answer a request: extend the deadline, close it, prepare the export, review it, release it and "
    "download the draft: the manager and the deputy.",
)
REQUEST_DOWNLOAD = Action(
    "records.requests.download",
    rules=(IsRequester(released=True), roles(*REQUEST_ROLES)),
    description="Download the export: the requester once it is released; the manager and the deputy.",
)

# --- on a ReviewItem -------------------------------------------------------------------------------
REVIEW_DECIDE = Action(
    "records.requests.review",
    rules=(roles(*REQUEST_ROLES, setting="export__request__setting"),),
    description="Release or withhold an item flagged for review before release: the manager and the deputy.",
)

# --- on a Setting ----------------------------------------------------------------------------------
REQUEST_LIST = Action(
    "records.requests.list",
    rules=(roles(*REQUEST_ROLES, setting=""),),
    description="The setting's open access requests by deadline: the manager and the deputy.",
)
REQUEST_RECORD = Action(
    "records.requests.record",
    rules=(roles(*REQUEST_ROLES, setting=""),),
    description="Record a request received in writing or verbally: the manager and the deputy.",
)
