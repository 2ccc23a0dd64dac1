"""Background work for sharing with agencies and schools: the email with the secure link (R48).

The task takes the share's id only and makes the link's token itself (only its hash is kept). The
email names neither the child nor anything about them: only who shared it, from which setting, why
in general terms, and the link.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from .models import Share

logger = logging.getLogger("tandem.agencies")


@task()
def email_share(share_id: int) -> bool:
    from .selectors.sharing import link_works
    from .services.sharing import issue_token

    share = Share.objects.select_related("child__setting", "shared_by").filter(pk=share_id).first()
    if share is None or not share.recipient_email or not link_works(share):
        return False
    token = issue_token(share)
    link = settings.TANDEM_SITE_URL.rstrip("/") + reverse("agencies:shared_link", args=[token])
    setting = share.child.setting
    body = render_to_string("agencies/sharing/email/share.txt", {"share": share, "setting": setting, "link": link})
    subject = f"{setting.name} has shared information with you"
    sent = EmailMessage(subject=subject, body=body, to=[share.recipient_email]).send() == 1
    logger.info("agency share emailed share=%s", share.pk)
    return sent
