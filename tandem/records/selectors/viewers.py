"""Who has seen a child's record, for the family (R65): by day, by role and by kind of view.

The audit trail (``core.AuditEvent`` and its ``AuditSubject`` rows) already holds every read of a
sensitive part of the record, every export and print, every share and every transfer. This module
picks the events that mean "someone saw or passed on this record" (:data:`READ_EVENTS`), gives each
a plain-English kind (:data:`KINDS`), and groups them in the database by day, actor and kind; the
actors are then turned into roles with three lookups, whatever their number. Names are never shown
(other than the role "Key person"), and neither is the number of clicks.

What is left out, and why:

* the family's own views (every linked adult's sign-in): the page is about the setting;
* this page itself (``records.viewers.viewed`` is not a read of the record);
* a share made without consent (the DSL's decision, R48) and everything about it, a child
  protection transfer, and the exports those make: the family may not be told of them, and telling
  them could put the child at risk. Reads of safeguarding material (child protection, social-care
  referrals) and of third-party information are shown as "viewed the record", so the list stays
  complete without saying what was read;
* messages, complaints and allegations: they are not the child's record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, CharField, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import TruncDate

from tandem.agencies.models import Professional, Share, ShareItem
from tandem.core.models import (
    AuditEvent,
    AuditSubject,
    ExportRecord,
    OrganisationMembership,
    Setting,
    SettingMembership,
)
from tandem.core.roles import OrganisationRole, SettingRole
from tandem.people.models import Child, ChildAdult

from ..models import RecordTransfer

# The kinds of view, in the order a day's lines are listed, with what the family reads.
KINDS: dict[str, str] = {
    "record": "viewed the record",
    "family": "viewed family and contact details",
    "needs": "viewed health and needs",
    "aboutme": "read All About Me",
    "plan": "read a support plan",
    "visit": "saw the record during a visit",
    "history": "looked at the record's history",
    "export": "printed or exported part of the record",
    "shared": "shared part of the record with another agency",
    "share_read": "looked at what was shared with another agency",
    "journal_sent": "shared the learning journal with another setting",
    "transfer": "sent records to the new school",
    "opened": "opened what was sent to them",
}

# Every audit event that counts as seeing or passing on the record, and its kind.
READ_EVENTS: dict[str, str] = {
    # people: the record, the family's details, health and needs (each read audited)
    "people.child.viewed": "record",
    "people.family.viewed": "family",
    "people.needs.viewed": "needs",
    "people.child.audit_viewed": "history",
    # enrolment: the registration form (medical and dietary needs), All About Me, the change history
    "enrolment.registration.viewed": "needs",
    "enrolment.aboutme.viewed": "aboutme",
    "enrolment.child_history.viewed": "history",
    # agencies: safeguarding and third-party material is shown only as "viewed the record"
    "agencies.protection.viewed": "record",
    "agencies.multiagency.safeguarding.viewed": "record",
    "agencies.received.viewed": "record",
    "agencies.received.downloaded": "record",
    "agencies.plans.viewed": "plan",
    "agencies.visits.viewed": "visit",
    "agencies.sharing.recorded": "shared",
    "agencies.sharing.viewed": "share_read",
    "agencies.sharing.opened": "opened",
    "agencies.sharing.document.opened": "opened",
    # every export or print of the record, from any feature (core.exports.record_export, R51)
    "core.export.made": "export",
    # the learning journal sent to another setting, and opened there
    "journal.sharing.sent": "journal_sent",
    "journal.sharing.opened": "opened",
    # records sent to the new school (R55, R67), and opened there
    "records.transfer.sent": "transfer",
    "records.transfer.handed_over": "transfer",
    "records.transfer.downloaded": "transfer",
    "records.transfer.opened": "opened",
}

# Events with no signed-in actor: someone outside the setting opened a link. Their role, by event.
OUTSIDE_ROLES: dict[str, str] = {
    "agencies.sharing.opened": "Another agency",
    "agencies.sharing.document.opened": "Another agency",
    "journal.sharing.opened": "Another setting",
    "records.transfer.opened": "The new school",
}

KEY_PERSON = "Key person"
VISITING_PROFESSIONAL = "Visiting professional"
FORMER_STAFF = "Former member of staff"
ORGANISATION_LABELS = {
    OrganisationRole.OWNER.value: "Provider's owner, director or trustee",
    OrganisationRole.LINE_MANAGER.value: "Provider's line manager",
}
# When someone holds several roles in the setting, the first of these names them.
ROLE_ORDER = [
    SettingRole.MANAGER,
    SettingRole.DEPUTY,
    SettingRole.DSL,
    SettingRole.SENCO,
    SettingRole.PRACTITIONER,
    SettingRole.ADMINISTRATOR,
    SettingRole.VOLUNTEER,
]
ROLE_LABELS: list[str] = [
    KEY_PERSON,
    *(SettingRole(r).label for r in ROLE_ORDER),
    *ORGANISATION_LABELS.values(),
    VISITING_PROFESSIONAL,
    *OUTSIDE_ROLES.values(),
    FORMER_STAFF,
]
DAYS_PER_PAGE = 30


@dataclass(frozen=True)
class Line:
    role: str
    kind: str
    label: str


@dataclass
class Day:
    date: dt.date
    lines: list[Line] = field(default_factory=list)


def _hidden() -> Q:
    """Events the family may not be told of: a share without consent, a child protection transfer,
    and the exports those made (a share or a transfer is listed as itself, never as an export)."""
    without_consent = Share.objects.filter(basis=Share.Basis.WITHOUT_CONSENT)
    protection = RecordTransfer.objects.filter(kind=RecordTransfer.Kind.PROTECTION)
    made_by_share_or_transfer = ExportRecord.objects.filter(
        Q(what__startswith="Share pack for ")  # agencies.services.sharing.record_share
        | Q(pk__in=RecordTransfer.objects.filter(export__isnull=False).values("export_id"))
    )
    return (
        Q(object_type="agencies.share", object_id__in=without_consent.values("pk"))
        | Q(
            object_type="agencies.shareitem",
            object_id__in=ShareItem.objects.filter(share__in=without_consent).values("pk"),
        )
        | Q(object_type="records.recordtransfer", object_id__in=protection.values("pk"))
        | Q(event="core.export.made", object_id__in=made_by_share_or_transfer.values("pk"))
    )


def _kind() -> Case:
    by_kind: dict[str, list[str]] = {}
    for event, kind in READ_EVENTS.items():
        by_kind.setdefault(kind, []).append(event)
    return Case(
        *(When(event__in=sorted(events), then=Value(kind)) for kind, events in by_kind.items()),
        output_field=CharField(),
    )


def views_of(child: Child) -> QuerySet[Any]:
    """The child's audit events that count as someone at the setting (or beyond it) seeing the record,
    with ``day`` (in the setting's time zone) and ``kind`` annotated. Not yet grouped."""
    family = ChildAdult.objects.filter(child_id=child.pk, adult__user__isnull=False).values("adult__user_id")
    subjects = AuditSubject.objects.filter(kind=AuditSubject.Kind.CHILD, subject_id=child.pk)
    return (
        AuditEvent.objects.filter(pk__in=subjects.values("event_id"), event__in=sorted(READ_EVENTS))
        .exclude(_hidden())
        .exclude(actor_id__in=Subquery(family))
        .annotate(day=TruncDate("at"), kind=_kind())
    )


def days(child: Child) -> QuerySet[Any]:
    """The days on which the record was seen, newest first (``{"day": date}`` rows): paginate these."""
    return views_of(child).order_by().values("day").distinct().order_by("-day")


def lines_for(child: Child, on_days: Sequence[dt.date]) -> list[Day]:
    """One line per day, role and kind on these days, newest first; no names, no counts.

    Three queries, whatever the number of events or of people: the grouped events, and the roles of
    their actors (setting memberships, the provider's memberships, visiting professionals)."""
    if not on_days:
        return []
    rows = list(
        views_of(child)
        .filter(day__gte=min(on_days), day__lte=max(on_days))
        .order_by()
        .values_list("day", "kind", "event", "actor_id")
        .distinct()
    )
    roles = roles_of(child, {actor for _, _, _, actor in rows if actor is not None})
    seen: dict[dt.date, set[tuple[str, str]]] = {}
    for day, kind, event, actor in rows:
        role = roles.get(actor, FORMER_STAFF) if actor is not None else OUTSIDE_ROLES.get(event)
        if role is None or kind not in KINDS:
            continue
        seen.setdefault(day, set()).add((role, kind))
    kind_order = list(KINDS)
    found = []
    for day in sorted(seen, reverse=True):
        lines = sorted(seen[day], key=lambda rk: (ROLE_LABELS.index(rk[0]), kind_order.index(rk[1])))
        found.append(Day(day, [Line(role, kind, KINDS[kind]) for role, kind in lines]))
    return found


def roles_of(child: Child, user_ids: Iterable[int]) -> dict[int, str]:
    """Each person's role at the child's setting, as the family reads it: "Key person" for the child's
    key person or back-up, their role in the setting, the provider's role, "Visiting professional", or
    "Former member of staff". At most three queries, whatever the number of people."""
    ids = sorted(set(user_ids))
    if not ids:
        return {}
    roles: dict[int, str] = {}
    active: dict[int, list[str]] = {}
    for user_id, role in SettingMembership.objects.filter(
        setting_id=child.setting_id, user_id__in=ids, active=True
    ).values_list("user_id", "role"):
        active.setdefault(user_id, []).append(role)
    key_people = {child.key_person_id, child.backup_key_person_id}
    for user_id, held in active.items():
        if user_id in key_people:
            roles[user_id] = KEY_PERSON
        else:
            first = min(held, key=lambda r: ROLE_ORDER.index(SettingRole(r)) if r in SettingRole.values else 99)
            roles[user_id] = SettingRole(first).label if first in SettingRole.values else FORMER_STAFF
    rest = [i for i in ids if i not in roles]
    if rest:
        organisation = Setting.objects.filter(pk=child.setting_id).values("organisation_id")[:1]
        for user_id, role in (
            OrganisationMembership.objects.filter(organisation_id=Subquery(organisation), user_id__in=rest, active=True)
            .order_by("role")
            .values_list("user_id", "role")
        ):
            if role in ORGANISATION_LABELS and (user_id not in roles or role == OrganisationRole.OWNER):
                roles[user_id] = ORGANISATION_LABELS[role]
        rest = [i for i in rest if i not in roles]
    if rest:
        for user_id in Professional.objects.filter(user_id__in=rest).values_list("user_id", flat=True):
            roles[user_id] = VISITING_PROFESSIONAL
    return roles
