"""Every read about consents (R9).

Later features ask **one** question at the point of use — "may we do X for this child now?" —
with :func:`consent_now` (one child) or :func:`consents_for_children` (many, one query), or
filter a list of children in the database with :func:`with_consent` / :func:`without_consent`.
The caller has already been allowed to act on the child; these answer about consent only.

The current state is the latest decision. A consent given to wording that has since changed
"needs renewing" and counts as **not given**, as do a refusal, a withdrawal, a consent never
asked, and a consent the setting no longer asks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.db.models import Case, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils import timezone

from tandem.core.access import can, permitted
from tandem.core.models import Setting, User
from tandem.people.models import Child

from ..actions.consents import CONSENTS_DECIDE, CONSENTS_VIEW
from ..models.consents import ConsentCode, ConsentDecision, ConsentType

# "Photo consent": may the setting photograph this child at all (for their records)?
PHOTO_CONSENT = ConsentCode.PHOTOS_RECORDS

# Column headings of the overview table, short enough for every consent to fit on a screen.
SHORT_LABELS = {
    ConsentCode.EMERGENCY_TREATMENT: "Emergency treatment",
    ConsentCode.ADMINISTERING_MEDICATION: "Medicine",
    ConsentCode.LOCAL_OUTINGS: "Outings",
    ConsentCode.PHOTOS_RECORDS: "Photos (records)",
    ConsentCode.PHOTOS_DISPLAY: "Photos (display)",
    ConsentCode.ONLINE_JOURNAL: "Online journal",
    ConsentCode.SHARE_OTHER_SETTING: "Sharing records",
}


class ConsentStatus(models.TextChoices):
    GIVEN = "given", "Given"
    REFUSED = "refused", "Refused"
    WITHDRAWN = "withdrawn", "Withdrawn"
    NEEDS_RENEWING = "needs_renewing", "Needs renewing"
    NOT_ASKED = "not_asked", "Not asked yet"


@dataclass(frozen=True)
class ConsentState:
    """The answer to "is there consent?" for one child and one consent, now."""

    code: str
    status: str
    consent_type: ConsentType | None = None
    decision: ConsentDecision | None = None

    @property
    def given(self) -> bool:
        """True only for a consent given to the current wording of a consent the setting asks."""
        return self.status == ConsentStatus.GIVEN

    @property
    def label(self) -> str:
        return ConsentStatus(self.status).label

    @property
    def at(self) -> dt.datetime | None:
        return self.decision.at if self.decision else None

    @property
    def by(self) -> str:
        """Who decided, by name ("" when no one has)."""
        if self.decision is None:
            return ""
        adult = self.decision.decided_by
        return f"{adult.first_name} {adult.last_name}"

    @property
    def may_withdraw(self) -> bool:
        return self.decision is not None and self.decision.kind == ConsentDecision.Kind.GIVEN


def _status(decision: ConsentDecision | None, consent_type: ConsentType | None) -> str:
    if decision is None or consent_type is None or not consent_type.active:
        return ConsentStatus.NOT_ASKED
    if decision.kind == ConsentDecision.Kind.GIVEN:
        return ConsentStatus.GIVEN if decision.type_version == consent_type.version else ConsentStatus.NEEDS_RENEWING
    return decision.kind


def state_of(code: str, decision: ConsentDecision | None, consent_type: ConsentType | None) -> ConsentState:
    return ConsentState(code=code, status=_status(decision, consent_type), consent_type=consent_type, decision=decision)


def latest_decisions(decisions: QuerySet[ConsentDecision]) -> QuerySet[ConsentDecision]:
    """Only the latest decision of each (child, consent) among ``decisions``, in the database."""
    newest = (
        ConsentDecision.objects.filter(child=OuterRef("child"), consent_type=OuterRef("consent_type"))
        .order_by("-at", "-pk")
        .values("pk")[:1]
    )
    return decisions.filter(pk=Subquery(newest)).select_related("consent_type", "decided_by")


def _ids(children: Iterable[Child | int]) -> list[int]:
    return sorted({c if isinstance(c, int) else c.pk for c in children})


def consents_for_children(children: Iterable[Child | int], code: str) -> dict[int, ConsentState]:
    """The state of one consent for many children, in one query: ``{child id: ConsentState}``."""
    ids = _ids(children)
    found: dict[int, ConsentState] = {pk: ConsentState(code=code, status=ConsentStatus.NOT_ASKED) for pk in ids}
    if not ids:
        return found
    decisions = latest_decisions(
        ConsentDecision.objects.filter(
            child_id__in=ids,
            consent_type__code=code,
            consent_type__active=True,
            consent_type__setting_id=F("child__setting_id"),
        )
    )
    for decision in decisions:
        found[decision.child_id] = state_of(code, decision, decision.consent_type)
    return found


def consent_now(child: Child | int, code: str) -> ConsentState:
    """May we do ``code`` for this child now? ``consent_now(child, "photos_records").given``. One query."""
    pk = child if isinstance(child, int) else child.pk
    return consents_for_children([pk], code)[pk]


def consent_types_of(setting: Setting | int, *, include_inactive: bool = False) -> QuerySet[ConsentType]:
    types = ConsentType.objects.filter(setting=setting)
    if not include_inactive:
        types = types.filter(active=True)
    return types.order_by("order", "pk")


def consents_of_child(child: Child) -> list[ConsentState]:
    """Every consent the child's setting asks, with its state now, in order. Two queries."""
    types = list(consent_types_of(child.setting_id))
    decisions = {
        d.consent_type_id: d
        for d in latest_decisions(ConsentDecision.objects.filter(child=child, consent_type__in=[t.pk for t in types]))
    }
    return [state_of(t.code, decisions.get(t.pk), t) for t in types]


