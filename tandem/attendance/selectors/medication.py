"""Reads for medication (R9): a child's medicines and doses, today's medicines, the last dose."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from tandem.core.access import can, permitted
from tandem.core.models import Setting, User
from tandem.people.models import Child
from tandem.people.selectors import staff_of

from ..actions.medication import MED_AUTHORISE, MED_GIVE
from ..models import Dose, Medicine

DOSE_GAP = dt.timedelta(hours=4)


def _doses() -> Prefetch[Any]:
    return Prefetch(
        "doses",
        queryset=Dose.objects.select_related("given_by", "witnessed_by", "acknowledged_by").order_by(
            "-given_at", "-pk"
        ),
    )


def medicines_of(child: Child) -> QuerySet[Medicine]:
    """The child's medicines, current first, each with its doses (prefetched). Three queries a page."""
    today = timezone.localdate()
    return (
        Medicine.objects.filter(child=child)
        .select_related("authorised_by", "received_by", "stopped_by")
        .prefetch_related(_doses())
        .annotate(
            current=ExpressionWrapper(Q(stopped_at__isnull=True, end_date__gte=today), output_field=BooleanField()),
            unacknowledged=Count("doses", filter=Q(doses__acknowledged_at__isnull=True)),
        )
        .order_by("-current", "-start_date", "-pk")
    )


def medicine_of(child: Child, medicine_id: int) -> Medicine | None:
    return Medicine.objects.filter(child=child, pk=medicine_id).select_related("child", "authorised_by").first()


def dose_of(child: Child, dose_id: int) -> Dose | None:
    return Dose.objects.filter(medicine__child=child, pk=dose_id).select_related("medicine", "medicine__child").first()


def is_active_on(medicine: Medicine, day: dt.date) -> bool:
    return medicine.stopped_at is None and medicine.start_date <= day <= medicine.end_date


def last_dose(medicine: Medicine, before: dt.datetime | None = None) -> dt.datetime | None:
    """When the child last had this medicine: the latest dose given here, or the last dose at home."""
    doses = Dose.objects.filter(medicine=medicine)
    if before is not None:
        doses = doses.filter(given_at__lte=before)
    latest = doses.order_by("-given_at").values_list("given_at", flat=True).first()
    home = medicine.last_dose_at_home
    if before is not None and home is not None and home > before:
        home = None
    found = [t for t in (latest, home) if t is not None]
    return max(found) if found else None


def too_soon(medicine: Medicine, at: dt.datetime | None = None) -> dt.datetime | None:
    """The last dose if it was less than four hours before ``at`` (now), else None."""
    at = at or timezone.now()
    last = last_dose(medicine, before=at)
    return last if last is not None and at - last < DOSE_GAP else None


def witnesses(setting: Setting | int, *, exclude: User) -> QuerySet[User]:
    """Other members of staff of the setting who may witness a dose (never the giver)."""
    setting_obj = setting if isinstance(setting, Setting) else Setting.objects.get(pk=setting)
    return staff_of(setting_obj).exclude(pk=exclude.pk)


def today_medicines(*, actor: User, setting: Setting, room_id: int | None = None) -> QuerySet[Medicine]:
    """Medicines to give today (not stopped, today within the dates) of the children the actor may
    give medicine to, with today's doses and whether any dose is not yet acknowledged. Three queries."""
    today = timezone.localdate()
    children = permitted(actor, MED_GIVE, Child.objects.filter(setting=setting))
    if room_id:
        children = children.filter(room_id=room_id)
    start = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    todays = Dose.objects.filter(given_at__gte=start).select_related("given_by", "witnessed_by").order_by("given_at")
    return (
        Medicine.objects.filter(child__in=children, stopped_at__isnull=True, start_date__lte=today, end_date__gte=today)
        .select_related("child", "child__room")
        .prefetch_related(Prefetch("doses", queryset=todays, to_attr="todays_doses"))
        .annotate(
            unacknowledged=Count("doses", filter=Q(doses__acknowledged_at__isnull=True)),
            not_received=ExpressionWrapper(Q(received_at__isnull=True), output_field=BooleanField()),
        )
        .order_by("child__room__name", "child__first_name", "child__last_name", "name", "pk")
    )


def unacknowledged_doses(child: Child) -> QuerySet[Dose]:
    return Dose.objects.filter(medicine__child=child, acknowledged_at__isnull=True)


def permissions(user: User, child: Child) -> dict[str, bool]:
    return {"may_authorise": can(user, MED_AUTHORISE, child), "may_give": can(user, MED_GIVE, child)}


def children_with_medicine_today(setting: Setting) -> QuerySet[Child]:
    today = timezone.localdate()
    active = Medicine.objects.filter(
        child=OuterRef("pk"), stopped_at__isnull=True, start_date__lte=today, end_date__gte=today
    )
    return Child.objects.filter(setting=setting).filter(Exists(active))
