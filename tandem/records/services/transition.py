"""Every write about a child's move to school (R55): keyword-only, one transaction, audited.

* A transition names an active school of the child's own setting and, if known, a receiving
  teacher who is a contact of that school. One transition a child.
* The report starts as a draft filled from the journal. Staff edits carry the report's stamp: an
  edit of a report that changed since it was opened is refused. Once the report has gone to the
  family, any change makes a new version: back to a draft, the transition back to planning, so
  the family must read and agree it again.
* The family agrees the version they read (refused if it changed), adds their own words and asks
  for changes; the key person is told.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tandem.agencies.models import Agency, AgencyContact
from tandem.comms.services.notifications import notify
from tandem.core import audit
from tandem.core.access import require
from tandem.core.models import User
from tandem.people.models import Child
from tandem.people.selectors import family_user_ids

from ..actions.transition import REPORT_FAMILY, TRANSITION_PLAN, TRANSITION_START
from ..models import ReportFeedback, Transition, TransitionMeeting, TransitionReport
from ..selectors import transition as selectors

SENT_KIND = "records.transition.report_sent"
AGREED_KIND = "records.transition.report_agreed"
FEEDBACK_KIND = "records.transition.feedback"

STALE = (
    "Someone else changed the report while you were editing it. The form now shows the report as it is: "
    "check it, then make your changes again."
)
CHANGED = "The report changed since you opened it. Read it again, then agree it."
Status = TransitionReport.Status


def _name(child: Child) -> str:
    return child.preferred_name or child.first_name


def _family_url(child_id: int) -> str:
    return reverse("records:starting_school", args=[child_id])


def _staff_url(transition: Transition) -> str:
    return reverse("records:transition", args=[transition.pk])


def _check_school(child: Child, school: Agency | None, teacher: AgencyContact | None) -> None:
    errors: dict[str, str] = {}
    if school is None or not selectors.schools_of(child.setting_id).filter(pk=school.pk).exists():
        errors["school"] = "Choose a school from the setting's list of schools."
    elif teacher is not None and not AgencyContact.objects.filter(pk=teacher.pk, agency=school, active=True).exists():
        errors["teacher"] = "Choose a contact at the school you chose."
    if errors:
        raise ValidationError(errors)


# --- the transition ----------------------------------------------------------------------------------


def start_transition(
    *,
    actor: User,
    child: Child,
    school: Agency | None,
    teacher: AgencyContact | None = None,
    starts_on: dt.date | None = None,
) -> Transition:
    require(actor, TRANSITION_START, child)
    _check_school(child, school, teacher)
    assert school is not None
    with transaction.atomic():
        Child.objects.select_for_update().filter(pk=child.pk).first()
        if Transition.objects.filter(child=child).exists():
            raise ValidationError(f"{_name(child)} already has a transition to school.")
        made = Transition.objects.create(
            setting_id=child.setting_id,
            child=child,
            school=school,
            teacher=teacher,
            starts_on=starts_on,
            created_by=actor,
        )
        audit.record("records.transition.started", actor, child_ids=[child.pk], obj=made, setting_id=child.setting_id)
    return made


def update_transition(
    *,
    actor: User,
    transition: Transition,
    school: Agency | None,
    teacher: AgencyContact | None = None,
    starts_on: dt.date | None = None,
) -> Transition:
    require(actor, TRANSITION_PLAN, transition)
    _check_school(transition.child, school, teacher)
    with transaction.atomic():
        locked = Transition.objects.select_for_update().get(pk=transition.pk)
        locked.school, locked.teacher, locked.starts_on = school, teacher, starts_on  # type: ignore[assignment]
        locked.updated_at = timezone.now()
        locked.save(update_fields=["school", "teacher", "starts_on", "updated_at"])
        audit.record(
            "records.transition.changed",
            actor,
            child_ids=[locked.child_id],
            obj=locked,
            setting_id=locked.setting_id,
        )
    return locked


# --- the report -------------------------------------------------------------------------------------------


def write_report(*, actor: User, transition: Transition) -> TransitionReport:
    """The report's first draft, filled from what the actor may read of the journal and All About Me.
    A report that exists is kept as it is (an empty one is filled)."""
    require(actor, TRANSITION_PLAN, transition)
    draft = selectors.draft_from_journal(actor, transition.child)
    with transaction.atomic():
        report, made = TransitionReport.objects.select_for_update().get_or_create(
            transition=transition, defaults={**draft, "updated_by": actor}
        )
        if not made and not any(getattr(report, name) for name in TransitionReport.SECTIONS) and draft:
            for name, text in draft.items():
                setattr(report, name, text)
            report.updated_by, report.updated_at = actor, timezone.now()
            report.save()
            made = True
        if made:
            audit.record(
                "records.transition.report_drafted",
                actor,
                child_ids=[transition.child_id],
                obj=report,
                setting_id=transition.setting_id,
            )
    return report


def _back_to_planning(transition_id: int) -> None:
    Transition.objects.filter(
        pk=transition_id, status__in=[Transition.Status.WITH_FAMILY, Transition.Status.AGREED]
    ).update(status=Transition.Status.PLANNING, updated_at=timezone.now())


def update_report(*, actor: User, report: TransitionReport, seen: str, **sections: Any) -> TransitionReport:
    """Save the staff's sections. Refused if the report changed since the form was shown (``seen`` is its
    :func:`~tandem.records.selectors.transition.stamp`). A change to a report the family has been sent
    makes a new version, back to a draft: it must be sent and agreed again."""
    transition = report.transition
    require(actor, TRANSITION_PLAN, transition)
    data = {name: str(sections.get(name) or "").strip() for name in TransitionReport.SECTIONS}
    with transaction.atomic():
        locked = TransitionReport.objects.select_for_update().get(pk=report.pk)
        if seen != selectors.stamp(locked):
            raise ValidationError(STALE)
        changed = [name for name, text in data.items() if getattr(locked, name) != text]
        if not changed:
            return locked
        for name in changed:
            setattr(locked, name, data[name])
        fields = [*changed, "updated_by", "updated_at"]
        if locked.status != Status.DRAFT:
            locked.version += 1
            locked.status = Status.DRAFT
            fields += ["version", "status"]
            _back_to_planning(transition.pk)
        locked.updated_by, locked.updated_at = actor, timezone.now()
        locked.save(update_fields=fields)
        audit.record(
            "records.transition.report_changed",
            actor,
            child_ids=[transition.child_id],
            obj=locked,
            setting_id=transition.setting_id,
        )
    return locked


def send_report(*, actor: User, report: TransitionReport) -> TransitionReport:
    """Send the report to the family with parental responsibility to read, add to and agree."""
    transition = report.transition
    require(actor, TRANSITION_PLAN, transition)
    child = transition.child
    with transaction.atomic():
        locked = TransitionReport.objects.select_for_update().get(pk=report.pk)
        if locked.status == Status.AGREED:
            raise ValidationError("The family has already agreed this version of the report.")
        if not any(getattr(locked, name).strip() for name in TransitionReport.SECTIONS):
            raise ValidationError("Write the report before you send it to the family.")
        now = timezone.now()
        locked.status, locked.sent_to_family_at = Status.WITH_FAMILY, now
        locked.save(update_fields=["status", "sent_to_family_at"])
        Transition.objects.filter(pk=transition.pk, status=Transition.Status.PLANNING).update(
            status=Transition.Status.WITH_FAMILY, updated_at=now
        )
        notify(
            kind=SENT_KIND,
            user_ids=family_user_ids(child_ids=[child.pk], parental_responsibility=True, include_left=True),
            title=f"{_name(child)}'s transition report to read and agree",
            body=f"{_name(child)}'s key person has written a report for {transition.school.name}. Please read it, "
            "add your own words if you like, and agree it or ask for a change.",
            url=_family_url(child.pk),
            setting_id=transition.setting_id,
        )
        audit.record(
            "records.transition.report_sent",
            actor,
            child_ids=[child.pk],
            obj=locked,
            setting_id=transition.setting_id,
        )
    return locked


def answer_feedback(*, actor: User, feedback: ReportFeedback) -> ReportFeedback:
    transition = feedback.report.transition
    require(actor, TRANSITION_PLAN, transition)
    with transaction.atomic():
        locked = ReportFeedback.objects.select_for_update().get(pk=feedback.pk)
        if locked.answered_at is None:
            locked.answered_at = timezone.now()
            locked.save(update_fields=["answered_at"])
            audit.record(
                "records.transition.feedback_answered",
                actor,
                child_ids=[transition.child_id],
                obj=locked,
                setting_id=transition.setting_id,
            )
    return locked


# --- the family --------------------------------------------------------------------------------------------


def _family_report(actor: User, report: TransitionReport, *statuses: str) -> Any:
    transition = report.transition
    require(actor, REPORT_FAMILY, transition)
    adult = selectors.family_adult(actor, transition.child)
    if adult is None or report.status not in statuses:
        raise ValidationError("The report is not with you to read at the moment.")
    return adult


def _tell_key_person(transition: Transition, kind: str, title: str, body: str) -> None:
    child = transition.child
    ids = [i for i in (child.key_person_id, child.backup_key_person_id) if i]
    notify(
        kind=kind, user_ids=ids, title=title, body=body, url=_staff_url(transition), setting_id=transition.setting_id
    )


def add_family_words(*, actor: User, report: TransitionReport, text: str) -> TransitionReport:
    """The family's own words, in the report as they wrote them."""
    adult = _family_report(actor, report, Status.WITH_FAMILY)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Write your own words about your child."})
    transition = report.transition
    with transaction.atomic():
        locked = TransitionReport.objects.select_for_update().get(pk=report.pk)
        locked.family_contribution, locked.family_contribution_by = text, adult
        locked.save(update_fields=["family_contribution", "family_contribution_by"])
        audit.record(
            "records.transition.family_words",
            actor,
            child_ids=[transition.child_id],
            person_ids=[adult.pk],
            obj=locked,
            setting_id=transition.setting_id,
        )
    return locked


