"""Sending a child's records to the receiving school (R55, R67), every step logged (R51).

Each kind (learning, SEN, child protection) goes separately, to a named person at the school, by
those whose records they are. The purpose is logged first (``record_export``, in the same
transaction); the PDF is made in the task queue (``tasks_transfer``), which also makes the link's
token for a link by email (only its SHA-256 is kept). The link works once and for seven days; the
PDF is deleted once opened or handed over. The family is told when learning or SEN records go;
never about child protection records (the DSL records when the family was told).
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tandem.comms.services.notifications import notify
from tandem.core import audit
from tandem.core.access import can, require
from tandem.core.exports import record_export
from tandem.core.models import User
from tandem.people.selectors import family_user_ids

from ..actions.transfer import FAMILY_KINDS, SEND_BY_KIND, TRANSFER_MANAGE, TRANSFER_SEND
from ..models import RecordTransfer, TransferOpening, Transition
from ..selectors import transfer as selectors

Kind, Status, Delivery = RecordTransfer.Kind, RecordTransfer.Status, RecordTransfer.Delivery
NOTIFY_KIND = "records.transfer.sent"

NOT_AGREED = (
    "The learning record can only go once the family has agreed the current transition report. "
    "Send the report to the family first."
)
NO_CONTACT = "Choose a named person at the school."
NO_EMAIL = "This person has no email address: add one in the directory, or hand the records over in person."
NOT_YOURS = "You cannot send this kind of record."
ALREADY_GOING = "These records are already on their way to the school. Withdraw that transfer first."


def _audit(event: str, actor: Any, transfer: RecordTransfer) -> None:
    audit.record(event, actor, child_ids=[transfer.child_id], obj=transfer, setting_id=transfer.setting_id)


def send_transfer(
    *,
    actor: User,
    transition: Transition,
    kind: str,
    contact_id: int | None,
    delivery: str,
    note: str = "",
    purpose: str | None,
) -> RecordTransfer:
    """Log the purpose and prepare the transfer; the PDF (and the email) follow after commit."""
    from ..tasks_transfer import prepare_transfer

    require(actor, TRANSFER_SEND, transition)
    action = SEND_BY_KIND.get(kind)
    if action is None or not can(actor, action, transition):
        raise ValidationError({"kind": NOT_YOURS})
    if delivery not in Delivery.values:
        raise ValidationError({"delivery": "Choose how the records go."})
    contact = selectors.contacts_for(transition).filter(pk=contact_id).first() if contact_id else None
    if contact is None:
        raise ValidationError({"contact": NO_CONTACT})
    if delivery == Delivery.LINK and not contact.email:
        raise ValidationError({"contact": NO_EMAIL})
    with transaction.atomic():
        locked = Transition.objects.select_for_update().get(pk=transition.pk)
        if kind == Kind.LEARNING:
            report = selectors.report_of(locked)
            if report is None or not report.is_agreed:
                raise ValidationError({"kind": NOT_AGREED})
        pending = RecordTransfer.objects.filter(
            transition=locked, kind=kind, status__in=[Status.PREPARING, Status.SENT]
        )
        if any(selectors.state(t) in ("preparing", "ready", "sent") for t in pending):
            raise ValidationError({"kind": ALREADY_GOING})
        label = Kind(kind).label
        export = record_export(
            actor=actor,
            setting_id=locked.setting_id,
            what=f"Sent to the school: {label.lower()}",
            purpose=purpose,
            child_id=locked.child_id,
        )
        transfer = RecordTransfer.objects.create(
            setting_id=locked.setting_id,
            child_id=locked.child_id,
            transition=locked,
            kind=kind,
            contact=contact,
            recipient_name=contact.name,
            recipient_email=contact.email if delivery == Delivery.LINK else "",
            delivery=delivery,
            note=note.strip(),
            export=export,
            created_by=actor,
        )
        _audit("records.transfer.created", actor, transfer)
        transaction.on_commit(lambda: prepare_transfer.enqueue(transfer.pk))
    return transfer


def _still_agreed(transfer: RecordTransfer, version: int | None = None) -> bool:
    """For the learning record: the family has agreed the report as it is now (and, given the version
    the PDF was made from, that one). Other kinds need no agreement."""
    if transfer.kind != Kind.LEARNING:
        return True
    report = selectors.report_of(transfer.transition)
    return report is not None and report.is_agreed and (version is None or report.version == version)


def _not_agreed(transfer: RecordTransfer) -> None:
    """The report changed after the family agreed it: the transfer fails (audited), its PDF deleted."""
    if RecordTransfer.objects.filter(pk=transfer.pk, status=Status.PREPARING).update(status=Status.FAILED):
        transfer.status = Status.FAILED
        _audit(selectors.NOT_AGREED_EVENT, None, transfer)
    _delete_file(transfer)


def check_agreed(transfer: RecordTransfer) -> bool:
    """Called by the task before it makes the PDF: False (and the transfer failed) when the learning
    record's report is no longer the one the family agreed."""
    if _still_agreed(transfer):
        return True
    with transaction.atomic():
        _not_agreed(transfer)
    return False


