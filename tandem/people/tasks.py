"""Background work about families. Tasks take ids only; personal data is read inside the task."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from .models import Invitation


@task()
def send_invitation(invitation_id: int) -> bool:
    """Email an invitation link. The token is made here, so it is never stored in clear."""
    from .services import issue_invitation_token

    invitation = Invitation.objects.select_related("adult", "adult__setting").filter(pk=invitation_id).first()
    if invitation is None or invitation.state != "open":
        return False
    token = issue_invitation_token(invitation)
    link = settings.TANDEM_SITE_URL.rstrip("/") + reverse("people:accept_invitation", args=[token])
    body = render_to_string(
        "people/email/invitation.txt", {"invitation": invitation, "adult": invitation.adult, "link": link}
    )
    subject = f"Your invitation to {invitation.adult.setting.name} on Tandem"
    return EmailMessage(subject=subject, body=body, to=[invitation.email]).send() == 1
