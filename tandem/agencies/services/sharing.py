"""Sharing a child's information with an agency or a school (R48, R51).

Nothing leaves the setting without a ``Share``: what (the items chosen for its share pack), with
whom, when, why, and on what basis: the consent of an adult with parental responsibility, or the
DSL's ``SharingDecision`` to share without consent because the child may be suffering, or be likely
to suffer, significant harm. The database refuses a recorded share with neither (a check
constraint); this module refuses it first, with a message.

A share is prepared as a draft (recipient, purpose, delivery, items), then recorded: from that
moment it cannot change (a new share is made instead), it is logged as an export with its purpose,
and a link share is emailed after commit. Third-party items (received from another agency) go in
only while that agency's consent to pass them on is in force, checked when chosen and again when
recorded. A link works for 14 days, can be revoked, and every opening (and every refused attempt)
is logged and audited. The token is made in the task that emails it; only its SHA-256 is kept.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tandem.comms.services.notifications import notify
from tandem.core import audit
from tandem.core.access import can, require
from tandem.core.exports import clean_purpose, record_export
from tandem.core.models import User
from tandem.core.roles import SettingRole
from tandem.people.models import Adult, Child

from ..actions.sharing import SHARE_VIEW, SHARING_DECIDE, SHARING_DECISIONS, SHARING_MANAGE
from ..models import Agency, ReceivedItem, Share, ShareItem, ShareOpening, SharingDecision
from ..selectors.received import NOT_PASSABLE, consent_in_force, origin_of
from ..selectors.sharing import (
    PACK_SOURCES,
    RECEIVED,
    consenting_adults,
    contacts_for,
    link_works,
    may_see_safeguarding,
    professionals_for,
    share_by_token,
    token_hash,
)

logger = logging.getLogger("tandem.agencies")

LINK_LIFETIME = dt.timedelta(days=14)
NOT_DRAFT = "This share has already been recorded, so it cannot be changed. Prepare a new share instead."
CANCELLED = "This share pack was cancelled, so it cannot be changed. Prepare a new share instead."
NO_DECISION = (
    "A share without consent needs the DSL's recorded decision to share without consent for this child. "
    "Ask the DSL to record it first."
)
NO_CONSENT_ADULT = (
    "Choose the adult who consented: a parent or carer with parental responsibility for the child whom no "
    "restriction keeps from information."
)
NOT_AVAILABLE = '"{label}" can no longer be shared: take it out of the pack, or choose it again.'
SAFEGUARDING_ONLY = (
    "The pack holds safeguarding information from another agency: only the DSL, the manager or the key "
    "person can choose it or record the share."
)
DECISION_VISIBLE = (SettingRole.DSL, SettingRole.MANAGER)


def _text(value: Any) -> str:
    return str(value or "").strip()


def _audit(event: str, actor: User | None, share: Share) -> None:
    audit.record(event, actor, child_ids=[share.child_id], obj=share, setting_id=share.child.setting_id)


# --- the DSL's decision to share without consent ------------------------------------------------------


def _decision_fields(
    parents_told: str, parents_told_on: dt.date | None, not_told_reason: str
) -> tuple[dict[str, Any], dict[str, str]]:
    errors: dict[str, str] = {}
    told = _text(parents_told)
    reason = _text(not_told_reason)
    if told not in SharingDecision.ParentsTold.values:
        errors["parents_told"] = "Say whether the parents were told."
    elif told == SharingDecision.ParentsTold.YES:
        if parents_told_on is None:
            errors["parents_told_on"] = "Enter the date the parents were told."
        elif parents_told_on > timezone.localdate():
            errors["parents_told_on"] = "The date the parents were told cannot be in the future."
        reason = ""
    else:
        parents_told_on = None
        if not reason:
            errors["not_told_reason"] = (
                "Say why the parents have not been told (and, if they will be, when)."
                if told == SharingDecision.ParentsTold.NOT_YET
                else "Say why telling the parents would put the child at greater risk."
            )
    return {"parents_told": told, "parents_told_on": parents_told_on, "not_told_reason": reason}, errors


def record_decision(
    *,
    actor: User,
    child: Child,
    reason: str,
    with_whom: str,
    parents_told: str,
    parents_told_on: dt.date | None = None,
    not_told_reason: str = "",
) -> SharingDecision:
    """The DSL records the decision to share without consent (significant harm). The DSL alone."""
    require(actor, SHARING_DECIDE, child)
    fields, errors = _decision_fields(parents_told, parents_told_on, not_told_reason)
    reason, with_whom = _text(reason), _text(with_whom)
    if not reason:
        errors["reason"] = "Say why the child may be suffering, or be likely to suffer, significant harm."
    if not with_whom:
        errors["with_whom"] = "Say who the information may go to."
    elif len(with_whom) > 300:
        errors["with_whom"] = "Keep this to 300 characters."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        decision = SharingDecision.objects.create(
            child=child, decided_by=actor, reason=reason, with_whom=with_whom, **fields
        )
        audit.record(
            "agencies.sharing.decision.recorded", actor, child_ids=[child.pk], obj=decision,
            setting_id=child.setting_id,
        )  # fmt: skip
        _tell_managers(actor, child, decision)
    return decision


def _tell_managers(actor: User, child: Child, decision: SharingDecision) -> None:
    from tandem.core.models import SettingMembership

    managers = (
        SettingMembership.objects.filter(setting_id=child.setting_id, role__in=DECISION_VISIBLE, active=True)
        .exclude(user=actor)
        .values_list("user_id", flat=True)
    )
    notify(
        kind="agencies.sharing.decision",
        user_ids=managers,
        title="A decision to share information without consent was recorded",
        body=f"{actor.get_full_name() or 'The DSL'} recorded a decision to share information about a child "
        "without consent. Open it in Tandem.",
        url=reverse("agencies:sharing_decisions", args=[child.pk]),
        setting_id=child.setting_id,
    )


def update_parents_told(
    *,
    actor: User,
    decision: SharingDecision,
    parents_told: str,
    parents_told_on: dt.date | None = None,
    not_told_reason: str = "",
) -> SharingDecision:
    """The DSL records that the parents have now been told (or why not). The DSL alone."""
    require(actor, SHARING_DECIDE, decision.child)
    fields, errors = _decision_fields(parents_told, parents_told_on, not_told_reason)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = SharingDecision.objects.select_for_update().get(pk=decision.pk)
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save(update_fields=list(fields))
        audit.record(
            "agencies.sharing.decision.updated", actor, child_ids=[locked.child_id], obj=locked,
            setting_id=decision.child.setting_id,
        )  # fmt: skip
    return locked


# --- preparing the pack --------------------------------------------------------------------------------


def _recipient(child: Child, recipient: str, delivery: str) -> tuple[dict[str, Any], dict[str, str]]:
    """The share's recipient fields from "contact:<id>" or "professional:<id>", or errors."""
    errors: dict[str, str] = {}
    kind, _, raw = _text(recipient).partition(":")
    pk = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 12 else 0
    if delivery not in Share.Delivery.values:
        errors["delivery"] = "Choose how it will be shared."
    if kind == "contact":
        contact = contacts_for(child.setting_id).filter(pk=pk).first()
        if contact is None:
            return {}, {"recipient": "Choose someone from the setting's directory of agencies."}
        if delivery == Share.Delivery.VISIT:
            errors["delivery"] = "Only a visiting professional with a Tandem account can read it during a visit."
        if delivery == Share.Delivery.LINK and not contact.email:
            errors["delivery"] = (
                f"{contact.name} has no email address in the directory. Add one there, or choose another way."
            )
        agency: Agency = contact.agency
        fields: dict[str, Any] = {
            "recipient_kind": Share.Recipient.SCHOOL
            if agency.category == Agency.Category.SCHOOL
            else Share.Recipient.AGENCY,
            "agency": agency,
            "contact": contact,
            "professional": None,
            "recipient_name": f"{contact.name}, {agency.name}"[:200],
            "recipient_email": contact.email,
        }
        return fields, errors
    if kind == "professional":
        found = professionals_for(child.setting_id).filter(pk=pk).first()
        if found is None:
            return {}, {"recipient": "Choose a visiting professional of the setting."}
        if delivery != Share.Delivery.VISIT:
            errors["delivery"] = "A visiting professional reads the pack during their visit: choose that."
        name = found.user.get_full_name() or found.user.email
        fields = {
            "recipient_kind": Share.Recipient.PROFESSIONAL,
            "agency": found.agency,
            "contact": None,
            "professional": found.user,
            "recipient_name": f"{name}, {found.job_title}"[:200],
            "recipient_email": "",
        }
        return fields, errors
    return {}, {"recipient": "Choose who it is shared with."}


