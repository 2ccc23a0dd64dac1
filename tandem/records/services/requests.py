"""Access on request (R66; UK GDPR right of access): asking, recording, the one-month deadline and its
extension, preparing the complete export, reviewing flagged items, releasing and closing.

The deadline is one calendar month from receipt (:func:`due_date`), extendable by up to two further
months for a complex request, with the reason told to the requester. The export is made in the task
queue (``tasks_requests``): first a draft, whose flagged items the manager or deputy release or
withhold with a reason; then, with nothing left pending, the final copy without the withheld items,
logged with its purpose (``record_export``) before the requester is told.
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from tandem.comms.services.notifications import notify
from tandem.core import audit
from tandem.core.access import require
from tandem.core.exports import record_export
from tandem.core.models import Setting, SettingMembership, User
from tandem.people.models import Adult, Child, ChildAdult

from ..actions.requests import (
    REQUEST_ASK,
    REQUEST_CHILD,
    REQUEST_DOWNLOAD,
    REQUEST_MANAGE,
    REQUEST_RECORD,
    REVIEW_DECIDE,
)
from ..models import AccessExport, AccessRequest, ReviewItem
from ..rules import REQUEST_ROLES

NEW_KIND = "records.requests.new"
UPDATE_KIND = "records.requests.update"
Status = AccessRequest.Status
OPEN = (Status.RECEIVED, Status.PREPARING, Status.REVIEW)
MAX_EXTENSION_MONTHS = 2
ONLINE_IDENTITY = "Signed in to Tandem with their own account"


# --- the deadline ------------------------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months later; the last day of that month when it has no such day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_date(received_on: dt.date) -> dt.date:
    """One calendar month from receipt (31 Jan → 28/29 Feb; 29 Feb → 29 Mar; 31 Dec → 31 Jan)."""
    return add_months(received_on, 1)


# --- helpers -----------------------------------------------------------------------------------------


def _audit(event: str, actor: User, request: AccessRequest, obj: models.Model | None = None) -> None:
    audit.record(
        f"records.requests.{event}",
        actor,
        child_ids=[request.child_id] if request.child_id else [],
        person_ids=[request.adult_id],
        obj=obj or request,
        setting_id=request.setting_id,
    )


def _locked(request: AccessRequest) -> AccessRequest:
    return AccessRequest.objects.select_for_update().get(pk=request.pk)


def _open(request: AccessRequest) -> None:
    if request.status not in OPEN:
        raise ValidationError("This request is already answered or closed.")


def tell_requester(request: AccessRequest, title: str, body: str) -> None:
    user_id = Adult.objects.filter(pk=request.adult_id).values_list("user_id", flat=True).first()
    if user_id:
        url = reverse("records:request", args=[request.pk])
        notify(kind=UPDATE_KIND, user_ids=[user_id], title=title, body=body, url=url, setting_id=request.setting_id)


def _tell_staff(request: AccessRequest) -> None:
    ids = SettingMembership.objects.filter(setting_id=request.setting_id, role__in=REQUEST_ROLES, active=True)
    user_ids = sorted(set(ids.values_list("user_id", flat=True)))
    if user_ids:
        notify(
            kind=NEW_KIND,
            user_ids=user_ids,
            title="A new request for access to records",
            body=f"Due by {request.due_on:%d/%m/%Y}.",
            url=reverse("records:request", args=[request.pk]),
            setting_id=request.setting_id,
        )


def may_ask_about(adult: Adult, child: Child) -> bool:
    """Parental responsibility for the child and no restriction on information."""
    return ChildAdult.objects.filter(
        adult=adult, child=child, parental_responsibility=True, no_information=False
    ).exists()


# --- asking and recording ------------------------------------------------------------------------------


def ask(*, actor: User, subject: str, child: Child | None, details: str = "") -> AccessRequest:
    """A linked adult asks online, for their child's records or their own personal data."""
    require(actor, REQUEST_ASK)
    adult = Adult.objects.get(user=actor)
    if subject == AccessRequest.Subject.CHILD:
        if child is None:
            raise ValidationError({"child": "Choose the child whose records you are asking for."})
        require(actor, REQUEST_CHILD, child)
        setting_id = child.setting_id
    elif subject == AccessRequest.Subject.SELF:
        child, setting_id = None, adult.setting_id
    else:
        raise ValidationError({"subject": "Choose what you are asking for."})
    today = timezone.localdate()
    with transaction.atomic():
        request = AccessRequest.objects.create(
            setting_id=setting_id,
            adult=adult,
            child=child,
            subject=subject,
            how=AccessRequest.How.ONLINE,
            details=details.strip(),
            received_on=today,
            due_on=due_date(today),
            identity_checked=ONLINE_IDENTITY,
            created_by=actor,
        )
        _audit("asked", actor, request)
        transaction.on_commit(lambda: _tell_staff(request))
    return request


