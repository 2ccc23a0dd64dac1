"""Every write about the partnership agreement (R8): keyword-only, one transaction, audited.

Signed copies (PDF) are made in the background after commit (``tandem.enrolment.tasks_contract``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import can, require
from tandem.core.models import Setting, User
from tandem.people.models import Child

from ..actions.contract import (
    AGREEMENT_COUNTERSIGN,
    AGREEMENT_DOWNLOAD,
    AGREEMENT_MANAGE,
    AGREEMENT_SIGN,
    AGREEMENT_VIEW,
)
from ..models.contract import AgreementSignature, AgreementVersion, agreement_fingerprint
from ..selectors.contract import current_version, my_adult

COPY_RETRY_AFTER = dt.timedelta(minutes=10)
OUTDATED = "This version of the agreement has been replaced by a newer one. Please read the new version and sign that."


# --- writing and publishing versions ----------------------------------------------------------


def save_draft(*, actor: User, setting: Setting, title: str, body: str, based_on: str = "") -> AgreementVersion:
    """Write the next version (or change the draft). ``based_on`` is the fingerprint of the draft's
    text when the editor opened it: if someone else saved it since, nothing is overwritten."""
    require(actor, AGREEMENT_MANAGE, setting)
    title, body = (title or "").strip(), (body or "").strip()
    errors = {}
    if not title:
        errors["title"] = "Enter a title for the agreement."
    if not body:
        errors["body"] = "Write the text of the agreement."
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            draft = (
                AgreementVersion.objects.select_for_update().filter(setting=setting, published_at__isnull=True).first()
            )
            created = draft is None
            if draft is None:
                newest = AgreementVersion.objects.filter(setting=setting).aggregate(n=Max("number"))["n"] or 0
                draft = AgreementVersion(setting=setting, number=newest + 1, created_by=actor)
            elif based_on and draft.text_fingerprint() != based_on:
                raise ValidationError(
                    "Someone else saved this draft while you were editing it. Your changes have not been saved: "
                    "open the draft again to see theirs."
                )
            draft.title, draft.body = title, body
            draft.save()
            audit.record(
                "enrolment.agreement.drafted" if created else "enrolment.agreement.draft_updated",
                actor,
                obj=draft,
                setting_id=setting.pk,
            )
    except IntegrityError:
        raise ValidationError("Someone else started a new version at the same moment. Open the draft again.") from None
    return draft


def publish_version(*, actor: User, version: AgreementVersion) -> AgreementVersion:
    """Publish a draft: its text is fixed from now on, and every family is asked to sign it."""
    require(actor, AGREEMENT_MANAGE, version.setting)
    with transaction.atomic():
        version = AgreementVersion.objects.select_for_update().get(pk=version.pk)
        if version.is_published:
            raise ValidationError("This version has already been published.")
        in_force = current_version(setting_id=version.setting_id)
        fingerprint = version.text_fingerprint()
        if in_force is not None and in_force.fingerprint == fingerprint:
            raise ValidationError("This text is the same as the version in force. Change something before publishing.")
        version.published_at = timezone.now()
        version.published_by = actor
        version.fingerprint = fingerprint
        version.save(update_fields=["published_at", "published_by", "fingerprint"])
        audit.record("enrolment.agreement.published", actor, obj=version, setting_id=version.setting_id)
    return version


# --- signing -----------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return [w for w in re.split(r"[^a-z']+", plain) if w]


def check_typed_name(typed: str, *, first_name: str, last_name: str) -> str:
    """The typed full name, tidied, if it reasonably matches the adult's name on record."""
    name = " ".join((typed or "").split())
    if not name:
        raise ValidationError({"typed_name": "Type your full name to sign."})
    if len(name.split(" ")) < 2:
        raise ValidationError({"typed_name": "Type your full name: your first name and your last name."})
    known = set(_words(first_name)) | set(_words(last_name))
    if known and not (set(_words(name)) & known):
        raise ValidationError(
            {"typed_name": f"Type your full name as the setting knows it, for example {first_name} {last_name}."}
        )
    return name