def consent_grid(children: list[Child], types: list[ConsentType]) -> list[tuple[Child, list[ConsentState]]]:
    """For a page of children: each child with the state of every consent, in ``types`` order. One query."""
    ids = [c.pk for c in children]
    by_pair: dict[tuple[int, int], ConsentDecision] = {}
    if ids and types:
        decisions = latest_decisions(
            ConsentDecision.objects.filter(child_id__in=ids, consent_type__in=[t.pk for t in types])
        )
        by_pair = {(d.child_id, d.consent_type_id): d for d in decisions}
    return [
        (
            child,
            [state_of(t.code, by_pair.get((child.pk, t.pk)), t) for t in types if t.setting_id == child.setting_id],
        )
        for child in children
    ]


def with_consent_annotation(children: QuerySet[Child], code: str, name: str) -> QuerySet[Child]:
    """Annotate each child with ``name``: True when ``code`` is given now, False or None otherwise."""
    latest = (
        ConsentDecision.objects.filter(
            child=OuterRef("pk"),
            consent_type__setting=OuterRef("setting"),
            consent_type__code=code,
            consent_type__active=True,
        )
        .order_by("-at", "-pk")
        .annotate(
            valid=Case(
                When(Q(kind=ConsentDecision.Kind.GIVEN) & Q(type_version=F("consent_type__version")), then=Value(True)),
                default=Value(False),
                output_field=models.BooleanField(),
            )
        )
        .values("valid")[:1]
    )
    return children.annotate(**{name: Subquery(latest, output_field=models.BooleanField())})


def with_consent(children: QuerySet[Child], code: str) -> QuerySet[Child]:
    """Only the children for whom ``code`` is given now, filtered in the database."""
    return with_consent_annotation(children, code, "_consent_given").filter(Q(_consent_given=True))


def without_consent(children: QuerySet[Child], code: str) -> QuerySet[Child]:
    """Only the children for whom ``code`` is not given now (never asked, refused, withdrawn, outdated)."""
    annotated = with_consent_annotation(children, code, "_consent_given")
    return annotated.filter(Q(_consent_given=False) | Q(_consent_given__isnull=True))


# --- pages ------------------------------------------------------------------------------------


def consent_history(*, actor: User, child: Child) -> QuerySet[ConsentDecision]:
    """Every decision about the child's consents, newest first, for those who may see them."""
    if not permitted(actor, CONSENTS_VIEW, Child.objects.filter(pk=child.pk)).exists():
        return ConsentDecision.objects.none()
    return (
        ConsentDecision.objects.filter(child=child).select_related("consent_type", "decided_by").order_by("-at", "-pk")
    )


def overview_children(*, actor: User, setting: Setting, missing_photo_consent: bool = False) -> QuerySet[Child]:
    """The children of a setting on roll today, for the consents overview, filtered in the database."""
    today = timezone.localdate()
    children = permitted(
        actor,
        CONSENTS_VIEW,
        Child.objects.filter(setting=setting)
        .filter(Q(leaving_date__isnull=True) | Q(leaving_date__gte=today))
        .select_related("room"),
    )
    if missing_photo_consent:
        children = without_consent(children, PHOTO_CONSENT)
    return children.order_by("last_name", "first_name", "pk")


def decider_link_exists(*, actor: User, child: Child) -> bool:
    """May this person decide the child's consents (parental responsibility, no restriction)?"""
    if not can(actor, CONSENTS_DECIDE, child):
        return False
    return child.links.filter(
        adult__user=actor,
        parental_responsibility=True,
        no_contact=False,
        no_collection=False,
        no_information=False,
    ).exists()
