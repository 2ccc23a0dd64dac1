"""Background work of concerns and complaints: telling people (R56–R60). Ids only.

* When a complaint reaches a stage, its holders are told (``complaints.stage``), and the
  complainant too unless they moved it themselves (``complaints.update``).
* When a step is shared with the complainant, they are told.
* When the complainant withdraws, whoever held the stage is told.

Each task re-checks, when it runs, that what it is about still holds (the stage has not moved on;
the complainant may still open the complaint). Titles name no child and no member of staff (lock
screens): the reference, and what happened.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import dateformat, timezone
from django_tasks import task

from tandem.comms.services.notifications import notify
from tandem.core.access import can
from tandem.core.models import User

from .actions.complaints import COMPLAINT_VIEW
from .models.complaints import Complaint, ComplaintStep, Deadline

UPDATE_KIND = "complaints.update"  # for the complainant
STAGE_KIND = "complaints.stage"  # for staff


def _complaint(complaint_id: int) -> Complaint | None:
    return Complaint.objects.select_related("setting", "child", "raised_by").filter(pk=complaint_id).first()


def _what(complaint: Complaint) -> str:
    return "concern" if complaint.kind == Complaint.Kind.CONCERN else "complaint"


def _url(complaint: Complaint) -> str:
    return reverse("complaints:complaint", args=[complaint.pk])


def _next_due(complaint: Complaint) -> str:
    deadline = (
        Deadline.objects.filter(complaint=complaint, met_at__isnull=True, cancelled_at__isnull=True)
        .order_by("due_at")
        .first()
    )
    if deadline is None:
        return ""
    return dateformat.format(timezone.localtime(deadline.due_at), "j F Y")


def _tell_complainant(complaint: Complaint, title: str, body: str) -> int:
    """The complainant, if they have an account and may still open the complaint."""
    user: User | None = complaint.raised_by
    if user is None or not user.is_active or not can(user, COMPLAINT_VIEW, complaint):
        return 0
    return len(
        notify(
            kind=UPDATE_KIND,
            user_ids=[user.pk],
            title=title,
            body=body,
            url=_url(complaint),
            setting_id=complaint.setting_id,
        )
    )


@task()
def complaint_reached_stage(complaint_id: int, stage: str, tell_complainant: bool = True) -> int:
    """Tell the holders of ``stage`` (never the person it is about), and the complainant, that the
    complaint has reached it. Nothing if it has moved on since."""
    from .selectors.procedure import holders_of
    from .services.complaints import stage_words

    complaint = _complaint(complaint_id)
    if complaint is None or complaint.stage != stage:
        return 0
    what = _what(complaint)
    due = _next_due(complaint)
    by = f" It must be answered by {due}." if due else ""
    holders = [u.pk for u in holders_of(complaint, [stage]) if u.pk != complaint.raised_by_id]
    sent = len(
        notify(
            kind=STAGE_KIND,
            user_ids=holders,
            title=f"A {what} needs you: {complaint.reference}",
            body=(
                f"A {what} at {complaint.setting.name} ({complaint.reference}) is now {stage_words(complaint)}, "
                f"and you hold this stage.{by} Open it in Tandem to read it and record what you do."
            ),
            url=_url(complaint),
            setting_id=complaint.setting_id,
        )
    )
    if tell_complainant:
        reply = f" We will reply by {due}." if due else ""
        first = complaint.stage_started_at == complaint.received_at  # just recorded by staff
        sent += _tell_complainant(
            complaint,
            f"We have recorded your {what} {complaint.reference}"
            if first
            else f"Your {what} {complaint.reference} has moved on",
            f"Your {what} to {complaint.setting.name} ({complaint.reference}) is now {stage_words(complaint)}."
            f"{reply} Open Tandem to see its history. You may complain to Ofsted at any time.",
        )
    return sent


@task()
def complaint_step_shared(step_id: int) -> int:
    """Tell the complainant that a step was shared with them (not one they made themselves)."""
    step = ComplaintStep.objects.filter(pk=step_id, shared_with_complainant=True).first()
    if step is None:
        return 0
    complaint = _complaint(step.complaint_id)
    if complaint is None or (step.by_id and step.by_id == complaint.raised_by_id):
        return 0
    what = _what(complaint)
    closed = complaint.stage == Complaint.Stage.CLOSED
    return _tell_complainant(
        complaint,
        f"Your {what} {complaint.reference} has been closed"
        if closed
        else f"An update on your {what} {complaint.reference}",
        f"There is {'a final' if closed else 'an'} update on your {what} to {complaint.setting.name} "
        f"({complaint.reference}): {step.get_kind_display().lower()}. Open Tandem to read it. "
        "You may complain to Ofsted at any time.",
    )


@task()
def complaint_withdrawn(complaint_id: int) -> int:
    """Tell whoever held the stage that the complainant withdrew it."""
    complaint = _complaint(complaint_id)
    if complaint is None or complaint.outcome != Complaint.Outcome.WITHDRAWN or complaint.handler_id is None:
        return 0
    if complaint.handler_id == complaint.about_staff_id:
        return 0
    what = _what(complaint)
    return len(
        notify(
            kind=STAGE_KIND,
            user_ids=[complaint.handler_id],
            title=f"A {what} was withdrawn: {complaint.reference}",
            body=f"The {what} {complaint.reference} at {complaint.setting.name} was withdrawn by the complainant.",
            url=_url(complaint),
            setting_id=complaint.setting_id,
        )
    )
