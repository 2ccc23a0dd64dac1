"""Every read about outings (R29): the setting's list, who may go, a child's outings, whom to tell.

Consent for an outing asked "for this outing" is the latest ``OutingConsent`` for the child
(append-only: a parent may change their mind until the outing starts). For a local outing under
the standing consent, the enrolment consent ``local_outings`` is read as it stands now
(``consents_for_children``), so a withdrawal counts at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from tandem.core.access import permitted
from tandem.core.models import Setting
from tandem.enrolment.models import ConsentCode
from tandem.enrolment.selectors.consents import ConsentStatus, consents_for_children
from tandem.people.models import Child, ChildAdult
from tandem.people.rules import IsLinkedAdult
from tandem.people.selectors import current

from ..actions.outings import OUTING_SEE
from ..models.outings import Outing, OutingConsent

GIVEN, REFUSED, NO_ANSWER = "given", "refused", "no_answer"
LABELS = {GIVEN: "Consent given", REFUSED: "Consent refused", NO_ANSWER: "No answer yet"}
# The states of the standing consent that a reminder can still change.
STANDING_UNANSWERED = (ConsentStatus.NOT_ASKED, ConsentStatus.NEEDS_RENEWING)


def status_of(outing: Outing) -> str:
    if outing.cancelled_at:
        return "cancelled"
    if outing.announced_at is None:
        return "draft"
    return "past" if outing.ends_at <= timezone.now() else "announced"


STATUS_LABELS = {"draft": "Draft", "announced": "Announced", "past": "Over", "cancelled": "Cancelled"}


def outings_of_setting(user: Any, setting: Setting) -> QuerySet[Outing]:
    """The setting's outings this member of staff may see, newest first, with their rooms and the
    number of invited children. The query count does not grow with the rows."""
    seen = permitted(user, OUTING_SEE, Outing.objects.filter(setting=setting)).values("pk")
    return (
        Outing.objects.filter(pk__in=seen)
        .annotate(invited=Count("children", distinct=True))
        .prefetch_related("rooms")
        .order_by("-starts_at", "-pk")
    )


def invited_children(outing: Outing) -> QuerySet[Child]:
    """The children invited: fixed when it was announced; before that, those it would invite now
    (the current children of its rooms and the children chosen)."""
    if outing.announced_at is not None:
        children = Child.objects.filter(outings=outing)
    else:
        rooms = list(outing.rooms.values_list("pk", flat=True))
        chosen = Child.objects.filter(outings=outing).values("pk")
        children = current(Child.objects.filter(setting_id=outing.setting_id)).filter(
            Q(room_id__in=rooms) | Q(pk__in=chosen)
        )
    return children.select_related("room").order_by("first_name", "last_name", "pk")


def latest_answers(outing: Outing, child_ids: Iterable[int] | None = None) -> dict[int, OutingConsent]:
    """Each child's latest answer for the outing. One query."""
    answers = OutingConsent.objects.filter(outing=outing)
    if child_ids is not None:
        answers = answers.filter(child_id__in=list(child_ids))
    newest = OutingConsent.objects.filter(outing=OuterRef("outing"), child=OuterRef("child")).order_by(
        "-decided_at", "-pk"
    )
    answers = answers.filter(pk=Subquery(newest.values("pk")[:1])).select_related("decided_by")
    return {a.child_id: a for a in answers}


@dataclass
class Going:
    """One invited child on the "who may go" list."""

    child: Child
    state: str  # given / refused / no_answer, or the standing consent's status
    label: str
    may_go: bool
    answered: bool
    by: str = ""
    at: Any = None
    note: str = ""


@dataclass
class WhoMayGo:
    rows: list[Going]

    @property
    def going(self) -> int:
        return sum(1 for r in self.rows if r.may_go)

    @property
    def refused(self) -> int:
        return sum(1 for r in self.rows if r.answered and not r.may_go)

    @property
    def waiting(self) -> int:
        return sum(1 for r in self.rows if not r.answered)


def _name(user: Any) -> str:
    return user.get_full_name() if user is not None else "a parent"


def who_may_go(outing: Outing) -> WhoMayGo:
    """Each invited child with the answer that counts. Three queries, however many children."""
    children = list(invited_children(outing))
    rows = []
    if outing.consent_mode == Outing.ConsentMode.STANDING:
        states = consents_for_children(children, ConsentCode.LOCAL_OUTINGS)
        for child in children:
            standing = states[child.pk]
            rows.append(
                Going(
                    child,
                    standing.status,
                    f"Standing consent: {standing.label.lower()}",
                    may_go=standing.given,
                    answered=standing.status not in STANDING_UNANSWERED,
                    by=standing.by,
                    at=standing.at,
                )
            )
        return WhoMayGo(rows)
    answers = latest_answers(outing, [c.pk for c in children])
    for child in children:
        answer = answers.get(child.pk)
        if answer is None:
            rows.append(Going(child, NO_ANSWER, LABELS[NO_ANSWER], may_go=False, answered=False))
            continue
        state = GIVEN if answer.given else REFUSED
        rows.append(
            Going(
                child,
                state,
                LABELS[state],
                may_go=answer.given,
                answered=True,
                by=_name(answer.decided_by),
                at=answer.decided_at,
                note=answer.note,
            )
        )
    return WhoMayGo(rows)


