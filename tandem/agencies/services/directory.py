"""Every write about the directory (R46) and signposting (R47): keyword-only, one transaction,
audited.

An agency needs a name and at least one way to reach it (a phone number, an email address, a
website or an address); a website is http or https only, so no other kind of link reaches a
parent's phone. A contact needs a name and a phone number or an email address. A signposting
names a parent or carer linked to the child whom no restriction keeps from information, and an
active agency of the child's own setting.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import require
from tandem.core.models import Setting, User
from tandem.people.models import Adult, Child, ChildAdult

from ..actions.directory import AGENCY_MANAGE, DIRECTORY_MANAGE, SIGNPOST, SIGNPOSTING_UPDATE
from ..models import Agency, AgencyContact, Signposting

PHONE = re.compile(r"^\+?[0-9 ()\-]+$")
AGENCY_FIELDS = (
    "name",
    "category",
    "reach",
    "description",
    "phone",
    "email",
    "website",
    "address",
    "languages",
    "show_to_families",
)
CONTACT_FIELDS = ("name", "role", "email", "phone", "notes")


# --- checks ---------------------------------------------------------------------------------


def _text(value: Any, limit: int | None = None) -> str:
    text = str(value or "").strip()
    return text[:limit] if limit else text


def phone_error(phone: str) -> str:
    """Why a phone number is not one ("" when it is fine)."""
    if not phone:
        return ""
    if not PHONE.match(phone) or sum(c.isdigit() for c in phone) < 3:
        return "Enter a phone number using digits, spaces and + only, for example 01632 960123."
    return ""


def website_error(website: str) -> str:
    """Why a website address is refused ("" when it is fine): http or https only."""
    if not website:
        return ""
    parts = urlsplit(website)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return "Enter a website address that starts with https:// or http://."
    return ""


def email_error(email: str) -> str:
    if not email:
        return ""
    try:
        validate_email(email)
    except ValidationError:
        return "Enter an email address like name@example.org."
    return ""


def _clean_agency(setting: Setting, fields: dict[str, Any], agency: Agency | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": _text(fields.get("name"), 200),
        "category": _text(fields.get("category")),
        "reach": _text(fields.get("reach")) or Agency.Reach.LOCAL,
        "description": _text(fields.get("description")),
        "phone": _text(fields.get("phone"), 40),
        "email": _text(fields.get("email"), 254),
        "website": _text(fields.get("website"), 200),
        "address": _text(fields.get("address")),
        "languages": _text(fields.get("languages"), 200),
        "show_to_families": bool(fields.get("show_to_families")),
    }
    errors: dict[str, str] = {}
    if not data["name"]:
        errors["name"] = "Write the agency's name."
    else:
        same = Agency.objects.filter(setting=setting, name__iexact=data["name"])
        if agency is not None:
            same = same.exclude(pk=agency.pk)
        if same.exists():
            errors["name"] = "There is already an agency with this name in the directory."
    if data["category"] not in Agency.Category.values:
        errors["category"] = "Choose what kind of agency it is."
    if data["reach"] not in Agency.Reach.values:
        errors["reach"] = "Choose whether it is a local or a national service."
    for field, check in (("phone", phone_error), ("email", email_error), ("website", website_error)):
        if message := check(data[field]):
            errors[field] = message
    if not any(data[f] for f in ("phone", "email", "website", "address")):
        errors["phone"] = (
            "Give at least one way to reach them: a phone number, an email address, a website or an address."
        )
    if errors:
        raise ValidationError(errors)
    return data


def _clean_contact(fields: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, str] = {
        "name": _text(fields.get("name"), 200),
        "role": _text(fields.get("role"), 200),
        "email": _text(fields.get("email"), 254),
        "phone": _text(fields.get("phone"), 40),
        "notes": _text(fields.get("notes")),
    }
    errors: dict[str, str] = {}
    if not data["name"]:
        errors["name"] = "Write the contact's name."
    for field, check in (("phone", phone_error), ("email", email_error)):
        if message := check(data[field]):
            errors[field] = message
    if not data["email"] and not data["phone"]:
        errors["email"] = "Give at least one way to reach them: an email address or a phone number."
    if errors:
        raise ValidationError(errors)
    return data


# --- agencies ---------------------------------------------------------------------------------


def create_agency(*, actor: User, setting: Setting, **fields: Any) -> Agency:
    require(actor, DIRECTORY_MANAGE, setting)
    data = _clean_agency(setting, fields)
    with transaction.atomic():
        agency = Agency.objects.create(setting=setting, **data)
        audit.record("agencies.directory.agency_added", actor, obj=agency, setting_id=setting.pk)
    return agency


def update_agency(*, actor: User, agency: Agency, **fields: Any) -> Agency:
    require(actor, AGENCY_MANAGE, agency)
    data = _clean_agency(agency.setting, fields, agency)
    with transaction.atomic():
        locked = Agency.objects.select_for_update().get(pk=agency.pk)
        for name, value in data.items():
            setattr(locked, name, value)
        locked.updated_at = timezone.now()
        locked.save(update_fields=[*data, "updated_at"])
        audit.record("agencies.directory.agency_changed", actor, obj=locked, setting_id=locked.setting_id)
    return locked


def set_agency_active(*, actor: User, agency: Agency, active: bool) -> Agency:
    """Stop listing an agency (kept, with its signposting), or list it again."""
    require(actor, AGENCY_MANAGE, agency)
    with transaction.atomic():
        locked = Agency.objects.select_for_update().get(pk=agency.pk)
        if locked.active != active:
            locked.active = active
            locked.updated_at = timezone.now()
            locked.save(update_fields=["active", "updated_at"])
            event = "agency_reactivated" if active else "agency_deactivated"
            audit.record(f"agencies.directory.{event}", actor, obj=locked, setting_id=locked.setting_id)
    return locked


# --- contacts ---------------------------------------------------------------------------------


def add_contact(*, actor: User, agency: Agency, **fields: Any) -> AgencyContact:
    require(actor, AGENCY_MANAGE, agency)
    data = _clean_contact(fields)
    with transaction.atomic():
        contact = AgencyContact.objects.create(agency=agency, **data)
        audit.record("agencies.directory.contact_added", actor, obj=contact, setting_id=agency.setting_id)
    return contact


def update_contact(*, actor: User, contact: AgencyContact, **fields: Any) -> AgencyContact:
    require(actor, AGENCY_MANAGE, contact.agency)
    data = _clean_contact(fields)
    with transaction.atomic():
        locked = AgencyContact.objects.select_for_update().get(pk=contact.pk)
        for name, value in data.items():
            setattr(locked, name, value)
        locked.save(update_fields=list(data))
        audit.record("agencies.directory.contact_changed", actor, obj=locked, setting_id=contact.agency.setting_id)
    return locked


def set_contact_active(*, actor: User, contact: AgencyContact, active: bool) -> AgencyContact:
    require(actor, AGENCY_MANAGE, contact.agency)
    with transaction.atomic():
        locked = AgencyContact.objects.select_for_update().get(pk=contact.pk)
        if locked.active != active:
            locked.active = active
            locked.save(update_fields=["active"])
            event = "contact_reactivated" if active else "contact_deactivated"
            audit.record(f"agencies.directory.{event}", actor, obj=locked, setting_id=contact.agency.setting_id)
    return locked


# --- signposting ------------------------------------------------------------------------------


def _follow_up_error(follow_up_on: dt.date | None) -> str:
    if follow_up_on is not None and follow_up_on < timezone.localdate():
        return "The follow-up date cannot be in the past."
    return ""


def record_signposting(
    *,
    actor: User,
    child: Child,
    adult: Adult | None,
    agency: Agency | None,
    reason: str,
    how: str = "",
    shared_with_family: bool = True,
    follow_up_on: dt.date | None = None,
) -> Signposting:
    require(actor, SIGNPOST, child)
    reason, how = _text(reason), _text(how, 200)
    errors: dict[str, str] = {}
    if adult is None or not ChildAdult.objects.filter(child=child, adult=adult, no_information=False).exists():
        errors["adult"] = "Choose the parent or carer you talked to."
    if agency is None or not Agency.objects.filter(pk=agency.pk, setting_id=child.setting_id, active=True).exists():
        errors["agency"] = "Choose an agency from the setting's directory."
    if not reason:
        errors["reason"] = "Write what the family needed help with."
    if message := _follow_up_error(follow_up_on):
        errors["follow_up_on"] = message
    if errors:
        raise ValidationError(errors)
    assert adult is not None and agency is not None
    with transaction.atomic():
        signposting = Signposting.objects.create(
            child=child,
            adult=adult,
            agency=agency,
            reason=reason,
            how=how,
            shared_with_family=bool(shared_with_family),
            follow_up_on=follow_up_on,
            recorded_by=actor,
        )
        audit.record(
            "agencies.directory.signposted",
            actor,
            child_ids=[child.pk],
            person_ids=[adult.pk],
            obj=signposting,
            setting_id=child.setting_id,
        )
    return signposting


def update_signposting(
    *,
    actor: User,
    signposting: Signposting,
    outcome: str,
    follow_up_on: dt.date | None,
    shared_with_family: bool,
) -> Signposting:
    """Record how a signposting turned out, move or clear its follow-up, share it or stop sharing it."""
    require(actor, SIGNPOSTING_UPDATE, signposting)
    errors: dict[str, str] = {}
    if outcome not in Signposting.Outcome.values:
        errors["outcome"] = "Choose how it turned out."
    if follow_up_on != signposting.follow_up_on and (message := _follow_up_error(follow_up_on)):
        errors["follow_up_on"] = message
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Signposting.objects.select_for_update().get(pk=signposting.pk)
        locked.outcome = outcome
        locked.follow_up_on = follow_up_on
        locked.shared_with_family = bool(shared_with_family)
        locked.save(update_fields=["outcome", "follow_up_on", "shared_with_family"])
        audit.record(
            "agencies.directory.signposting_updated",
            actor,
            child_ids=[locked.child_id],
            person_ids=[locked.adult_id] if locked.adult_id else [],
            obj=locked,
            setting_id=signposting.child.setting_id,
        )
    return locked
