"""Background work for late collection: the manager's alert when a case opens.

Tasks take ids only. The email names no child: it says a child has not been collected and links
to the permission-checked case page."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from tandem.core.models import SettingMembership
from tandem.core.roles import MANAGERS

from .models import LateCase


@task()
def email_case_opened(case_id: int) -> int:
    case = (
        LateCase.objects.select_related("attendance__child__setting", "attendance__child__room")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        return 0
    child = case.attendance.child
    managers = SettingMembership.objects.filter(
        setting_id=child.setting_id, role__in=MANAGERS, active=True
    ).select_related("user")
    link = settings.TANDEM_SITE_URL.rstrip("/") + reverse("attendance:late_case_detail", args=[child.pk, case.pk])
    body = render_to_string("attendance/late/email/opened.txt", {"case": case, "child": child, "link": link})
    subject = f"A child has not been collected ({child.setting.name})"
    to = sorted({m.user.email for m in managers if m.user.email and m.user.is_active})
    if not to:
        return 0
    return EmailMessage(subject=subject, body=body, to=to).send()
