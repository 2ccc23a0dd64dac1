"""Reads of the directory (R46) and of signposting (R47), filtered in the database.

Lists are ordered by category in the order of ``Agency.Category`` (health first, other support
last) and then by name, so a page can group them under headings; their query count does not grow
with the number of rows.
"""

from __future__ import annotations

from typing import Any

from django.db.models import BooleanField, Case, ExpressionWrapper, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from tandem.core.access import permitted
from tandem.core.models import Setting
from tandem.people.models import Child, ChildAdult

from ..actions.directory import AGENCY_VIEW, SIGNPOSTING_UPDATE
from ..models import Agency, AgencyContact, Signposting

PUBLIC_FIELDS = (
    "pk",
    "name",
    "category",
    "reach",
    "description",
    "phone",
    "email",
    "website",
    "address",
    "languages",
)
# A follow-up is due while the family has not yet been helped or said no.
OPEN_OUTCOMES = (Signposting.Outcome.SUGGESTED, Signposting.Outcome.CONTACTED)


def category_order() -> Case:
    return Case(
        *(When(category=code, then=Value(i)) for i, code in enumerate(Agency.Category.values)),
        default=Value(len(Agency.Category.values)),
        output_field=IntegerField(),
    )


def _search(agencies: QuerySet[Agency], text: str, category: str) -> QuerySet[Agency]:
    if category:
        agencies = agencies.filter(category=category)
    for word in text.split()[:8]:
        agencies = agencies.filter(
            Q(name__icontains=word) | Q(description__icontains=word) | Q(languages__icontains=word)
        )
    return agencies.order_by(category_order(), "name", "pk")


def staff_directory(
    user: Any, setting: Setting, *, text: str = "", category: str = "", inactive: bool = False
) -> QuerySet[Agency]:
    """The setting's agencies for its staff: active ones, or those no longer used."""
    agencies = permitted(user, AGENCY_VIEW, Agency.objects.filter(setting=setting, active=not inactive))
    return _search(agencies, text, category)


def family_directory(setting: Setting, *, text: str = "", category: str = "") -> QuerySet[Agency]:
    """The support directory parents see: active agencies listed for families, public details only."""
    agencies = Agency.objects.filter(setting=setting, active=True, show_to_families=True).only(*PUBLIC_FIELDS)
    return _search(agencies, text, category)


def contacts_of(agency: Agency, *, inactive: bool = False) -> QuerySet[AgencyContact]:
    return agency.contacts.filter(active=not inactive).order_by("name", "pk")


def contact_of(agency: Agency, contact_id: int) -> AgencyContact | None:
    return agency.contacts.select_related("agency").filter(pk=contact_id).first()


def signpost_agencies(child: Child) -> QuerySet[Agency]:
    """The agencies a child's family may be signposted to: active, of the child's setting."""
    return Agency.objects.filter(setting_id=child.setting_id, active=True).order_by(category_order(), "name", "pk")


def informed_links(child: Child) -> list[ChildAdult]:
    """The child's parents and carers whom no restriction keeps from information: whom a signposting
    may say it was discussed with."""
    links = ChildAdult.objects.filter(child=child, no_information=False).select_related("adult")
    return list(links.order_by("adult__first_name", "adult__last_name", "pk"))


def _with_people(rows: QuerySet[Signposting]) -> QuerySet[Signposting]:
    """With who and what, and ``due``: a follow-up date today or earlier, the family not yet helped."""
    due = Q(follow_up_on__lte=timezone.localdate(), outcome__in=OPEN_OUTCOMES)
    return rows.select_related("child", "agency", "adult", "recorded_by").annotate(
        due=ExpressionWrapper(due, output_field=BooleanField())
    )


def signpostings_of(child: Child) -> QuerySet[Signposting]:
    """Every signposting of the child, newest first (for the staff who may signpost them)."""
    return _with_people(Signposting.objects.filter(child=child)).order_by("-recorded_at", "-pk")


def shared_with_family(child: Child) -> QuerySet[Signposting]:
    """What the family sees: the signposting staff marked as shared with them."""
    rows = Signposting.objects.filter(child=child, shared_with_family=True).select_related("agency", "recorded_by")
    return rows.order_by("-recorded_at", "-pk")


def setting_signpostings(
    user: Any, setting: Setting, *, category: str = "", due: bool = False
) -> QuerySet[Signposting]:
    """The setting's signposting for its leaders; ``due``: follow-ups due today or earlier, still open."""
    rows = permitted(user, SIGNPOSTING_UPDATE, Signposting.objects.filter(child__setting=setting))
    if category:
        rows = rows.filter(agency__category=category)
    if due:
        rows = rows.filter(follow_up_on__lte=timezone.localdate(), outcome__in=OPEN_OUTCOMES)
        return _with_people(rows).order_by("follow_up_on", "-recorded_at", "-pk")
    return _with_people(rows).order_by("-recorded_at", "-pk")


def panel_context(user: Any, child: Child) -> dict[str, Any]:
    """The block on the staff child record: the child's latest signposting."""
    rows = list(signpostings_of(child)[:6])
    return {"signpostings": rows[:5], "more": len(rows) > 5}
