"""Who may collect a child today, and what the collectors page and the door need (R43, R44).

``collectors_today(child)`` is the one answer to "may this person take this child home?": linked
parents and carers (R1) unless a restriction says no collection or no contact (those are listed as
BLOCKED so the alert shows if they turn up), the named collectors still active, and today's one-off
collectors. Three queries, however many people.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from tandem.people.models import Child, ChildAdult

from ..models import Attendance, CollectionPassword, Collector, OneOffCollector, PasswordAttempt

PARENT, COLLECTOR, ONE_OFF, BLOCKED = "parent", "collector", "one_off", "blocked"
MAX_FAILED_ATTEMPTS = 3


@dataclass(frozen=True)
class CollectorRow:
    """One adult who may (or must not) collect the child today."""

    kind: str  # parent, collector, one_off or blocked
    name: str
    relationship: str
    photo_url: str | None
    allowed: bool
    reason: str
    adult_id: int | None = None
    collector_id: int | None = None
    one_off_id: int | None = None
    description: str = ""  # how staff will recognise a one-off collector
    phone: str = ""

    @property
    def key(self) -> str:
        """The value the release form posts for this person."""
        if self.one_off_id:
            return f"one_off:{self.one_off_id}"
        if self.collector_id:
            return f"collector:{self.collector_id}"
        return f"adult:{self.adult_id}"

    @property
    def needs_identity(self) -> bool:
        """A one-off collector is never known to the key person: proof of identity is always needed."""
        return self.kind == ONE_OFF


def relationship_of(link: ChildAdult) -> str:
    return link.relationship_detail or link.get_relationship_display()


def block_reason(link: ChildAdult) -> str:
    kinds = ", ".join(r.lower() for r in link.restrictions if r != "No information")
    ref = link.restriction_reference.strip()
    return f"a court order or restriction ({kinds}){': ' + ref if ref else ''}"


def photo_url(collector: Collector) -> str | None:
    if not collector.photo:
        return None
    return reverse("attendance:collector_photo", args=[collector.child_id, collector.pk])


def collectors_today(child: Child, *, day: dt.date | None = None) -> list[CollectorRow]:
    """Everyone who may collect ``child`` on ``day`` (today), and the linked adults who must not."""
    day = day or timezone.localdate()
    rows: list[CollectorRow] = []
    blocked: list[CollectorRow] = []
    for link in (
        ChildAdult.objects.filter(child=child)
        .select_related("adult")
        .order_by("-parental_responsibility", "adult__first_name", "adult__last_name")
    ):
        name = f"{link.adult.first_name} {link.adult.last_name}"
        if link.no_collection or link.no_contact:
            blocked.append(
                CollectorRow(
                    BLOCKED, name, relationship_of(link), None, False, block_reason(link), adult_id=link.adult_id
                )
            )
        else:
            reason = "Parent or carer" + (" with parental responsibility" if link.parental_responsibility else "")
            rows.append(
                CollectorRow(
                    PARENT,
                    name,
                    relationship_of(link),
                    None,
                    True,
                    reason,
                    adult_id=link.adult_id,
                    phone=link.adult.phone,
                )
            )
    for c in Collector.objects.filter(child=child, removed_at__isnull=True).order_by("name", "pk"):
        rows.append(
            CollectorRow(
                COLLECTOR,
                c.name,
                c.relationship,
                photo_url(c),
                c.is_adult,
                "Named by the family" if c.is_adult else "Not confirmed as an adult: do not release",
                adult_id=c.adult_id,
                collector_id=c.pk,
                phone=c.phone,
            )
        )
    for o in OneOffCollector.objects.filter(child=child, date=day, cancelled_at__isnull=True).order_by("pk"):
        rows.append(
            CollectorRow(
                ONE_OFF,
                o.name,
                o.relationship,
                None,
                o.is_adult,
                "Today only, with written permission from a parent" if o.is_adult else "Not confirmed as an adult",
                one_off_id=o.pk,
                description=o.description,
            )
        )
    return rows + blocked


def upcoming_one_offs(child: Child) -> list[OneOffCollector]:
    """One-off permissions from today on, not cancelled."""
    return list(
        OneOffCollector.objects.filter(child=child, date__gte=timezone.localdate(), cancelled_at__isnull=True)
        .select_related("granted_by")
        .order_by("date", "pk")
    )


def password_set_at(child: Child) -> dt.datetime | None:
    return CollectionPassword.objects.filter(child=child).values_list("set_at", flat=True).first()


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return start, start + dt.timedelta(days=1)


def failed_attempts_today(child: Child | int, *, day: dt.date | None = None) -> int:
    start, end = day_bounds(day or timezone.localdate())
    child_id = child if isinstance(child, int) else child.pk
    return PasswordAttempt.objects.filter(child_id=child_id, at__gte=start, at__lt=end, succeeded=False).count()


def password_locked(child: Child, *, day: dt.date | None = None) -> bool:
    return failed_attempts_today(child, day=day) >= MAX_FAILED_ATTEMPTS


def attendance_today(child: Child) -> Attendance | None:
    return (
        Attendance.objects.filter(child=child, date=timezone.localdate())
        .select_related("released_by", "collected_by")
        .first()
    )