def record_request(
    *,
    actor: User,
    setting: Setting,
    adult: Adult,
    subject: str,
    child: Child | None,
    how: str,
    received_on: dt.date,
    identity_checked: str,
    details: str = "",
) -> AccessRequest:
    """Staff record a request received in writing or verbally (a request need not be in writing)."""
    require(actor, REQUEST_RECORD, setting)
    errors: dict[str, str] = {}
    if adult.setting_id != setting.pk:
        errors["adult"] = "Choose an adult of this setting."
    if how not in (AccessRequest.How.WRITING, AccessRequest.How.VERBAL):
        errors["how"] = "Say how the request was received."
    if received_on > timezone.localdate():
        errors["received_on"] = "The date received cannot be in the future."
    if not identity_checked.strip():
        errors["identity_checked"] = "Say how you confirmed who asked."
    if subject == AccessRequest.Subject.CHILD:
        if child is None or child.setting_id != setting.pk:
            errors["child"] = "Choose the child whose records are asked for."
        elif "adult" not in errors and not may_ask_about(adult, child):
            errors["child"] = (
                "This adult cannot ask for this child's records: they do not have parental responsibility, "
                "or a restriction keeps them from information about the child."
            )
    elif subject == AccessRequest.Subject.SELF:
        child = None
    else:
        errors["subject"] = "Choose what is asked for."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        request = AccessRequest.objects.create(
            setting=setting,
            adult=adult,
            child=child,
            subject=subject,
            how=how,
            details=details.strip(),
            received_on=received_on,
            due_on=due_date(received_on),
            identity_checked=identity_checked.strip(),
            created_by=actor,
        )
        _audit("recorded", actor, request)
    return request


# --- the deadline and closing ----------------------------------------------------------------------------


def extend(*, actor: User, request: AccessRequest, months: int, reason: str) -> AccessRequest:
    """Extend by up to two further months for a complex request; the requester is told why."""
    require(actor, REQUEST_MANAGE, request)
    if months not in range(1, MAX_EXTENSION_MONTHS + 1):
        raise ValidationError({"months": "Extend by one or two months."})
    if not reason.strip():
        raise ValidationError({"reason": "Say why the request needs longer: the requester is told."})
    with transaction.atomic():
        request = _locked(request)
        _open(request)
        request.extended_to = add_months(request.due_on, months)
        request.extension_reason = reason.strip()
        request.save(update_fields=["extended_to", "extension_reason"])
        _audit("extended", actor, request)
        body = f"We now have until {request.extended_to:%d/%m/%Y} to answer. Why: {request.extension_reason}"
        transaction.on_commit(lambda: tell_requester(request, "Your request for records needs longer", body))
    return request


def close(*, actor: User, request: AccessRequest, reason: str) -> AccessRequest:
    """Close an open request without releasing (withdrawn, a duplicate, identity not confirmed)."""
    require(actor, REQUEST_MANAGE, request)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the request is closed."})
    with transaction.atomic():
        request = _locked(request)
        _open(request)
        request.status = Status.CLOSED
        request.closed_reason = reason.strip()
        request.save(update_fields=["status", "closed_reason"])
        _audit("closed", actor, request)
        body = f"Why: {request.closed_reason}"
        transaction.on_commit(lambda: tell_requester(request, "Your request for records is closed", body))
    return request


