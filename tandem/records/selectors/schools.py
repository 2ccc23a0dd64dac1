"""Reads of the setting's schools (R54), filtered by the access layer in the database."""

from __future__ import annotations

from django.db.models import Count, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from tandem.agencies.models import Agency, AgencyContact
from tandem.core.access import permitted
from tandem.core.models import Setting, User

from ..actions.schools import SCHOOL_VIEW
from ..models import SchoolActivity, Transition

OPEN_TRANSITIONS = (
    Transition.Status.PLANNING,
    Transition.Status.WITH_FAMILY,
    Transition.Status.AGREED,
    Transition.Status.TRANSFERRED,
)


def _moving() -> Subquery:
    """How many children are moving to the school (one subquery, not a join that multiplies rows)."""
    rows = (
        Transition.objects.filter(school=OuterRef("pk"), status__in=OPEN_TRANSITIONS)
        .order_by()
        .values("school")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(rows)


def active_contacts() -> QuerySet[AgencyContact]:
    return AgencyContact.objects.filter(active=True).order_by("name", "pk")


def schools_for(actor: User, setting: Setting, *, inactive: bool = False) -> QuerySet[Agency]:
    """The setting's schools with their active contacts, the date of the latest partnership activity and
    how many children are moving there: three queries (count, rows, contacts) however many schools."""
    schools = Agency.objects.filter(setting=setting, category=Agency.Category.SCHOOL, active=not inactive)
    return (
        permitted(actor, SCHOOL_VIEW, schools)
        .annotate(
            last_activity=Max("school_activities__on", filter=Q(school_activities__setting=setting)),
            moving=Coalesce(_moving(), 0),
        )
        .prefetch_related(Prefetch("contacts", queryset=active_contacts(), to_attr="active_contacts"))
        .order_by("name", "pk")
    )


def activities_of(school: Agency) -> QuerySet[SchoolActivity]:
    return SchoolActivity.objects.filter(school=school, setting_id=school.setting_id).select_related("led_by")


def activity_of(school: Agency, activity_id: int) -> SchoolActivity | None:
    return activities_of(school).filter(pk=activity_id).first()


def moving_to(school: Agency) -> int:
    return Transition.objects.filter(school=school, status__in=OPEN_TRANSITIONS).count()


def contacts_of(school: Agency) -> QuerySet[AgencyContact]:
    return active_contacts().filter(agency=school)
