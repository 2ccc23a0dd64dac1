"""Background work for the partnership agreement: the signed copy (PDF) and its email.

Tasks take ids only; the text and names are read here, inside the task.
"""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from tandem.core.files import render_pdf

from .models.contract import AgreementSignature, signed_copy_path

logger = logging.getLogger("tandem.enrolment")


def signature_for_copy(signature_id: int) -> AgreementSignature | None:
    return (
        AgreementSignature.objects.select_related(
            "version", "version__setting", "version__published_by", "child", "adult", "countersigned_by"
        )
        .filter(pk=signature_id)
        .first()
    )


def signed_copy_html(signature: AgreementSignature) -> str:
    return render_to_string(
        "enrolment/contract/signed_copy.html",
        {"signature": signature, "version": signature.version, "setting": signature.version.setting},
    )


def render_signed_copy(signature: AgreementSignature) -> bytes:
    return render_pdf(signed_copy_html(signature))


@task()
def make_signed_copy(signature_id: int, send: bool) -> bool:
    """Make (or remake) the signed copy, keep it in private storage and, if ``send``, email it."""
    signature = signature_for_copy(signature_id)
    if signature is None:
        return False
    pdf = render_signed_copy(signature)
    name = default_storage.save(signed_copy_path(signature, "copy.pdf"), ContentFile(pdf))
    # Keep it only if the signature is as it was rendered (a countersignature may have come since).
    kept = AgreementSignature.objects.filter(pk=signature.pk, countersigned_at=signature.countersigned_at).update(
        pdf=name, pdf_made_at=timezone.now()
    )
    if not kept:
        default_storage.delete(name)
        return False
    old = signature.pdf.name
    if old and old != name:
        default_storage.delete(old)
    logger.info("agreement copy made signature=%s", signature.pk)
    if send:
        return send_signed_copy(signature, pdf)
    return True


def send_signed_copy(signature: AgreementSignature, pdf: bytes) -> bool:
    from tandem.people.models import ChildAdult

    # only while the signer still holds parental responsibility and no restriction bars them
    still_entitled = ChildAdult.objects.filter(
        child_id=signature.child_id,
        adult_id=signature.adult_id,
        parental_responsibility=True,
        no_information=False,
        no_contact=False,
    ).exists()
    if not still_entitled:
        return False
    to = signature.adult.email or (signature.user.email if signature.user_id and signature.user else "")
    if not to:
        return False
    setting = signature.version.setting
    context = {"signature": signature, "version": signature.version, "setting": setting}
    body = render_to_string("enrolment/contract/email/signed_copy.txt", context)
    if signature.is_countersigned:
        subject = f"Your partnership agreement with {setting.name}, signed by both of us"
    else:
        subject = f"Your signed partnership agreement with {setting.name}"
    message = EmailMessage(subject=subject, body=body, to=[to])
    message.attach(f"partnership-agreement-v{signature.version.number}.pdf", pdf, "application/pdf")
    return message.send() == 1
