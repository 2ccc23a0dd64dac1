"""Background work for late collection: the manager's alert when a case opens.

Tasks take ids only. The email names no child: it says a child has not been collected and links
to the permission-checked case page."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from tandem.comms.services.notifications import notify
from tandem.core.models import SettingMembership
from tandem.core.roles import MANAGERS

from .models import LateCase

CASE_OPENED_KIND = "attendance.late_case"


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
    body = render_to_string("attendance/late/email/opened.txt", {"case": case, "child": child})
    ids = sorted({m.user_id for m in managers if m.user.is_active})
    return len(
        notify(
            kind=CASE_OPENED_KIND,
            user_ids=ids,
            title=f"A child has not been collected ({child.setting.name})",
            body=body,
            url=reverse("attendance:late_case_detail", args=[child.pk, case.pk]),
            setting_id=child.setting_id,
        )
    )