def _purpose(purpose: str, errors: dict[str, str]) -> str:
    try:
        return clean_purpose(purpose)
    except ValidationError as error:
        errors["purpose"] = " ".join(error.messages)
        return ""


def start_share(*, actor: User, child: Child, recipient: str, purpose: str, delivery: str) -> Share:
    """A draft share pack: who it is for, why, and how it will reach them. Items are chosen next."""
    require(actor, SHARING_MANAGE, child)
    fields, errors = _recipient(child, recipient, delivery)
    purpose = _purpose(purpose, errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        share = Share.objects.create(
            child=child, purpose=purpose, delivery=delivery, basis="", created_by=actor, **fields
        )
        _audit("agencies.sharing.started", actor, share)
    return share


def _draft(actor: User, share: Share) -> Share:
    """The share, locked, if the actor may work on it and it is still a draft."""
    require(actor, SHARE_VIEW, share)
    locked = Share.objects.select_for_update().select_related("child").get(pk=share.pk)
    if locked.status != Share.Status.DRAFT:
        raise ValidationError(not_draft(locked))
    return locked


def not_draft(share: Share) -> str:
    """Why a share can no longer be changed."""
    return CANCELLED if share.status == Share.Status.CANCELLED else NOT_DRAFT


def change_share(*, actor: User, share: Share, recipient: str, purpose: str, delivery: str) -> Share:
    """Change a draft's recipient, purpose or delivery."""
    require(actor, SHARE_VIEW, share)
    fields, errors = _recipient(share.child, recipient, delivery)
    purpose = _purpose(purpose, errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _draft(actor, share)
        for name, value in {**fields, "purpose": purpose, "delivery": delivery}.items():
            setattr(locked, name, value)
        locked.save()
        _audit("agencies.sharing.changed", actor, locked)
    return locked


def _parse(values: Iterable[str]) -> tuple[list[tuple[str, int]], str]:
    chosen: list[tuple[str, int]] = []
    for value in values:
        kind, _, raw = _text(value).partition(":")
        if kind not in PACK_SOURCES or not (raw.isascii() and raw.isdigit() and len(raw) < 12):
            return [], "Choose items from the list."
        if (kind, int(raw)) not in chosen:
            chosen.append((kind, int(raw)))
    return chosen, ""


def _check_items(actor: User, child: Child, chosen: list[tuple[str, int]]) -> list[ShareItem]:
    """ShareItems (unsaved) for what was chosen, each still available and passable now; or errors."""
    available: dict[str, dict[int, str]] = {}
    errors: list[str] = []
    items: list[ShareItem] = []
    received = {
        item.pk: item
        for item in ReceivedItem.objects.filter(
            child=child, pk__in=[pk for kind, pk in chosen if kind == RECEIVED]
        ).select_related("agency")
    }
    safeguarding_ok = None
    for kind, pk in chosen:
        if kind not in available:
            available[kind] = dict(PACK_SOURCES[kind][1](child))
        label = available[kind].get(pk)
        if label is None:
            errors.append("One of the items chosen is not in this child's record, or can no longer be shared.")
            continue
        item = ShareItem(kind=kind, object_id=pk, label=label[:300])
        if kind == RECEIVED:
            found = received[pk]
            if found.safeguarding:
                if safeguarding_ok is None:
                    safeguarding_ok = may_see_safeguarding(actor, child)
                if not safeguarding_ok:
                    errors.append(SAFEGUARDING_ONLY)
                    continue
            consent = consent_in_force(found)
            if consent is None:
                errors.append(NOT_PASSABLE.format(title=found.title, origin=origin_of(found)))
                continue
            item.received_item, item.received_consent = found, consent
        items.append(item)
    if errors:
        raise ValidationError({"items": list(dict.fromkeys(errors))})
    return items


def choose_items(*, actor: User, share: Share, values: Iterable[str]) -> Share:
    """Set the draft's share pack to the items chosen ("<kind>:<id>"), replacing what was there."""
    require(actor, SHARE_VIEW, share)
    chosen, problem = _parse(values)
    if problem:
        raise ValidationError({"items": problem})
    with transaction.atomic():
        locked = _draft(actor, share)
        kept = ShareItem.objects.none()
        if not may_see_safeguarding(actor, locked.child):
            # what the actor cannot see (the DSL's choice of safeguarding material) stays in the pack
            kept = ShareItem.objects.filter(share=locked, received_item__safeguarding=True)
            hidden = set(kept.values_list("kind", "object_id"))
            chosen = [pair for pair in chosen if pair not in hidden]
        items = _check_items(actor, locked.child, chosen)
        ShareItem.objects.filter(share=locked).exclude(pk__in=kept.values("pk")).delete()
        for item in items:
            item.share = locked
        ShareItem.objects.bulk_create(items)
        _audit("agencies.sharing.items.chosen", actor, locked)
    return locked


def cancel_share(*, actor: User, share: Share) -> Share:
    """Drop a draft that will not be shared (it is kept, marked cancelled)."""
    with transaction.atomic():
        locked = _draft(actor, share)
        locked.status = Share.Status.CANCELLED
        locked.save(update_fields=["status"])
        _audit("agencies.sharing.cancelled", actor, locked)
    return locked


# --- recording the share ---------------------------------------------------------------------------------


def record_share(
    *,
    actor: User,
    share: Share,
    basis: str,
    consent_by: Adult | int | None = None,
    consent_on: dt.date | None = None,
    consent_how: str = "",
    decision: SharingDecision | int | None = None,
) -> Share:
    """The moment a share is made: its basis is recorded, third-party consent is checked again, the
    export is logged with its purpose, and a link share is emailed after commit. From now on the
    pack cannot change."""
    from ..tasks_sharing import email_share

    require(actor, SHARE_VIEW, share)
    child = share.child
    errors: dict[str, str] = {}
    fields: dict[str, Any] = {
        "basis": basis,
        "consent_by": None,
        "consent_on": None,
        "consent_how": "",
        "decision": None,
    }
    if basis == Share.Basis.CONSENT:
        adult_id = consent_by.pk if isinstance(consent_by, Adult) else consent_by
        adult = consenting_adults(child).filter(pk=adult_id).first() if adult_id else None
        if adult is None:
            errors["consent_by"] = NO_CONSENT_ADULT
        if consent_on is None:
            errors["consent_on"] = "Enter the date consent was given."
        elif consent_on > timezone.localdate():
            errors["consent_on"] = "The date consent was given cannot be in the future."
        if not _text(consent_how):
            errors["consent_how"] = "Say how consent was given: for example, a signed form or in person."
        elif len(_text(consent_how)) > 200:
            errors["consent_how"] = "Keep this to 200 characters."
        fields.update(consent_by=adult, consent_on=consent_on, consent_how=_text(consent_how))
    elif basis == Share.Basis.WITHOUT_CONSENT:
        if not can(actor, SHARING_DECISIONS, child):
            errors["basis"] = "Only the DSL or the manager can record a share without consent."
        else:
            decision_id = decision.pk if isinstance(decision, SharingDecision) else decision
            found = SharingDecision.objects.filter(child=child, pk=decision_id).first() if decision_id else None
            if found is None:
                errors["decision"] = NO_DECISION
            fields["decision"] = found
    else:
        errors["basis"] = "Choose the basis for sharing: consent, or the DSL's decision to share without consent."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _draft(actor, share)
        chosen = list(locked.items.values_list("kind", "object_id"))
        if not chosen:
            raise ValidationError({"items": "Choose at least one item for the share pack."})
        fresh = {(i.kind, i.object_id): i for i in _check_items(actor, locked.child, chosen)}
        for item in locked.items.all():
            now_item = fresh[(item.kind, item.object_id)]
            if item.kind == RECEIVED and item.received_consent_id != now_item.received_consent_id:
                item.received_consent = now_item.received_consent
                item.save(update_fields=["received_consent"])
        now = timezone.now()
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.status, locked.shared_by, locked.shared_at = Share.Status.SHARED, actor, now
        if locked.delivery == Share.Delivery.LINK:
            # A link nobody holds until the task makes and emails the real one.
            locked.token_hash = token_hash(secrets.token_urlsafe(32))
            locked.expires_at = now + LINK_LIFETIME
        locked.save()
        record_export(
            actor=actor,
            setting_id=child.setting_id,
            child_id=child.pk,
            what=f"Share pack for {locked.agency.name if locked.agency else locked.recipient_name}",
            purpose=locked.purpose,
        )
        _audit("agencies.sharing.recorded", actor, locked)
        if locked.delivery == Share.Delivery.LINK:
            share_id = locked.pk
            transaction.on_commit(lambda: email_share.enqueue(share_id))
        elif locked.delivery == Share.Delivery.VISIT and locked.professional_id:
            notify(
                kind="agencies.sharing.visit",
                user_ids=[locked.professional_id],
                title=f"{child.setting.name} has shared information for your visit",
                body="You can read it in Tandem during your visit, while it is going on.",
                url=reverse("agencies:my_visits"),
                setting_id=child.setting_id,
            )
    return locked


def revoke_share(*, actor: User, share: Share) -> Share:
    """Stop a share's link working (or withdraw a pack from a professional's visits)."""
    require(actor, SHARE_VIEW, share)
    with transaction.atomic():
        locked = Share.objects.select_for_update().select_related("child").get(pk=share.pk)
        if locked.status != Share.Status.SHARED:
            raise ValidationError("Only a share that has been recorded can be revoked.")
        if locked.revoked_at is not None:
            raise ValidationError("This share has already been revoked.")
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
        _audit("agencies.sharing.revoked", actor, locked)
    return locked


# --- the link -----------------------------------------------------------------------------------------


def issue_token(share: Share) -> str:
    """A fresh token for the share's link; only its hash is kept. Any earlier link stops working."""
    token = secrets.token_urlsafe(32)
    Share.objects.filter(pk=share.pk).update(token_hash=token_hash(token))
    return token


def open_share(*, token: str) -> Share | None:
    """The recipient opens the link: the share if it still works, with the opening logged and
    audited; None otherwise (an expired or revoked link's attempt is audited too)."""
    share = share_by_token(token)
    if share is None:
        return None
    if not link_works(share):
        logger.info("refused opening of share=%s", share.pk)
        _audit("agencies.sharing.link.refused", None, share)
        return None
    with transaction.atomic():
        ShareOpening.objects.create(share=share)
        _audit("agencies.sharing.opened", None, share)
    return share


def document_opened(*, share: Share, item: ShareItem) -> None:
    """A received document in a pack was opened through its link: audited."""
    audit.record(
        "agencies.sharing.document.opened", None, child_ids=[share.child_id], obj=item,
        setting_id=share.child.setting_id,
    )  # fmt: skip
