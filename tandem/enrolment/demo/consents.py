"""Demo consents: the standard seven for Willowbrook, and a realistic spread of decisions.

* Isla Morgan (the main demo parent's child): medical consents and outings given by her mum, Emma;
  photographs **not asked yet**, so the demo parent can give (and withdraw) photo consent, and her
  key person sees "No photo consent" meanwhile.
* Leo Walsh: photographs refused (his family is protected by a court order).
* Zosia Kowalska: photographs on display given, then withdrawn.
* Ana Popescu and Mason Clarke: the online journal's wording changed after they consented, so it
  needs renewing.
* Jayden Price: in foster care, and no one with parental responsibility is linked yet, so nothing
  is decided.

Decisions of families without a sign-in stand for the paper consent forms they completed.
Idempotent: a child who already has any decision is left alone.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tandem.core.models import Setting
from tandem.people.models import Child, ChildAdult

from ..models.consents import ConsentCode, ConsentDecision, ConsentType
from ..services.consents import ensure_default_consent_types

C = ConsentCode
GIVEN, REFUSED, WITHDRAWN = ConsentDecision.Kind.GIVEN, ConsentDecision.Kind.REFUSED, ConsentDecision.Kind.WITHDRAWN
EVERYDAY = [C.EMERGENCY_TREATMENT, C.ADMINISTERING_MEDICATION, C.LOCAL_OUTINGS, C.PHOTOS_RECORDS, C.PHOTOS_DISPLAY]

JOURNAL_V2 = (
    "Your child's key person records observations, photographs and next steps in Tandem, the online "
    "learning journal. You can see them, add your own from home and comment.\n\n"
    "Group observations may include your child in another child's journal, without their name. "
    "**New:** at the end of each term we make a printable book of the journal for you to keep."
)

# child (first, last) → list of (code, kind, days ago, version of the wording read)
Plan = list[tuple[str, str, int, int]]


def _everyday(days: int, *, journal_version: int = 2) -> Plan:
    plan: Plan = [(code, GIVEN, days, 1) for code in EVERYDAY]
    return [*plan, (C.ONLINE_JOURNAL, GIVEN, days, journal_version)]


PLANS: dict[tuple[str, str], Plan] = {
    ("Isla", "Morgan"): [
        (C.EMERGENCY_TREATMENT, GIVEN, 120, 1),
        (C.ADMINISTERING_MEDICATION, GIVEN, 120, 1),
        (C.LOCAL_OUTINGS, GIVEN, 120, 1),
        (C.ONLINE_JOURNAL, GIVEN, 30, 2),
        (C.SHARE_OTHER_SETTING, REFUSED, 120, 1),
    ],
    ("Alfred", "Morgan"): [*_everyday(110), (C.SHARE_OTHER_SETTING, GIVEN, 110, 1)],
    ("Leo", "Walsh"): [
        (C.EMERGENCY_TREATMENT, GIVEN, 300, 1),
        (C.ADMINISTERING_MEDICATION, GIVEN, 300, 1),
        (C.LOCAL_OUTINGS, GIVEN, 300, 1),
        (C.PHOTOS_RECORDS, REFUSED, 300, 1),
        (C.PHOTOS_DISPLAY, REFUSED, 300, 1),
        (C.ONLINE_JOURNAL, GIVEN, 40, 2),
    ],
    ("Zofia", "Kowalska"): [*_everyday(160), (C.PHOTOS_DISPLAY, WITHDRAWN, 12, 1)],
    ("Ana", "Popescu"): _everyday(200, journal_version=1),
    ("Mason", "Clarke"): _everyday(250, journal_version=1),
    ("Poppy", "Williams"): [
        (C.EMERGENCY_TREATMENT, GIVEN, 50, 1),
        (C.ADMINISTERING_MEDICATION, GIVEN, 50, 1),
        (C.PHOTOS_RECORDS, GIVEN, 50, 1),
    ],
}
NOTHING_DECIDED = {("Jayden", "Price")}


def _revise_journal_wording(types: dict[str, ConsentType]) -> None:
    """The demo's online journal consent is on its second wording, so some consents need renewing."""
    journal = types[C.ONLINE_JOURNAL]
    if journal.version == 1:
        journal.explanation = JOURNAL_V2
        journal.version = 2
        journal.updated_at = timezone.now() - dt.timedelta(days=60)
        journal.save()


def _decider(child: Child) -> ChildAdult | None:
    """The adult who filled in the consent form: parental responsibility, no restriction, a sign-in first."""
    links = ChildAdult.objects.filter(
        child=child, parental_responsibility=True, no_contact=False, no_collection=False, no_information=False
    ).select_related("adult")
    ordered = sorted(links, key=lambda link: (link.adult.user_id is None, link.emergency_priority or 99, link.pk))
    return ordered[0] if ordered else None


def seed(*, setting: Setting) -> None:
    types = {t.code: t for t in ensure_default_consent_types(setting)}
    _revise_journal_wording(types)
    now = timezone.now()
    children = Child.objects.filter(setting=setting, leaving_date__isnull=True).order_by("pk")
    decided = set(ConsentDecision.objects.filter(child__setting=setting).values_list("child_id", flat=True).distinct())
    for child in children:
        key = (child.first_name, child.last_name)
        if child.pk in decided or key in NOTHING_DECIDED:
            continue
        link = _decider(child)
        if link is None:
            continue
        plan = PLANS.get(key) or [*_everyday(90 + child.pk % 60)]
        for code, kind, days_ago, version in plan:
            at = now - dt.timedelta(days=days_ago, minutes=child.pk % 50)
            if kind == WITHDRAWN:
                at += dt.timedelta(minutes=1)
            ConsentDecision.objects.create(
                child=child,
                consent_type=types[code],
                type_version=version,
                kind=kind,
                given=kind == GIVEN,
                decided_by=link.adult,
                decided_by_user=link.adult.user,
                at=at,
            )
