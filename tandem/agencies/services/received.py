"""Every write about information received from other agencies (R49): keyword-only, one
transaction, audited. Reads of an item (its page, its document) are audited here too.

A document is kept only if its bytes are a PDF (at most 10 MB), under a random name. An item marked
safeguarding is told to the setting's DSL and manager (never the person who recorded it).
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tandem.core import audit, files
from tandem.core.access import require
from tandem.core.models import SettingMembership, User
from tandem.people.models import Child

from ..actions.received import RECEIVED_CONSENT, RECEIVED_RECORD, RECEIVED_VIEW
from ..models import Agency, ReceivedConsent, ReceivedItem
from ..rules import PROTECTION_ROLES

SAFEGUARDING_KIND = "agencies.received.safeguarding"
NO_CONSENT = "There is no consent in force to withdraw."


def check_document(upload: Any, field: str = "file") -> None:
    """Refuse anything but a PDF of at most 10 MB, judged by its bytes, not its name."""
    files.check_pdf(upload, field=field, what="The document")


def _text(value: str | None, field: str, message: str, limit: int) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise ValidationError({field: message})
    if len(text) > limit:
        raise ValidationError({field: f"Keep it to {limit} characters."})
    return text


def _not_future(day: dt.date | None, field: str, what: str) -> dt.date:
    if day is None:
        raise ValidationError({field: f"Enter the date {what}."})
    if day > timezone.localdate():
        raise ValidationError({field: f"The date {what} cannot be in the future."})
    return day


def _audit(event: str, actor: User, item: ReceivedItem) -> None:
    audit.record(event, actor, child_ids=[item.child_id], obj=item, setting_id=item.child.setting_id)


def record_item(
    *,
    actor: User,
    child: Child,
    kind: str,
    title: str,
    from_name: str,
    received_on: dt.date | None,
    agency: Agency | None = None,
    body: str = "",
    upload: Any = None,
    safeguarding: bool = False,
) -> ReceivedItem:
    """Record a document or a note of what another agency said about the child."""
    require(actor, RECEIVED_RECORD, child)
    if kind not in ReceivedItem.Kind.values:
        raise ValidationError({"kind": "Choose a document or a note."})
    title = _text(title, "title", "Give it a title.", 200)
    from_name = _text(from_name, "from_name", "Say who it came from.", 200)
    received_on = _not_future(received_on, "received_on", "it was received")
    if agency is not None and agency.setting_id != child.setting_id:
        raise ValidationError({"agency": "Choose an agency from your setting's directory."})
    body = (body or "").strip()
    if len(body) > 20000:
        raise ValidationError({"body": "Keep it to 20,000 characters."})
    if kind == ReceivedItem.Kind.DOCUMENT:
        if upload is None:
            raise ValidationError({"file": "Choose the document (a PDF)."})
        check_document(upload)
    else:
        if upload is not None:
            raise ValidationError({"file": "A note has no document: choose 'A document' to keep a file."})
        if not body:
            raise ValidationError({"body": "Write what they told you."})
    item = ReceivedItem(
        child=child,
        agency=agency,
        from_name=from_name,
        kind=kind,
        title=title,
        body=body,
        received_on=received_on,
        safeguarding=safeguarding,
        recorded_by=actor,
    )
    saved_name = ""
    try:
        with transaction.atomic():
            if upload is not None:
                item.size = upload.size
                item.file.save(f"{secrets.token_hex(16)}.pdf", upload, save=False)
                saved_name = item.file.name
            item.save()
            _audit("agencies.received.recorded", actor, item)
            if safeguarding:
                _tell_protection_leads(actor, item)
    except Exception:
        if saved_name:
            item.file.storage.delete(saved_name)
        raise
    return item


def _tell_protection_leads(actor: User, item: ReceivedItem) -> None:
    """The DSL and the manager hear of safeguarding material at once. The text names no one."""
    from tandem.comms.services.notifications import notify

    leads = (
        SettingMembership.objects.filter(setting_id=item.child.setting_id, role__in=PROTECTION_ROLES, active=True)
        .exclude(user=actor)
        .values_list("user_id", flat=True)
    )
    notify(
        kind=SAFEGUARDING_KIND,
        user_ids=sorted(set(leads)),
        title="Safeguarding information from another agency was recorded",
        body="Information from another agency was recorded and marked safeguarding. Open it in Tandem to read it.",
        url=reverse("agencies:received_item", args=[item.pk]),
        setting_id=item.child.setting_id,
    )


def record_consent(
    *, actor: User, item: ReceivedItem, given_by: str, given_on: dt.date | None, scope: str, how: str = ""
) -> ReceivedConsent:
    """Record the originating agency's consent to pass the item on (to whom, as they said). It is the
    consent in force from now on, until it is withdrawn or another is recorded."""
    require(actor, RECEIVED_CONSENT, item)
    given_by = _text(given_by, "given_by", "Say who at the agency agreed.", 200)
    scope = _text(scope, "scope", "Say who it may be passed to, as the agency said.", 300)
    given_on = _not_future(given_on, "given_on", "they agreed")
    how = " ".join((how or "").split())[:200]
    with transaction.atomic():
        locked = ReceivedItem.objects.select_for_update().select_related("child").get(pk=item.pk)
        consent = ReceivedConsent.objects.create(
            item=locked, given_by=given_by, given_on=given_on, scope=scope, how=how, recorded_by=actor
        )
        _audit("agencies.received.consent_recorded", actor, locked)
    return consent


def withdraw_consent(*, actor: User, item: ReceivedItem) -> int:
    """The agency withdrew its consent: every consent recorded for the item stops counting (an older
    one never comes back into force). Returns how many were withdrawn."""
    require(actor, RECEIVED_CONSENT, item)
    now = timezone.now()
    with transaction.atomic():
        locked = ReceivedItem.objects.select_for_update().select_related("child").get(pk=item.pk)
        withdrawn = ReceivedConsent.objects.filter(item=locked, withdrawn_at__isnull=True).update(
            withdrawn_at=now, withdrawn_by=actor
        )
        if not withdrawn:
            raise ValidationError(NO_CONSENT)
        _audit("agencies.received.consent_withdrawn", actor, locked)
    return withdrawn


def record_read(*, actor: User, item: ReceivedItem, downloaded: bool = False) -> None:
    """Every read of an item, its page or its document, is in the audit trail."""
    require(actor, RECEIVED_VIEW, item)
    _audit("agencies.received.downloaded" if downloaded else "agencies.received.viewed", actor, item)