def _finish(transfer: RecordTransfer, version: int | None) -> RecordTransfer | None:
    """Inside a transaction, once the PDF is saved: the transfer locked, if it is still being prepared
    and (learning) still agreed as made. Otherwise its PDF is deleted (and an unagreed one failed):
    withdrawn meanwhile, nothing else happens."""
    locked = RecordTransfer.objects.select_for_update().filter(pk=transfer.pk).first()
    if locked is None or locked.status != Status.PREPARING:
        _delete_file(transfer)
        return None
    if not _still_agreed(locked, version):
        _not_agreed(locked)
        return None
    return locked


def prepared(transfer: RecordTransfer, *, version: int | None = None) -> bool:
    """Called by the task once the PDF of a transfer by hand is made: whether it may be handed over
    (if not, the PDF is already deleted)."""
    with transaction.atomic():
        return _finish(transfer, version) is not None


def issue_link(transfer: RecordTransfer, *, version: int | None = None) -> str | None:
    """Called by the task once the PDF is made: a fresh token (only its hash kept), the link's expiry,
    and the transfer marked sent. Returns the token, for the email only; None when the transfer was
    withdrawn meanwhile or its report is no longer the agreed one (the PDF deleted, nothing sent)."""
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        if _finish(transfer, version) is None:
            return None
        updated = RecordTransfer.objects.filter(pk=transfer.pk, status=Status.PREPARING).update(
            token_hash=selectors.token_hash(token),
            expires_at=now + dt.timedelta(days=selectors.LINK_DAYS),
            sent_at=now,
            status=Status.SENT,
        )
        if updated != 1:  # cannot happen under the lock; never report a transfer sent that was not
            _delete_file(transfer)
            return None
        transfer.refresh_from_db()
        delivered(transfer)
    return token


def failed(transfer: RecordTransfer) -> None:
    with transaction.atomic():
        if RecordTransfer.objects.filter(pk=transfer.pk, status=Status.PREPARING).update(status=Status.FAILED):
            _audit("records.transfer.failed", None, transfer)
        _delete_file(transfer)


def delivered(transfer: RecordTransfer) -> None:
    """The records have gone (a link emailed, or handed over): audited, the family told (learning and
    SEN), and the transition marked transferred when the learning record went. Inside a transaction."""
    _audit("records.transfer.sent", transfer.created_by, transfer)
    if transfer.kind == Kind.LEARNING:
        Transition.objects.filter(pk=transfer.transition_id).update(
            status=Transition.Status.TRANSFERRED, updated_at=timezone.now()
        )
    if transfer.kind in FAMILY_KINDS and transfer.family_told_at is None:
        school = transfer.transition.school.name
        child = transfer.child
        whom = f"the {transfer.contact.role}" if transfer.contact.role else "a named person"
        notify(
            kind=NOTIFY_KIND,
            user_ids=family_user_ids(child_ids=[child.pk], parental_responsibility=True, include_left=True),
            title=f"{child.display_name}'s {transfer.get_kind_display().lower()} went to {school}",
            body=f"We have sent {child.display_name}'s {transfer.get_kind_display().lower()} to "
            f"{whom} at {school}. You can see what was sent, and whether the school has opened it.",
            url=reverse("records:transfer_family", args=[child.pk]),
            setting_id=transfer.setting_id,
        )
        RecordTransfer.objects.filter(pk=transfer.pk).update(family_told_at=timezone.now())


def _delete_file(transfer: RecordTransfer) -> None:
    name = selectors.pdf_name(transfer)
    transaction.on_commit(lambda: default_storage.delete(name))