def ask_for_change(*, actor: User, report: TransitionReport, text: str) -> ReportFeedback:
    adult = _family_report(actor, report, Status.WITH_FAMILY, Status.AGREED)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Write what you would like changed."})
    transition = report.transition
    with transaction.atomic():
        feedback = ReportFeedback.objects.create(report=report, version=report.version, adult=adult, text=text)
        _tell_key_person(
            transition,
            FEEDBACK_KIND,
            f"{adult.first_name} {adult.last_name} asked for a change to {_name(transition.child)}'s transition report",
            "Open the report to read what they asked, change it and send it to them again.",
        )
        audit.record(
            "records.transition.feedback",
            actor,
            child_ids=[transition.child_id],
            person_ids=[adult.pk],
            obj=feedback,
            setting_id=transition.setting_id,
        )
    return feedback


def agree_report(*, actor: User, report: TransitionReport, version: int | None) -> TransitionReport:
    """The family agrees the version they read: refused if the report changed since."""
    adult = _family_report(actor, report, Status.WITH_FAMILY, Status.AGREED)
    transition = report.transition
    with transaction.atomic():
        locked = TransitionReport.objects.select_for_update().get(pk=report.pk)
        if version != locked.version or locked.status != Status.WITH_FAMILY:
            raise ValidationError(CHANGED)
        now = timezone.now()
        locked.status = Status.AGREED
        locked.agreed_by, locked.agreed_version, locked.agreed_at = adult, locked.version, now
        locked.save(update_fields=["status", "agreed_by", "agreed_version", "agreed_at"])
        Transition.objects.filter(
            pk=transition.pk, status__in=[Transition.Status.PLANNING, Transition.Status.WITH_FAMILY]
        ).update(status=Transition.Status.AGREED, updated_at=now)
        _tell_key_person(
            transition,
            AGREED_KIND,
            f"{adult.first_name} {adult.last_name} agreed {_name(transition.child)}'s transition report",
            f"Version {locked.version} of the report is agreed by the family.",
        )
        audit.record(
            "records.transition.report_agreed",
            actor,
            child_ids=[transition.child_id],
            person_ids=[adult.pk],
            obj=locked,
            setting_id=transition.setting_id,
        )
    return locked


