"""Every write about the setting's schools (R54): keyword-only, one transaction, audited.

A school is added to the agencies directory (``agencies.services.directory``) with the category
"Schools", and its contacts are the directory's contacts: the directory checks the details. A
partnership activity needs a kind, a date and a summary of what happened.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from tandem.agencies.models import Agency, AgencyContact
from tandem.agencies.services import directory
from tandem.core import audit
from tandem.core.access import require
from tandem.core.models import Setting, User

from ..actions.schools import ACTIVITY_CHANGE, ACTIVITY_RECORD, SCHOOL_MANAGE, SCHOOLS_ADD
from ..models import SchoolActivity

SCHOOL_FIELDS = ("name", "description", "phone", "email", "website", "address")


def add_school(*, actor: User, setting: Setting, **fields: Any) -> Agency:
    """A school in the setting's directory (local, not listed for families unless asked)."""
    require(actor, SCHOOLS_ADD, setting)
    data = {name: fields.get(name, "") for name in SCHOOL_FIELDS}
    with transaction.atomic():
        school = directory.create_agency(
            actor=actor,
            setting=setting,
            category=Agency.Category.SCHOOL,
            reach=Agency.Reach.LOCAL,
            show_to_families=bool(fields.get("show_to_families")),
            **data,
        )
        audit.record("records.schools.school_added", actor, obj=school, setting_id=setting.pk)
    return school


def add_school_contact(*, actor: User, school: Agency, **fields: Any) -> AgencyContact:
    require(actor, SCHOOL_MANAGE, school)
    with transaction.atomic():
        contact = directory.add_contact(actor=actor, agency=school, **fields)
        audit.record("records.schools.contact_added", actor, obj=contact, setting_id=school.setting_id)
    return contact


def _clean_activity(kind: str, on: dt.date | None, summary: str, follow_up: str) -> dict[str, Any]:
    data = {"kind": kind, "on": on, "summary": (summary or "").strip(), "follow_up": (follow_up or "").strip()}
    errors: dict[str, str] = {}
    if kind not in SchoolActivity.Kind.values:
        errors["kind"] = "Choose what kind of activity it was."
    if on is None:
        errors["on"] = "Enter the date of the activity."
    if not data["summary"]:
        errors["summary"] = "Write what happened and what you learned."
    if errors:
        raise ValidationError(errors)
    return data


def record_activity(
    *, actor: User, school: Agency, kind: str, on: dt.date | None, summary: str, follow_up: str = ""
) -> SchoolActivity:
    require(actor, ACTIVITY_RECORD, school)
    data = _clean_activity(kind, on, summary, follow_up)
    with transaction.atomic():
        activity = SchoolActivity.objects.create(setting_id=school.setting_id, school=school, led_by=actor, **data)
        audit.record("records.schools.activity_recorded", actor, obj=activity, setting_id=school.setting_id)
    return activity


def update_activity(
    *, actor: User, activity: SchoolActivity, kind: str, on: dt.date | None, summary: str, follow_up: str = ""
) -> SchoolActivity:
    require(actor, ACTIVITY_CHANGE, activity)
    data = _clean_activity(kind, on, summary, follow_up)
    with transaction.atomic():
        locked = SchoolActivity.objects.select_for_update().get(pk=activity.pk)
        for name, value in data.items():
            setattr(locked, name, value)
        locked.save(update_fields=list(data))
        audit.record("records.schools.activity_changed", actor, obj=locked, setting_id=locked.setting_id)
    return locked


def delete_activity(*, actor: User, activity: SchoolActivity) -> None:
    require(actor, ACTIVITY_CHANGE, activity)
    with transaction.atomic():
        audit.record("records.schools.activity_deleted", actor, obj=activity, setting_id=activity.setting_id)
        SchoolActivity.objects.filter(pk=activity.pk).delete()