def sign_agreement(*, actor: User, child: Child, version: AgreementVersion, typed_name: str) -> AgreementSignature:
    """A parent with parental responsibility signs the current version for their child."""
    from ..tasks_contract import make_signed_copy

    require(actor, AGREEMENT_VIEW, child)
    adult = my_adult(actor=actor, child=child) if can(actor, AGREEMENT_SIGN, child) else None
    if adult is None:
        raise ValidationError(
            f"Only a parent or carer with parental responsibility for {child.display_name} can sign the agreement."
        )
    name = check_typed_name(typed_name, first_name=adult.first_name, last_name=adult.last_name)
    try:
        with transaction.atomic():
            in_force = current_version(setting_id=child.setting_id)
            if in_force is None or version.setting_id != child.setting_id or in_force.pk != version.pk:
                raise ValidationError(OUTDATED)
            if AgreementSignature.objects.filter(version=in_force, child=child, adult=adult).exists():
                raise ValidationError("You have already signed this version of the agreement.")
            signature = AgreementSignature.objects.create(
                version=in_force,
                child=child,
                adult=adult,
                user=actor,
                typed_name=name,
                signed_at=timezone.now(),
                fingerprint=in_force.fingerprint,
            )
            audit.record(
                "enrolment.agreement.signed",
                actor,
                child_ids=[child.pk],
                person_ids=[adult.pk],
                obj=signature,
                setting_id=child.setting_id,
            )
            transaction.on_commit(lambda: make_signed_copy.enqueue(signature.pk, True))
    except IntegrityError:
        raise ValidationError("You have already signed this version of the agreement.") from None
    return signature


def countersign(*, actor: User, signature: AgreementSignature) -> AgreementSignature:
    """The setting's manager or deputy countersigns; the complete copy is made and emailed."""
    from ..tasks_contract import make_signed_copy

    require(actor, AGREEMENT_COUNTERSIGN, signature.child)
    with transaction.atomic():
        locked = AgreementSignature.objects.select_for_update().get(pk=signature.pk)
        if locked.countersigned_at is not None:
            raise ValidationError("The setting has already countersigned this agreement.")
        locked.countersigned_by = actor
        locked.countersigned_at = timezone.now()
        locked.save(update_fields=["countersigned_by", "countersigned_at"])
        audit.record(
            "enrolment.agreement.countersigned",
            actor,
            child_ids=[locked.child_id],
            person_ids=[locked.adult_id],
            obj=locked,
            setting_id=signature.child.setting_id,
        )
        transaction.on_commit(lambda: make_signed_copy.enqueue(locked.pk, True))
    signature.countersigned_by, signature.countersigned_at = locked.countersigned_by, locked.countersigned_at
    return signature


def request_signed_copy(*, actor: User, signature: AgreementSignature) -> bool:
    """Ask for the PDF to be made when it is missing (for example, for a signature the demo made).
    Returns True when a new request was queued; repeated asks within a few minutes queue nothing."""
    from ..tasks_contract import make_signed_copy

    require(actor, AGREEMENT_DOWNLOAD, signature.child)
    now = timezone.now()
    with transaction.atomic():
        locked = AgreementSignature.objects.select_for_update().get(pk=signature.pk)
        if locked.pdf and default_storage.exists(locked.pdf.name):
            return False
        if locked.pdf_requested_at and now - locked.pdf_requested_at < COPY_RETRY_AFTER:
            return False
        AgreementSignature.objects.filter(pk=locked.pk).update(pdf_requested_at=now)
        audit.record(
            "enrolment.agreement.copy_requested",
            actor,
            child_ids=[locked.child_id],
            obj=locked,
            setting_id=signature.child.setting_id,
        )
        transaction.on_commit(lambda: make_signed_copy.enqueue(locked.pk, False))
    return True


__all__ = [
    "agreement_fingerprint",
    "check_typed_name",
    "countersign",
    "publish_version",
    "request_signed_copy",
    "save_draft",
    "sign_agreement",
]
