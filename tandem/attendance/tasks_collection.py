"""Background work about collection. Tasks take ids only; personal data is read inside the task."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from tandem.comms.services.notifications import notify
from tandem.core.models import SettingMembership
from tandem.core.roles import MANAGERS

from .models import PasswordAttempt
from .selectors.collection import MAX_FAILED_ATTEMPTS, failed_attempts_today

PASSWORD_FAILED_KIND = "attendance.password_failed"


@task()
def email_password_failed(attempt_id: int) -> int:
    """Tell the setting's managers that a wrong collection password was given at the door.
    Never says what was typed. Returns the number of people told."""
    attempt = (
        PasswordAttempt.objects.select_related("child", "child__setting", "checked_by")
        .filter(pk=attempt_id, succeeded=False)
        .first()
    )
    if attempt is None:
        return 0
    child = attempt.child
    managers = SettingMembership.objects.filter(
        setting_id=child.setting_id, role__in=MANAGERS, active=True, user__is_active=True
    ).select_related("user")
    failed = failed_attempts_today(child.pk, day=timezone.localdate(attempt.at))
    body = render_to_string(
        "attendance/collection/email/password_failed.txt",
        {
            "child": child,
            "attempt": attempt,
            "at": timezone.localtime(attempt.at),
            "failed": failed,
            "locked": failed >= MAX_FAILED_ATTEMPTS,
        },
    )
    return len(
        notify(
            kind=PASSWORD_FAILED_KIND,
            user_ids=[m.user_id for m in managers],
            title=f"Wrong collection password given for {child.display_name}",
            body=body,
            url=reverse("attendance:release", args=[child.pk]),
            setting_id=child.setting_id,
        )
    )