# --- the school's link ------------------------------------------------------------------------------


def open_link(*, digest: str) -> tuple[RecordTransfer | None, str, bytes]:
    """Use the link, given its token's SHA-256 (``selectors.token_hash``): (transfer, refusal, pdf).
    A digest that matches nothing: (None, "", b""), nothing logged. Otherwise every use is logged
    (TransferOpening and the audit): the first use of a sent, unexpired, unwithdrawn link gets the PDF
    (then deleted); any other is refused."""
    found = selectors.by_hash(digest)
    if found is None:
        return None, "", b""
    with transaction.atomic():
        transfer = RecordTransfer.objects.select_for_update().select_related("setting").get(pk=found.pk)
        refused = selectors.refusal(transfer)
        pdf = b""
        if not refused:
            try:
                with default_storage.open(selectors.pdf_name(transfer), "rb") as handle:
                    pdf = handle.read()
            except OSError:
                refused = "expired"
        if refused:
            TransferOpening.objects.create(transfer=transfer, outcome=refused)
            _audit("records.transfer.refused", None, transfer)
            return transfer, refused, b""
        transfer.opened_at = timezone.now()
        transfer.status = Status.OPENED
        transfer.save(update_fields=["opened_at", "status"])
        TransferOpening.objects.create(transfer=transfer, outcome=TransferOpening.Outcome.OPENED)
        _audit("records.transfer.opened", None, transfer)
        _delete_file(transfer)
    return transfer, "", pdf


# --- staff ----------------------------------------------------------------------------------------------


def _locked(actor: User, transfer: RecordTransfer) -> RecordTransfer:
    require(actor, TRANSFER_MANAGE, transfer)
    return RecordTransfer.objects.select_for_update().get(pk=transfer.pk)


def revoke(*, actor: User, transfer: RecordTransfer) -> RecordTransfer:
    """Withdraw a transfer the school has not opened: its link stops working, its PDF is deleted."""
    with transaction.atomic():
        locked = _locked(actor, transfer)
        if locked.status not in (Status.PREPARING, Status.SENT, Status.FAILED):
            raise ValidationError("Only a transfer the school has not opened can be withdrawn.")
        locked.status = Status.REVOKED
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["status", "revoked_at"])
        _audit("records.transfer.revoked", actor, locked)
        _delete_file(locked)
    return locked


def pdf_to_hand_over(*, actor: User, transfer: RecordTransfer) -> bytes:
    """The PDF of a transfer by hand, for its sender to print or carry (audited)."""
    require(actor, TRANSFER_MANAGE, transfer)
    if transfer.delivery != Delivery.IN_PERSON or selectors.state(transfer) != "ready":
        raise ValidationError("There is no PDF to download for this transfer.")
    with default_storage.open(selectors.pdf_name(transfer), "rb") as handle:
        pdf = handle.read()
    with transaction.atomic():
        _audit("records.transfer.downloaded", actor, transfer)
    return bytes(pdf)


def handed_over(*, actor: User, transfer: RecordTransfer) -> RecordTransfer:
    """Record that the records were handed to the named person: delivered, and the PDF deleted."""
    with transaction.atomic():
        locked = _locked(actor, transfer)
        if locked.delivery != Delivery.IN_PERSON or selectors.state(locked) != "ready":
            raise ValidationError("Only records prepared to go by hand, not yet handed over, can be recorded so.")
        now = timezone.now()
        locked.handed_over_at = locked.sent_at = locked.opened_at = now
        locked.status = Status.OPENED
        locked.save(update_fields=["handed_over_at", "sent_at", "opened_at", "status"])
        _audit("records.transfer.handed_over", actor, locked)
        delivered(locked)
        _delete_file(locked)
    return locked


def family_told(*, actor: User, transfer: RecordTransfer) -> RecordTransfer:
    """The DSL records that the family has been told child protection records went to the school."""
    with transaction.atomic():
        locked = _locked(actor, transfer)
        if locked.kind != Kind.PROTECTION:
            raise ValidationError("The family is told about this transfer by Tandem.")
        if locked.family_told_at is None:
            locked.family_told_at = timezone.now()
            locked.save(update_fields=["family_told_at"])
            _audit("records.transfer.family_told", actor, locked)
    return locked
