"""Sending a summary or progress check to another setting the child attends (R25).

Only with the consent to share with another setting in force (and that decision is kept on the
share). The recipient gets a secure link by email: a random token of which only the SHA-256 is
stored; it expires after 14 days and can be revoked. Every opening is logged and audited.

The email is sent in the task queue, which takes ids only: the token is made there, at the moment
it is emailed (as invitations are), so neither our tables nor the task queue ever hold a usable link.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import require
from tandem.core.models import User
from tandem.enrolment.models import ConsentCode
from tandem.enrolment.selectors.consents import consent_now
from tandem.people.models import Child

from ..actions.sharing import SHARE_MANAGE
from ..models import OutsideShare, OutsideShareOpening, ProgressCheck, Summary
from ..selectors.sharing import open_share_by_token, shareable_items, token_hash

LINK_LIFETIME = dt.timedelta(days=14)
NO_CONSENT = (
    '{name}\'s family has not given consent to "Sharing records with another setting" ({status}). '
    "Ask a parent with parental responsibility to give it before sending anything."
)


def issue_token(share: OutsideShare) -> str:
    """A fresh token for the share's link; only its hash is kept. Any earlier link stops working."""
    token = secrets.token_urlsafe(32)
    OutsideShare.objects.filter(pk=share.pk).update(token_hash=token_hash(token))
    return token


def send_share(
    *,
    actor: User,
    child: Child,
    item: str,
    recipient_setting: str,
    recipient_name: str,
    recipient_email: str,
    reason: str,
) -> OutsideShare:
    """Send a shared summary or signed-off check. The link is made and emailed after commit."""
    from ..tasks_sharing import email_share

    require(actor, SHARE_MANAGE, child)
    state = consent_now(child, ConsentCode.SHARE_OTHER_SETTING)
    if not state.given:
        raise ValidationError(NO_CONSENT.format(name=child.display_name, status=state.label.lower()))
    fields = {
        "recipient_setting": (recipient_setting or "").strip(),
        "recipient_name": (recipient_name or "").strip(),
        "recipient_email": (recipient_email or "").strip(),
        "reason": (reason or "").strip(),
    }
    errors = {}
    for name, message in (
        ("recipient_setting", "Enter the name of the other setting."),
        ("recipient_name", "Enter the name of the person you are sending it to."),
        ("recipient_email", "Enter their email address."),
        ("reason", "Say why you are sending it."),
    ):
        if not fields[name]:
            errors[name] = message
    if item not in dict(shareable_items(child)):
        errors["item"] = "Choose a summary shared with the family or a signed-off progress check."
    if errors:
        raise ValidationError(errors)
    kind, _, pk = item.partition(":")
    with transaction.atomic():
        share = OutsideShare(
            child=child,
            item=OutsideShare.Item.CHECK if kind == "check" else OutsideShare.Item.SUMMARY,
            token_hash=token_hash(secrets.token_urlsafe(32)),  # a link nobody holds, until the email
            expires_at=timezone.now() + LINK_LIFETIME,
            consent_decision=state.decision,
            sent_by=actor,
            **fields,
        )
        if kind == "check":
            share.progress_check = ProgressCheck.objects.get(pk=int(pk), child=child)
        else:
            share.summary = Summary.objects.get(pk=int(pk), child=child)
        share.full_clean(exclude=["consent_decision", "summary", "progress_check", "sent_by", "revoked_by"])
        share.save()
        audit.record("journal.sharing.sent", actor, child_ids=[child.pk], obj=share, setting_id=child.setting_id)
        transaction.on_commit(lambda: email_share.enqueue(share.pk))
    return share


def revoke_share(*, actor: User, share: OutsideShare) -> OutsideShare:
    require(actor, SHARE_MANAGE, share.child)
    with transaction.atomic():
        locked = OutsideShare.objects.select_for_update().select_related("child").get(pk=share.pk)
        if locked.revoked_at is not None:
            raise ValidationError("This link has already been revoked.")
        locked.revoked_at, locked.revoked_by = timezone.now(), actor
        locked.save(update_fields=["revoked_at", "revoked_by"])
        audit.record(
            "journal.sharing.revoked",
            actor,
            child_ids=[locked.child_id],
            obj=locked,
            setting_id=locked.child.setting_id,
        )
    return locked


def open_share(*, token: str) -> OutsideShare | None:
    """The recipient opens the link: the share if it still works (and the consent is still given),
    with the opening logged and audited; None otherwise."""
    share = open_share_by_token(token)
    if share is None or not consent_now(share.child_id, ConsentCode.SHARE_OTHER_SETTING).given:
        return None
    with transaction.atomic():
        OutsideShareOpening.objects.create(share=share)
        audit.record(
            "journal.sharing.opened", None, child_ids=[share.child_id], obj=share, setting_id=share.child.setting_id
        )
    return share
