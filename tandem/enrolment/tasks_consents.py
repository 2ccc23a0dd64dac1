"""Background work about consents. Tasks take ids only; personal data is read inside the task."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from tandem.comms.services.notifications import notify
from tandem.core.models import SettingMembership
from tandem.core.roles import MANAGERS

from .models.consents import ConsentDecision

WITHDRAWN_KIND = "enrolment.consent_withdrawn"


@task()
def notify_consent_withdrawn(decision_id: int) -> int:
    """Tell the child's key person (and back-up) that a consent was withdrawn; if the child has
    neither, tell the setting's managers. Returns the number of people told."""
    decision = (
        ConsentDecision.objects.select_related(
            "child", "child__setting", "child__key_person", "child__backup_key_person", "consent_type"
        )
        .filter(pk=decision_id, kind=ConsentDecision.Kind.WITHDRAWN)
        .first()
    )
    if decision is None:
        return 0
    child = decision.child
    key_people = [p for p in (child.key_person, child.backup_key_person) if p is not None]
    still_here = set(
        SettingMembership.objects.filter(
            setting_id=child.setting_id, active=True, user_id__in=[p.pk for p in key_people]
        ).values_list("user_id", flat=True)
    )  # a key person who has left the setting is not told
    people = [p for p in key_people if p.is_active and p.email and p.pk in still_here]
    if not people:
        managers = SettingMembership.objects.filter(
            setting=child.setting, role__in=MANAGERS, active=True, user__is_active=True
        ).select_related("user")
        people = [m.user for m in managers if m.user.email]
    subject = f"Consent withdrawn: {decision.consent_type.title}"
    ids = sorted({p.pk for p in people})
    body = render_to_string("enrolment/consents/email/withdrawn.txt", {"child": child, "decision": decision})
    return len(
        notify(
            kind=WITHDRAWN_KIND,
            user_ids=ids,
            title=subject,
            body=body,
            url=reverse("enrolment:child_consents", args=[child.pk]),
            setting_id=child.setting_id,
        )
    )
