"""Every non-trivial read about the partnership agreement, filtered by the access layer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery
from django.http import Http404

from tandem.core.access import can, permitted
from tandem.core.models import Setting, User
from tandem.people.models import Adult, Child
from tandem.people.selectors import current

from ..actions.contract import AGREEMENT_COUNTERSIGN, AGREEMENT_DOWNLOAD, AGREEMENT_SIGN, AGREEMENT_STATUS
from ..models.contract import AgreementSignature, AgreementVersion


def published_versions() -> QuerySet[AgreementVersion]:
    return AgreementVersion.objects.filter(published_at__isnull=False)


def current_version(*, setting_id: int) -> AgreementVersion | None:
    """The version in force: the newest published one."""
    return published_versions().filter(setting_id=setting_id).order_by("-number").first()


def draft_version(*, setting: Setting) -> AgreementVersion | None:
    return AgreementVersion.objects.filter(setting=setting, published_at__isnull=True).first()


def with_current_version(children: QuerySet[Child]) -> QuerySet[Child]:
    """Annotate each child with the id of its setting's current version (None when there is none)."""
    newest = published_versions().filter(setting_id=OuterRef("setting_id")).order_by("-number").values("pk")[:1]
    return children.annotate(current_version_id=Subquery(newest))


def children_awaiting_signature(children: QuerySet[Child]) -> QuerySet[Child]:
    """The children whose setting has a current version that nobody has signed for them: in the database."""
    signed = AgreementSignature.objects.filter(child_id=OuterRef("pk"), version_id=OuterRef("current_version_id"))
    annotated = with_current_version(children)
    return annotated.filter(current_version_id__isnull=False).filter(~Exists(signed))  # type: ignore[misc]


def versions_of(*, setting: Setting) -> QuerySet[AgreementVersion]:
    """Every version of a setting's agreement, newest first, with how many signed each."""
    return (
        AgreementVersion.objects.filter(setting=setting)
        .select_related("published_by", "created_by")
        .annotate(signed_children=Count("signatures__child", distinct=True))
        .order_by("-number")
    )


def version_of(*, setting: Setting, version_id: Any) -> AgreementVersion:
    try:
        key = int(version_id)
    except (TypeError, ValueError):
        raise Http404 from None
    found = AgreementVersion.objects.filter(setting=setting, pk=key).select_related("published_by").first()
    if found is None:
        raise Http404
    return found


def unsigned_children(*, actor: User, setting: Setting) -> QuerySet[Child]:
    """Current children of the setting without a signature on its current version (staff list)."""
    children = permitted(
        actor, AGREEMENT_STATUS, Child.objects.filter(setting=setting).select_related("room", "key_person")
    )
    return children_awaiting_signature(current(children)).order_by("last_name", "first_name", "pk")


def awaiting_countersignature(*, actor: User, setting: Setting) -> QuerySet[AgreementSignature]:
    """Parents' signatures the setting has not yet countersigned, oldest first."""
    allowed = permitted(actor, AGREEMENT_STATUS, Child.objects.filter(setting=setting)).values("pk")
    return (
        AgreementSignature.objects.filter(child__in=allowed, countersigned_at__isnull=True)
        .select_related("child", "adult", "version")
        .order_by("signed_at", "pk")
    )


def setting_numbers(*, setting: Setting) -> dict[str, int]:
    """How many current children have (or lack) a signature on the current version, in two queries."""
    children = current(Child.objects.filter(setting=setting))
    waiting = AgreementSignature.objects.filter(child__setting=setting, countersigned_at__isnull=True).count()
    totals = children.aggregate(on_roll=Count("pk"))
    unsigned = children_awaiting_signature(children).count()
    return {"on_roll": totals["on_roll"], "unsigned": unsigned, "awaiting_countersignature": waiting}


def my_adult(*, actor: User, child: Child) -> Adult | None:
    """The actor's own record as a parent of this child with parental responsibility, if any."""
    return (
        Adult.objects.filter(
            user=actor,
            links__child=child,
            links__parental_responsibility=True,
            links__no_information=False,
        )
        .distinct()
        .first()
    )


@dataclass
class ChildAgreement:
    """Everything the agreement page and panel show about one child."""

    child: Child
    version: AgreementVersion | None
    signatures: list[AgreementSignature] = field(default_factory=list)
    may_sign: bool = False
    may_download: bool = False
    may_countersign: bool = False
    my_adult: Adult | None = None

    @property
    def current_signatures(self) -> list[AgreementSignature]:
        return [s for s in self.signatures if self.version and s.version_id == self.version.pk]

    @property
    def signed(self) -> bool:
        return bool(self.current_signatures)

    @property
    def countersigned(self) -> bool:
        return any(s.is_countersigned for s in self.current_signatures)

    @property
    def signed_by_me(self) -> bool:
        return any(self.my_adult and s.adult_id == self.my_adult.pk for s in self.current_signatures)

    @property
    def earlier_signatures(self) -> list[AgreementSignature]:
        return [s for s in self.signatures if not self.version or s.version_id != self.version.pk]


def agreement_for_child(*, actor: User, child: Child) -> ChildAgreement:
    """The current version, every signature for the child (newest first) and what the actor may do."""
    version = current_version(setting_id=child.setting_id)
    signatures = list(
        AgreementSignature.objects.filter(child=child)
        .select_related("version", "adult", "countersigned_by")
        .order_by("-version__number", "signed_at", "pk")
    )
    may_sign = can(actor, AGREEMENT_SIGN, child)
    return ChildAgreement(
        child=child,
        version=version,
        signatures=signatures,
        may_sign=may_sign,
        may_download=can(actor, AGREEMENT_DOWNLOAD, child),
        may_countersign=can(actor, AGREEMENT_COUNTERSIGN, child),
        my_adult=my_adult(actor=actor, child=child) if may_sign else None,
    )


def signature_of(*, child: Child, signature_id: Any) -> AgreementSignature:
    """One signature of this child, or 404 (a malformed id too)."""
    if isinstance(signature_id, str) and not signature_id.isdigit():
        raise Http404
    found = (
        AgreementSignature.objects.filter(child=child, pk=signature_id)
        .select_related("version", "version__setting", "adult", "child", "countersigned_by", "user")
        .first()
    )
    if found is None:
        raise Http404
    return found


def panel_context(user: User, child: Child) -> dict[str, Any]:
    return {"agreement": agreement_for_child(actor=user, child=child)}


__all__ = [
    "ChildAgreement",
    "agreement_for_child",
    "awaiting_countersignature",
    "children_awaiting_signature",
    "current_version",
    "draft_version",
    "panel_context",
    "setting_numbers",
    "signature_of",
    "unsigned_children",
    "version_of",
    "versions_of",
]
