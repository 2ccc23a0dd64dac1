"""Background work for registration and sessions. Tasks take ids only."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from tandem.comms.services.notifications import notify
from tandem.people.models import ChildAdult

from .models.registration import SessionChangeRequest

DECISION_KIND = "enrolment.session_decision"


@task()
def send_session_decision(change_id: int) -> bool:
    """Tell the parent who asked (if a parent asked) what the setting decided."""
    change = (
        SessionChangeRequest.objects.select_related("child", "child__setting", "requested_by")
        .filter(pk=change_id)
        .first()
    )
    if change is None or change.status == SessionChangeRequest.Status.PENDING or change.requested_by is None:
        return False
    is_parent = ChildAdult.objects.filter(
        child=change.child, adult__user=change.requested_by, parental_responsibility=True, no_information=False
    ).exists()
    if not is_parent:
        return False
    body = render_to_string("enrolment/registration/email/session_decision.txt", {"change": change})
    # no child's name in a subject line: it shows on lock screens and in mail logs
    subject = f"Your request to change sessions at {change.child.setting.name}: {change.get_status_display().lower()}"
    return bool(
        notify(
            kind=DECISION_KIND,
            user_ids=[change.requested_by.pk],
            title=subject,
            body=body,
            url=reverse("enrolment:sessions", args=[change.child_id]),
            setting_id=change.child.setting_id,
        )
    )
