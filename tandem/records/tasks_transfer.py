"""Background work for sending records to the school (R55): the PDF, then the email with the link.

The task takes the transfer's id only. It renders our own HTML with nothing fetched
(``core.files.render_pdf``), keeps the PDF in private storage under a name only the server can work
out, and, for a link by email, makes the link's token itself (only its SHA-256 is kept) and emails
it. The learning record's report must still be the one the family agreed, before and after the PDF
is made; a transfer withdrawn while its PDF was made gets no link, and its PDF is deleted. The email
names the setting and the kind of record, never the child.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from tandem.core.files import render_pdf

from .models import RecordTransfer

logger = logging.getLogger("tandem.records")


@task()
def prepare_transfer(transfer_id: int) -> bool:
    from .selectors import transfer as selectors
    from .services import transfer as services

    transfer = (
        RecordTransfer.objects.select_related("setting", "child", "transition__school", "contact", "created_by")
        .filter(pk=transfer_id, status=RecordTransfer.Status.PREPARING)
        .first()
    )
    if transfer is None:
        return False
    if not services.check_agreed(transfer):  # the report changed after the family agreed it
        return False
    name = selectors.pdf_name(transfer)
    try:
        context = selectors.pdf_context(transfer)
        report = context.get("report")
        version = report.version if report is not None else None
        pdf = render_pdf(render_to_string("records/transfer/pdf.html", context))
        default_storage.delete(name)
        default_storage.save(name, ContentFile(pdf))
    except Exception:
        logger.exception("the transfer %s could not be prepared", transfer_id)
        services.failed(transfer)
        return False
    # Withdrawn meanwhile, or the report changed since it was agreed: the PDF is deleted, nothing sent.
    if transfer.delivery != RecordTransfer.Delivery.LINK:
        return services.prepared(transfer, version=version)  # the sender downloads it and hands it over
    token = services.issue_link(transfer, version=version)
    if token is None:
        return False
    link = settings.TANDEM_SITE_URL.rstrip("/") + reverse("records:transfer_link", args=[token])
    context = {
        "transfer": transfer,
        "setting": transfer.setting,
        "link": link,
        "expires": timezone.localtime(transfer.expires_at) if transfer.expires_at else None,
    }
    body = render_to_string("records/transfer/email.txt", context)
    subject = f"{transfer.setting.name} has sent you records for a child starting at your school"
    sent = EmailMessage(subject=subject, body=body, to=[transfer.recipient_email]).send() == 1
    logger.info("records transfer emailed transfer=%s", transfer.pk)
    return sent
