"""Background work for visiting professionals (R50): their invitation and the emails about their
visits. Tasks take ids only; the invitation's token is made here, so it is never stored in clear.
An email names the child by first name only and holds nothing of their record."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from .models import ProfessionalInvitation, Visit
from .selectors.visits import invitation_state, window_text

logger = logging.getLogger("tandem.agencies")


def _site(path: str) -> str:
    return settings.TANDEM_SITE_URL.rstrip("/") + path


@task()
def send_professional_invitation(invitation_id: int) -> bool:
    """Email a professional their invitation link."""
    from .services.visits import issue_invitation_token

    invitation = (
        ProfessionalInvitation.objects.select_related("professional__user", "professional__setting")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or invitation_state(invitation) != "open" or not invitation.professional.active:
        return False
    token = issue_invitation_token(invitation)
    professional = invitation.professional
    context = {
        "invitation": invitation,
        "professional": professional,
        "setting": professional.setting,
        "link": _site(reverse("agencies:professional_invitation", args=[token])),
        "has_sign_in": professional.user.has_usable_password(),
    }
    body = render_to_string("agencies/visits/email/invitation.txt", context)
    subject = f"Your invitation to visit {professional.setting.name} on Tandem"
    sent = EmailMessage(subject=subject, body=body, to=[professional.user.email]).send() == 1
    logger.info("professional invitation emailed invitation=%s", invitation.pk)
    return sent


@task()
def email_visit(visit_id: int, event: str) -> bool:
    """Tell the professional a visit is booked or cancelled ("booked", "cancelled")."""
    visit = (
        Visit.objects.select_related("child__setting", "professional__user", "supervisor").filter(pk=visit_id).first()
    )
    if visit is None or event not in ("booked", "cancelled") or not visit.professional.active:
        return False
    if event == "booked" and visit.cancelled_at is not None:
        return False
    child, setting = visit.child, visit.child.setting
    context = {
        "visit": visit,
        "event": event,
        "first_name": child.preferred_name or child.first_name,
        "setting": setting,
        "when": window_text(visit.starts_at, visit.ends_at),
        "link": _site(reverse("agencies:my_visit", args=[visit.pk])),
        "has_sign_in": visit.professional.user.has_usable_password(),
    }
    body = render_to_string("agencies/visits/email/visit.txt", context)
    if event == "booked":
        subject = f"Your visit to {setting.name}: {context['when']}"
    else:
        subject = f"Visit cancelled: {setting.name}, {context['when']}"
    sent = EmailMessage(subject=subject, body=body, to=[visit.professional.user.email]).send() == 1
    logger.info("visit email sent visit=%s event=%s", visit.pk, event)
    return sent