def unanswered_children(outing: Outing) -> list[int]:
    """The invited children no one has answered for yet (for a reminder)."""
    return [row.child.pk for row in who_may_go(outing).rows if not row.answered]


# --- a child's outings ---------------------------------------------------------------------------


def outings_of_child(child: Child) -> QuerySet[Outing]:
    """The announced outings the child is invited to: coming ones first (soonest first), then past."""
    return (
        Outing.objects.filter(children=child, announced_at__isnull=False)
        .prefetch_related("rooms")
        .order_by("-starts_at", "-pk")
    )


def coming_and_past(outings: list[Outing]) -> tuple[list[Outing], list[Outing]]:
    now = timezone.now()
    coming = sorted([o for o in outings if o.ends_at > now], key=lambda o: (o.starts_at, o.pk))
    return coming, [o for o in outings if o.ends_at <= now]


def outing_of_child(child: Child, outing_id: int) -> Outing | None:
    return outings_of_child(child).filter(pk=outing_id).first()


def answers_for_child(child: Child, outings: list[Outing]) -> dict[int, Any]:
    """For each outing: the child's latest answer (asked for that outing), or the standing consent's
    state (a local outing). Two queries, however many outings."""
    each = [o.pk for o in outings if o.consent_mode == Outing.ConsentMode.EACH]
    found: dict[int, Any] = {}
    if each:
        newest = OutingConsent.objects.filter(outing=OuterRef("outing"), child=child).order_by("-decided_at", "-pk")
        for answer in OutingConsent.objects.filter(
            outing_id__in=each, child=child, pk=Subquery(newest.values("pk")[:1])
        ).select_related("decided_by"):
            found[answer.outing_id] = answer
    if len(each) < len(outings):
        standing = consents_for_children([child], ConsentCode.LOCAL_OUTINGS)[child.pk]
        for outing in outings:
            if outing.consent_mode == Outing.ConsentMode.STANDING:
                found[outing.pk] = standing
    return found


def history_for_child(outing: Outing, child: Child) -> list[OutingConsent]:
    """Every answer given for the child, newest first (the first one counts)."""
    return list(OutingConsent.objects.filter(outing=outing, child=child).select_related("decided_by"))


def may_still_answer(outing: Outing) -> bool:
    return (
        outing.consent_mode == Outing.ConsentMode.EACH
        and outing.announced_at is not None
        and outing.cancelled_at is None
        and outing.starts_at > timezone.now()
    )


# --- whom to tell ----------------------------------------------------------------------------


def families_of(child_ids: Iterable[int], *, parental_responsibility: bool) -> dict[int, list[Child]]:
    """The signed-in parents and carers of these children whom no restriction keeps from
    information (with parental responsibility only, when asked): {user id: [their children]}.
    One query."""
    links = ChildAdult.objects.filter(
        child_id__in=list(child_ids),
        no_information=False,
        no_contact=False,  # never tell an adult kept from the child where the child will be
        adult__user__isnull=False,
        adult__user__is_active=True,
    )
    if parental_responsibility:
        links = links.filter(parental_responsibility=True)
    found: dict[int, list[Child]] = defaultdict(list)
    for link in links.select_related("child", "adult").order_by("child__first_name", "child_id"):
        found[link.adult.user_id].append(link.child)  # type: ignore[index]
    return dict(found)


def outings_for_feed(user: Any, since: Any) -> list[tuple[Outing, list[Child]]]:
    """The announced outings of the person's children (as a parent or carer), each with those of
    their children invited, for their calendar. Two queries."""
    mine = IsLinkedAdult(contact=True).child_ids(user)  # never where a child will be, to an adult kept from them
    if not mine:
        return []
    through = Outing.children.through.objects.filter(
        child_id__in=mine, outing__announced_at__isnull=False, outing__ends_at__gte=since
    ).select_related("outing", "child")
    found: dict[int, tuple[Outing, list[Child]]] = {}
    for row in through.order_by("outing__starts_at", "outing_id", "child__first_name"):
        found.setdefault(row.outing_id, (row.outing, []))[1].append(row.child)
    return list(found.values())