# --- the export, its review and release ---------------------------------------------------------------------


def latest_draft(request: AccessRequest) -> AccessExport | None:
    return request.exports.filter(final=False).order_by("-created_at", "-pk").first()


def prepare(*, actor: User, request: AccessRequest) -> AccessExport:
    """Start the draft export (made in the task queue); the request goes to review once it is made."""
    from ..tasks_requests import make_access_export

    require(actor, REQUEST_MANAGE, request)
    with transaction.atomic():
        request = _locked(request)
        if request.status not in (Status.RECEIVED, Status.REVIEW):
            raise ValidationError("The export is being made, or the request is already answered or closed.")
        if request.child_id is None and request.subject == AccessRequest.Subject.CHILD:
            raise ValidationError("The child of this request is no longer on record.")
        export = AccessExport.objects.create(request=request, final=False, made_by=actor)
        request.status = Status.PREPARING
        request.save(update_fields=["status"])
        _audit("prepared", actor, request, export)
        transaction.on_commit(lambda: make_access_export.enqueue(export.pk))
    return export


def decide(*, actor: User, item: ReviewItem, decision: str, reason: str) -> ReviewItem:
    """Release or withhold one flagged item; withholding names the exemption relied on."""
    require(actor, REVIEW_DECIDE, item)
    if decision not in (ReviewItem.Decision.RELEASE, ReviewItem.Decision.WITHHOLD):
        raise ValidationError({"decision": "Choose release or withhold."})
    if decision == ReviewItem.Decision.WITHHOLD and not reason.strip():
        raise ValidationError(
            {"reason": "Say why it is withheld, naming the exemption (for example: third party has not consented)."}
        )
    with transaction.atomic():
        item = ReviewItem.objects.select_for_update().select_related("export__request").get(pk=item.pk)
        request = _locked(item.export.request)
        if request.status != Status.REVIEW or latest_draft(request) != item.export:
            raise ValidationError("This export is no longer the one under review.")
        item.decision = decision
        item.decision_reason = reason.strip()
        item.decided_by = actor
        item.decided_at = timezone.now()
        item.save(update_fields=["decision", "decision_reason", "decided_by", "decided_at"])
        _audit("reviewed", actor, request, item)
    return item


def release(*, actor: User, request: AccessRequest) -> AccessExport:
    """Make the final copy without the withheld items (in the task queue), logged with its purpose; the
    request becomes released and the requester is told when it is ready. Refused while any item is pending."""
    from ..tasks_requests import make_access_export

    require(actor, REQUEST_MANAGE, request)
    with transaction.atomic():
        request = _locked(request)
        if request.status != Status.REVIEW:
            raise ValidationError("Prepare the export and review it before releasing it.")
        draft = latest_draft(request)
        if draft is None or draft.status != AccessExport.Status.READY:
            raise ValidationError("Prepare the export and review it before releasing it.")
        pending = draft.review_items.filter(decision=ReviewItem.Decision.PENDING).count()
        if pending:
            raise ValidationError(f"Decide on every flagged item first: {pending} not yet reviewed.")
        if request.exports.filter(final=True, status=AccessExport.Status.MAKING).exists():
            raise ValidationError("The release copy is already being made.")
        record_export(
            actor=actor,
            setting_id=request.setting_id,
            what="Access request: complete export of "
            + ("the child's records" if request.child_id else "the adult's own personal data"),
            purpose=f"Subject access request received {request.received_on:%d/%m/%Y}",
            child_id=request.child_id,
        )
        export = AccessExport.objects.create(request=request, final=True, made_by=actor)
        _audit("released", actor, request, export)
        transaction.on_commit(lambda: make_access_export.enqueue(export.pk))
    return export


def record_download(*, actor: User, request: AccessRequest, export: AccessExport) -> None:
    require(actor, REQUEST_DOWNLOAD, request)
    _audit("downloaded", actor, request, export)
