"""Reads for sharing information with agencies and schools (R48, R51): the share pack's sources,
the pack as the recipient sees it, the lists of shares and decisions, and a link's share.

**The pack.** ``PACK_SOURCES`` names what may go into a share pack: key → (label, choices, entry),
where ``choices(child)`` gives the ``(object_id, label)`` of what can be chosen now and
``entry(obj)`` makes the :class:`PackEntry` shown to the recipient. ``PACK_LOADERS`` loads the
chosen objects in bulk (one query a kind). :func:`render_pack` is what every recipient sees, by
link or during a visit (the template ``agencies/sharing/_pack.html`` renders its ``entries``).

Third-party information (received items, R49) is shown with its origin and a "do not pass on"
label, and only while its agency's consent to pass it on is in force: if they withdraw it, the
entry stays (so the pack still matches the record of what was shared) but its content is withheld.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString

from tandem.core.access import can, permitted
from tandem.core.models import Setting, User
from tandem.enrolment.models import AllAboutMe
from tandem.journal.models import Observation, ObservationChild, ProgressCheck, Summary
from tandem.people.models import Adult, Child, ChildAdult, Need

from ..actions.sharing import SHARE_VIEW, SHARING_DECISIONS, SHARING_SAFEGUARDING
from ..models import (
    Agency,
    AgencyContact,
    PlanReview,
    Professional,
    ReceivedConsent,
    ReceivedItem,
    Share,
    ShareItem,
    SharingDecision,
    SupportPlan,
)
from .received import NOT_PASSABLE, consent_in_force, origin_of

RECEIVED = "received"
WITHHELD = "{origin} has withdrawn its consent to pass this on, so it is no longer shown."
DELETED = "This item has since been removed from the child's record."
SAFEGUARDING_LABEL = "Safeguarding information from another agency"
SAFEGUARDING_WITHHELD = "Only the DSL, the manager and the key person can read this."
CHOICE_LIMIT = 100  # observations offered in the builder: the most recent


@dataclass(frozen=True)
class PackEntry:
    """One item of a share pack as the recipient sees it. ``body`` is safe HTML (or plain text,
    escaped when shown); ``origin`` names the agency a third-party item came from."""

    kind_label: str
    label: str
    body: str
    origin: str = ""
    third_party: bool = False
    document_url: str = ""


# --- the sources: what can be chosen, and how each is shown -------------------------------------------


def _body(kind: str, **context: Any) -> SafeString:
    return SafeString(render_to_string(f"agencies/sharing/pack/{kind}.html", context).strip())


def _need_choices(child: Child) -> list[tuple[int, str]]:
    return [(n.pk, f"{n.get_kind_display()}: {n.summary}") for n in Need.objects.filter(child=child).order_by("pk")]


def _need_entry(need: Need) -> PackEntry:
    return PackEntry(need.get_kind_display(), need.summary, _body("need", need=need))


def _observation_choices(child: Child) -> list[tuple[int, str]]:
    links = (
        ObservationChild.objects.filter(child=child, shared_at__isnull=False, observation__status="published")
        .select_related("observation")
        .order_by("-observation__observed_on", "-observation_id")[:CHOICE_LIMIT]
    )
    return [(link.observation_id, _observation_label(link.observation)) for link in links]


def _observation_label(observation: Observation) -> str:
    title = observation.title or "Observation"
    return f"{title} ({observation.observed_on:%-d %B %Y})"


def _observation_entry(observation: Observation) -> PackEntry:
    return PackEntry("Observation", _observation_label(observation), _body("observation", observation=observation))


def _summary_choices(child: Child) -> list[tuple[int, str]]:
    summaries = Summary.objects.filter(child=child, status=Summary.Status.SHARED).order_by("-period_end", "-pk")
    return [(s.pk, f"Summary of learning: {s.title}") for s in summaries]


def _summary_entry(summary: Summary) -> PackEntry:
    return PackEntry("Summary of learning", summary.title, _body("summary", summary=summary))


def _check_label(check: ProgressCheck) -> str:
    when = check.completed_on or (timezone.localdate(check.signed_off_at) if check.signed_off_at else None)
    return f"Progress check at two{f' of {when:%-d %B %Y}' if when else ''}"


def _check_choices(child: Child) -> list[tuple[int, str]]:
    checks = ProgressCheck.objects.filter(
        child=child, status__in=[ProgressCheck.Status.SIGNED_OFF, ProgressCheck.Status.SHARED]
    ).order_by("-signed_off_at", "-pk")
    return [(c.pk, _check_label(c)) for c in checks]


def _check_entry(check: ProgressCheck) -> PackEntry:
    return PackEntry("Progress check at two", _check_label(check), _body("check", check=check))


def _about_me_choices(child: Child) -> list[tuple[int, str]]:
    booklet = AllAboutMe.objects.filter(child=child).first()
    return [] if booklet is None or booklet.is_empty else [(booklet.pk, "All About Me")]


def _about_me_entry(booklet: AllAboutMe) -> PackEntry:
    return PackEntry("All About Me", "All About Me", _body("aboutme", booklet=booklet))


def _plan_label(plan: SupportPlan) -> str:
    return f"{plan.get_kind_display()} ({plan.get_status_display().lower()}, review by {plan.review_on:%-d %B %Y})"


def _plan_choices(child: Child) -> list[tuple[int, str]]:
    plans = SupportPlan.objects.filter(child=child).exclude(status=SupportPlan.Status.DRAFT)
    return [(p.pk, _plan_label(p)) for p in plans.order_by("-created_at", "-pk")]


def _plan_entry(plan: SupportPlan) -> PackEntry:
    reviews = getattr(plan, "latest_reviews", None)
    review = reviews[0] if reviews else PlanReview.objects.filter(plan=plan).order_by("-held_on", "-pk").first()
    return PackEntry(plan.get_kind_display(), _plan_label(plan), _body("plan", plan=plan, review=review))


def _received_choices(child: Child) -> list[tuple[int, str]]:
    items = ReceivedItem.objects.filter(child=child).select_related("agency").order_by("-received_on", "-pk")
    return [(item.pk, f"{item.title} (from {origin_of(item)})") for item in items]


def _received_entry(item: ReceivedItem) -> PackEntry:
    return PackEntry(
        "Information from another agency",
        item.title,
        _body("received", item=item, origin=origin_of(item)),
        origin=origin_of(item),
        third_party=True,
    )


PACK_SOURCES: dict[str, tuple[str, Callable[[Child], Iterable[tuple[int, str]]], Callable[[Any], PackEntry]]] = {
    "need": ("Needs (health, diet, SEN and disability)", _need_choices, _need_entry),
    "observation": ("Observations shared with the family (text only)", _observation_choices, _observation_entry),
    "summary": ("Summaries of learning", _summary_choices, _summary_entry),
    "check": ("Progress checks at two (signed off)", _check_choices, _check_entry),
    "aboutme": ("All About Me", _about_me_choices, _about_me_entry),
    "plan": ("Support plans", _plan_choices, _plan_entry),
    RECEIVED: ("Information from other agencies (third-party)", _received_choices, _received_entry),
}

PACK_LOADERS: dict[str, Callable[[Child | int, list[int]], QuerySet[Any]]] = {
    "need": lambda child, ids: Need.objects.filter(child=child, pk__in=ids),
    "observation": lambda child, ids: Observation.objects.filter(pk__in=ids, links__child=child),
    "summary": lambda child, ids: Summary.objects.filter(child=child, pk__in=ids).prefetch_related(
        "areas__area", "areas__band"
    ),
    "check": lambda child, ids: ProgressCheck.objects.filter(child=child, pk__in=ids).prefetch_related("areas__area"),
    "aboutme": lambda child, ids: AllAboutMe.objects.filter(child=child, pk__in=ids),
    "plan": lambda child, ids: SupportPlan.objects.filter(child=child, pk__in=ids).prefetch_related(
        "targets", Prefetch("reviews", PlanReview.objects.order_by("-held_on", "-pk"), to_attr="latest_reviews")
    ),
    RECEIVED: lambda child, ids: ReceivedItem.objects.filter(child=child, pk__in=ids).select_related("agency"),
}


def render_pack(
    share: Share,
    *,
    document_url: Callable[[ShareItem], str] | None = None,
    withhold_safeguarding: bool = False,
) -> list[PackEntry]:
    """The share pack as its recipient sees it, in the order the items were chosen: one entry for
    each ShareItem recorded (so what is shown always matches the record). A few queries, one a kind.

    ``document_url(share_item)`` gives the address of a received document's file where the reader
    may open it (the link's page serves it under the token); without it no file link is shown.
    ``withhold_safeguarding`` hides received safeguarding material (for staff who may not see it)."""
    items = list(ShareItem.objects.filter(share=share).order_by("pk"))
    by_kind: dict[str, list[int]] = {}
    for item in items:
        by_kind.setdefault(item.kind, []).append(item.object_id)
    objects: dict[tuple[str, int], Any] = {}
    for kind, ids in by_kind.items():
        loader = PACK_LOADERS.get(kind)
        if loader is not None:
            objects.update(((kind, obj.pk), obj) for obj in loader(share.child_id, ids))
    passable: set[int] = set()
    if RECEIVED in by_kind:
        passable = set(
            ReceivedConsent.objects.filter(item_id__in=by_kind[RECEIVED], withdrawn_at__isnull=True).values_list(
                "item_id", flat=True
            )
        )
    entries: list[PackEntry] = []
    for item in items:
        source = PACK_SOURCES.get(item.kind)
        obj = objects.get((item.kind, item.object_id))
        kind_label = source[0] if source else "Item"
        if source is None or obj is None:
            entries.append(PackEntry(kind_label, item.label, DELETED))
            continue
        entry = replace(source[2](obj), label=item.label)  # the label as recorded when it was chosen
        if item.kind == RECEIVED:
            if withhold_safeguarding and obj.safeguarding:
                entry = replace(entry, label=SAFEGUARDING_LABEL, body=SAFEGUARDING_WITHHELD, document_url="")
            elif obj.pk not in passable:
                entry = replace(entry, body=WITHHELD.format(origin=entry.origin))
            elif document_url is not None and obj.file:
                entry = replace(entry, document_url=document_url(item))
        entries.append(entry)
    return entries


# --- the builder ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PackChoice:
    value: str  # "<kind>:<object_id>"
    label: str
    blocked: str = ""  # why it cannot be chosen (third-party information without consent)


@dataclass(frozen=True)
class PackGroup:
    key: str
    label: str
    choices: list[PackChoice]


def may_see_safeguarding(actor: User, child: Child) -> bool:
    return can(actor, SHARING_SAFEGUARDING, child)


def received_blocked(item: ReceivedItem) -> str:
    """Why a received item cannot be passed on now ("" when its agency's consent is in force)."""
    if consent_in_force(item) is not None:
        return ""
    return NOT_PASSABLE.format(title=item.title, origin=origin_of(item))


def pack_groups(*, actor: User, child: Child) -> list[PackGroup]:
    """What the actor may choose for a child's share pack, by source. Received items without their
    agency's consent are listed with the reason they cannot be chosen; safeguarding ones only for
    those who may see them."""
    groups = []
    for key, (label, choices, _entry) in PACK_SOURCES.items():
        if key == RECEIVED:
            items = ReceivedItem.objects.filter(child=child).select_related("agency").order_by("-received_on", "-pk")
            if not may_see_safeguarding(actor, child):
                items = items.filter(safeguarding=False)
            consented = set(
                ReceivedConsent.objects.filter(item__in=items, withdrawn_at__isnull=True).values_list(
                    "item_id", flat=True
                )
            )
            rows = [
                PackChoice(
                    f"{key}:{item.pk}",
                    f"{item.title} (from {origin_of(item)})",
                    "" if item.pk in consented else NOT_PASSABLE.format(title=item.title, origin=origin_of(item)),
                )
                for item in items
            ]
        else:
            rows = [PackChoice(f"{key}:{pk}", text) for pk, text in choices(child)]
        groups.append(PackGroup(key, label, rows))
    return groups


def chosen_values(share: Share) -> list[str]:
    return [f"{kind}:{pk}" for kind, pk in share.items.values_list("kind", "object_id")]


# --- recipients, consenting adults, decisions ---------------------------------------------------------


def contacts_for(setting: Setting | int) -> QuerySet[AgencyContact]:
    """The setting's directory contacts a share can go to."""
    return (
        AgencyContact.objects.filter(agency__setting=setting, agency__active=True, active=True)
        .select_related("agency")
        .order_by("agency__name", "name")
    )


def professionals_for(setting: Setting | int) -> QuerySet[Professional]:
    return Professional.objects.filter(setting=setting, active=True, user__is_active=True).select_related(
        "user", "agency"
    )


def consenting_adults(child: Child) -> QuerySet[Adult]:
    """Adults who may consent: linked to the child with parental responsibility, not kept from information."""
    links = ChildAdult.objects.filter(child=child, parental_responsibility=True, no_information=False)
    return Adult.objects.filter(pk__in=links.values("adult_id")).order_by("last_name", "first_name")


def decisions_for(child: Child) -> QuerySet[SharingDecision]:
    return SharingDecision.objects.filter(child=child).select_related("decided_by").order_by("-decided_at", "-pk")


def may_see_decisions(actor: User, child: Child) -> bool:
    return can(actor, SHARING_DECISIONS, child)


# --- lists -------------------------------------------------------------------------------------------


def _listed(queryset: QuerySet[Share]) -> QuerySet[Share]:
    return queryset.select_related(
        "child", "agency", "contact", "professional", "consent_by", "decision", "created_by", "shared_by"
    ).annotate(item_count=Count("items", distinct=True), opening_count=Count("openings", distinct=True))


def child_shares(*, actor: User, child: Child) -> QuerySet[Share]:
    """A child's shares the actor may see (without-consent ones: the DSL and the manager), newest first."""
    return _listed(permitted(actor, SHARE_VIEW, Share.objects.filter(child=child))).order_by("-created_at", "-pk")


def sharing_log(*, setting: Setting, basis: str = "", agency: int | None = None) -> QuerySet[Share]:
    """Every share of the setting (recorded or revoked, not drafts), newest first, filtered."""
    shares = Share.objects.filter(child__setting=setting, status=Share.Status.SHARED)
    if basis:
        shares = shares.filter(basis=basis)
    if agency:
        shares = shares.filter(agency_id=agency)
    return _listed(shares).order_by("-shared_at", "-pk")


def log_agencies(setting: Setting) -> QuerySet[Agency]:
    return Agency.objects.filter(setting=setting, shares__status=Share.Status.SHARED).distinct().order_by("name")


def family_shares(child: Child) -> QuerySet[Share]:
    """What a parent sees: shares with their consent basis, and without-consent shares only where the
    DSL's decision says the parents were told. Drafts and cancelled ones never."""
    told = Q(basis=Share.Basis.WITHOUT_CONSENT, decision__parents_told=SharingDecision.ParentsTold.YES)
    return (
        Share.objects.filter(child=child, status=Share.Status.SHARED)
        .filter(Q(basis=Share.Basis.CONSENT) | told)
        .select_related("agency", "consent_by")
        .prefetch_related(Prefetch("items", ShareItem.objects.order_by("pk")))
        .order_by("-shared_at", "-pk")
    )


def share_detail(share: Share) -> Share:
    return (
        Share.objects.select_related(
            "child", "child__setting", "agency", "contact", "professional", "consent_by", "decision",
            "decision__decided_by", "created_by", "shared_by",
        )
        .annotate(opening_count=Count("openings"), last_opened=Max("openings__opened_at"))
        .get(pk=share.pk)
    )  # fmt: skip


# --- the link -------------------------------------------------------------------------------------------


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def link_works(share: Share) -> bool:
    return (
        share.status == Share.Status.SHARED
        and share.delivery == Share.Delivery.LINK
        and share.revoked_at is None
        and share.expires_at is not None
        and share.expires_at > timezone.now()
    )


def share_by_token(token: str) -> Share | None:
    """The share a link names, whether or not it still works (None for no such link)."""
    if not token or len(token) > 200:
        return None
    return (
        Share.objects.select_related("child", "child__setting", "agency").filter(token_hash=token_hash(token)).first()
    )


def shares_for_visit(*, child: Child | int, professional_user: User | int) -> QuerySet[Share]:
    """The share packs recorded for a visiting professional about a child (delivery "visit"), not
    revoked, newest first: what the visits feature shows them during a visit (with render_pack)."""
    return Share.objects.filter(
        child=child,
        professional=professional_user,
        status=Share.Status.SHARED,
        delivery=Share.Delivery.VISIT,
        revoked_at__isnull=True,
    ).order_by("-shared_at", "-pk")