# --- meetings with the receiving teacher -------------------------------------------------------------------


def _clean_meeting(fields: dict[str, Any]) -> dict[str, Any]:
    data = {
        "kind": fields.get("kind") or "",
        "at": fields.get("at"),
        "with_whom": str(fields.get("with_whom") or "").strip()[:200],
        "attendees": str(fields.get("attendees") or "").strip()[:300],
        "notes": str(fields.get("notes") or "").strip(),
        "shared_with_family": bool(fields.get("shared_with_family")),
    }
    errors: dict[str, str] = {}
    if data["kind"] not in TransitionMeeting.Kind.values:
        errors["kind"] = "Choose what kind of meeting it is."
    if data["at"] is None:
        errors["at"] = "Enter the date and time of the meeting."
    if not data["with_whom"]:
        errors["with_whom"] = "Write who the meeting is with."
    if errors:
        raise ValidationError(errors)
    return data


def add_meeting(*, actor: User, transition: Transition, **fields: Any) -> TransitionMeeting:
    require(actor, TRANSITION_PLAN, transition)
    data = _clean_meeting(fields)
    with transaction.atomic():
        meeting = TransitionMeeting.objects.create(transition=transition, created_by=actor, **data)
        audit.record(
            "records.transition.meeting_added",
            actor,
            child_ids=[transition.child_id],
            obj=meeting,
            setting_id=transition.setting_id,
        )
    return meeting


def update_meeting(*, actor: User, meeting: TransitionMeeting, **fields: Any) -> TransitionMeeting:
    transition = meeting.transition
    require(actor, TRANSITION_PLAN, transition)
    data = _clean_meeting(fields)
    with transaction.atomic():
        locked = TransitionMeeting.objects.select_for_update().get(pk=meeting.pk)
        for name, value in data.items():
            setattr(locked, name, value)
        locked.save(update_fields=list(data))
        audit.record(
            "records.transition.meeting_changed",
            actor,
            child_ids=[transition.child_id],
            obj=locked,
            setting_id=transition.setting_id,
        )
    return locked


def delete_meeting(*, actor: User, meeting: TransitionMeeting) -> None:
    transition = meeting.transition
    require(actor, TRANSITION_PLAN, transition)
    with transaction.atomic():
        audit.record(
            "records.transition.meeting_deleted",
            actor,
            child_ids=[transition.child_id],
            obj=meeting,
            setting_id=transition.setting_id,
        )
        TransitionMeeting.objects.filter(pk=meeting.pk).delete()
