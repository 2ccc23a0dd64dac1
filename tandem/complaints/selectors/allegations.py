"""Reading allegations against staff (R61): a setting's list for those who may see them, and the
choices on the forms (the setting's staff; the children the person may see)."""

from __future__ import annotations

from django.db.models import F, QuerySet

from tandem.core.access import permitted
from tandem.core.models import Setting, User
from tandem.people.actions import CHILD_VIEW
from tandem.people.models import Child
from tandem.people.selectors import current

from ..actions.allegations import ALLEGATION_VIEW
from ..models import Allegation, ComplaintStep


def allegations_of(user: User, setting: Setting) -> QuerySet[Allegation]:
    """The setting's allegations the person may open (never one about them), open ones first."""
    rows = Allegation.objects.filter(setting=setting).select_related("about", "child", "complaint")
    return permitted(user, ALLEGATION_VIEW, rows).order_by(F("closed_at").asc(nulls_first=True), "-received_at", "-pk")


def complaint_steps(allegation: Allegation) -> list[ComplaintStep]:
    """The record of the complaint it came from, if any (its viewers may read all of it)."""
    if not allegation.complaint_id:
        return []
    return list(ComplaintStep.objects.filter(complaint_id=allegation.complaint_id).select_related("by"))


def staff_choices(setting: Setting) -> QuerySet[User]:
    """Everyone who works in the setting now (staff and volunteers), by name."""
    return (
        User.objects.filter(setting_memberships__setting=setting, setting_memberships__active=True, is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "pk")
    )


def child_choices(user: User, setting: Setting) -> QuerySet[Child]:
    """The setting's current children the person may see (none for an owner: they see no child's record)."""
    return permitted(user, CHILD_VIEW, current(Child.objects.filter(setting=setting))).order_by(
        "first_name", "last_name", "pk"
    )
