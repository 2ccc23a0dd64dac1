"""Background work for sending to another setting: the email with the secure link.

The task takes the share's id only and makes the link's token itself (only its hash is kept). The email names
neither the child nor anything about them: only who sent it, from which setting, and the link.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from .models import OutsideShare

logger = logging.getLogger("tandem.journal")


@task()
def email_share(share_id: int) -> bool:
    from .services.sharing import issue_token

    share = OutsideShare.objects.select_related("child__setting", "sent_by").filter(pk=share_id).first()
    if share is None or not share.is_open():
        return False
    token = issue_token(share)
    link = settings.TANDEM_SITE_URL.rstrip("/") + reverse("journal:shared_link", args=[token])
    setting = share.child.setting
    body = render_to_string("journal/sharing/email/share.txt", {"share": share, "setting": setting, "link": link})
    subject = f"{setting.name} has shared a record with you"
    sent = EmailMessage(subject=subject, body=body, to=[share.recipient_email]).send() == 1
    logger.info("outside share emailed share=%s", share.pk)
    return sent
