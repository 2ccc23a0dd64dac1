"""Every write of the agency track (R62, R53): keyword-only, one transaction, audited.

A written complaint from another service reaches the setting manager: acknowledged in writing
within 10 days and a meeting within 28 days of its receipt (the limits open from the day it was
received, which may be in the past). With agreement, it is closed; without, the complainant writes
to the manager's line manager, who acknowledges within 5 days and reports within 14; then an
appeal to the owners, directors or trustees. A complaint about the setting manager starts with the
line manager. The time limits come from ``deadlines.RULES`` (opened, met and closed through
``services.deadlines``); whoever holds the new stage is told (``selectors.procedure.holders_of``).
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tandem.core import audit, files
from tandem.core.access import require
from tandem.core.models import Setting, SettingMembership, User
from tandem.core.roles import SettingRole
from tandem.people.models import Child

from ..actions.agency import AGENCY_ACT, AGENCY_RECORD
from ..deadlines import rules_for
from ..models import Complaint, ComplaintStep
from ..models.agency import AgencyLetter
from ..selectors.procedure import holders_of
from . import deadlines
from .complaints import create_with_reference

Stage = Complaint.Stage
Kind = ComplaintStep.Kind
WRITTEN = (Complaint.Via.LETTER, Complaint.Via.EMAIL)
CLOSED = "This complaint is closed. Open it to read what happened."


# --- helpers --------------------------------------------------------------------------------------
def check_pdf(upload: Any, field: str = "letter") -> None:
    """Refuse anything but a PDF of at most 10 MB, judged by its bytes, not its name."""
    files.check_pdf(upload, field=field, what="The letter")


def moment(day: dt.date) -> dt.datetime:
    """A date given on a form as a moment: now when it is today, midday (local) on an earlier day."""
    now = timezone.now()
    if day == timezone.localdate(now):
        return now
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


def _past_date(day: dt.date | None, field: str, what: str, not_before: dt.datetime | None = None) -> dt.datetime:
    if day is None:
        raise ValidationError({field: f"Enter the date {what}."})
    if day > timezone.localdate():
        raise ValidationError({field: f"The date {what} cannot be in the future."})
    if not_before is not None and day < timezone.localdate(not_before):
        began = timezone.localdate(not_before)
        raise ValidationError(
            {field: f"The date {what} cannot be before {began.day} {began:%B %Y}, when this stage began."}
        )
    return moment(day)


def _audit(event: str, actor: User | None, complaint: Complaint) -> None:
    audit.record(
        event,
        actor,
        child_ids=[complaint.child_id] if complaint.child_id else [],
        obj=complaint,
        setting_id=complaint.setting_id,
    )


def _locked(complaint: Complaint, stages: tuple[str, ...], doing: str) -> Complaint:
    locked = Complaint.objects.select_for_update().select_related("setting").get(pk=complaint.pk)
    if locked.track != Complaint.Track.AGENCY:
        raise ValidationError("This is not a complaint from another service.")
    if locked.closed_at is not None or locked.stage == Stage.CLOSED:
        raise ValidationError(CLOSED)
    if locked.stage == Stage.ALLEGATION:
        raise ValidationError("This complaint has been passed to the allegations procedure.")
    if locked.stage not in stages:
        raise ValidationError(f"You can {doing} only at another stage of the procedure.")
    return locked


def _save_letter(complaint: Complaint, upload: Any, *, title: str, received_at: dt.datetime, actor: User) -> None:
    letter = AgencyLetter(
        complaint=complaint,
        stage=complaint.stage,
        title=title[:200],
        size=upload.size,
        received_at=received_at,
        uploaded_by=actor,
    )
    letter.file.save(f"{secrets.token_hex(16)}.pdf", upload, save=False)
    letter.save()


def _stage_kind() -> str:
    """The parent track's "complaints.stage" kind when it is registered, else the agency track's own."""
    from tandem.comms.services.notifications import KINDS

    return "complaints.stage" if "complaints.stage" in KINDS else "complaints.agency"


def tell_stage_holders(complaint: Complaint, *, actor: User | None = None) -> None:
    """Tell whoever holds the complaint's stage now (never the person it is about, nor the actor),
    with the limits that stage opened. The title names no one."""
    from tandem.comms.services.notifications import notify

    from ..selectors.procedure import stage_title

    holders = [u.pk for u in holders_of(complaint, [complaint.stage]) if actor is None or u.pk != actor.pk]
    if not holders:
        return
    due = {d.rule: d.due_at for d in complaint.deadlines.filter(met_at__isnull=True, cancelled_at__isnull=True)}
    limits = [
        f"{rule.label} by {timezone.localtime(due[rule.code]):%A %-d %B %Y}."
        for rule in rules_for(complaint.track, complaint.stage)
        if rule.code in due
    ]
    notify(
        kind=_stage_kind(),
        user_ids=holders,
        title="A complaint from another service needs you",
        body=(
            f"Complaint {complaint.reference} from another service is now with "
            f"{stage_title(complaint.setting, complaint.stage).lower()}. " + " ".join(limits)
        ).strip(),
        url=reverse("complaints:agency_complaint", args=[complaint.pk]),
        setting_id=complaint.setting_id,
    )


def staff_of(setting: Setting) -> set[int]:
    return set(SettingMembership.objects.filter(setting=setting, active=True).values_list("user_id", flat=True))


def is_manager_of(user_id: int | None, setting_id: int) -> bool:
    if not user_id:
        return False
    rows = SettingMembership.objects.filter(setting_id=setting_id, user_id=user_id, role=SettingRole.MANAGER)
    return rows.filter(active=True).exists()


# --- recording ------------------------------------------------------------------------------------
def record_complaint(
    *,
    actor: User,
    setting: Setting,
    organisation: str,
    name: str,
    contact: str,
    received_on: dt.date | None,
    via: str,
    summary: str,
    desired_outcome: str = "",
    about_staff: User | None = None,
    child: Child | None = None,
    letter: Any = None,
) -> Complaint:
    """Record a written complaint from another service. It starts with the setting manager (with the
    line manager when it is about the setting manager); its limits run from the day it arrived."""
    require(actor, AGENCY_RECORD, setting)
    organisation, name, contact = (organisation or "").strip(), (name or "").strip(), (contact or "").strip()
    summary, desired_outcome = (summary or "").strip(), (desired_outcome or "").strip()
    errors: dict[str, str] = {}
    if not organisation:
        errors["organisation"] = "Write the name of the service the complaint comes from."
    if not name:
        errors["name"] = "Write the name of the person who wrote the complaint."
    if via not in WRITTEN:
        errors["via"] = "Choose whether it came in a letter or by email: a complaint from another service is written."
    if not summary:
        errors["summary"] = "Write the key issues of the complaint."
    if about_staff is not None and about_staff.pk not in staff_of(setting):
        errors["about_staff"] = (
            "Choose a member of staff of this setting, or leave it empty for the setting's practice."
        )
    if child is not None and child.setting_id != setting.pk:
        errors["child"] = "Choose a child of this setting, or leave it empty."
    if errors:
        raise ValidationError(errors)
    received_at = _past_date(received_on, "received_on", "it was received")
    if letter is not None:
        check_pdf(letter)
    about_manager = about_staff is not None and is_manager_of(about_staff.pk, setting.pk)
    stage = Stage.LINE_MANAGER if about_manager else Stage.MANAGER
    with transaction.atomic():
        complaint = create_with_reference(
            setting_id=setting.pk,
            received_at=received_at,
            child=child,
            track=Complaint.Track.AGENCY,
            kind=Complaint.Kind.COMPLAINT,
            stage=stage,
            stage_started_at=received_at,
            via=via,
            complainant_name=name[:200],
            complainant_contact=contact[:200],
            complainant_organisation=organisation[:200],
            recorded_by=actor,
            summary=summary,
            desired_outcome=desired_outcome,
            about_staff=about_staff,
            handler=None if about_manager or about_staff == actor else actor,
        )
        ComplaintStep.objects.create(
            complaint=complaint,
            stage=stage,
            kind=Kind.RAISED,
            text=f"Written complaint from {name} ({organisation}), {complaint.get_via_display().lower()}.",
            by=actor,
            at=received_at,
        )
        if about_manager:
            ComplaintStep.objects.create(
                complaint=complaint,
                stage=stage,
                kind=Kind.ESCALATED,
                text="The complaint is about the setting manager, so it goes to the line manager.",
                by=actor,
                at=received_at,
            )
        if letter is not None:
            _save_letter(complaint, letter, title="The written complaint", received_at=received_at, actor=actor)
        deadlines.open_deadlines(complaint, start=received_at)
        _audit("complaints.agency.recorded", actor, complaint)
        tell_stage_holders(complaint, actor=actor)
    return complaint


# --- the manager's and the line manager's steps ---------------------------------------------------
def acknowledge(*, actor: User, complaint: Complaint, text: str, sent_on: dt.date | None) -> ComplaintStep:
    """Record the written acknowledgement as sent (the letter's text is kept): meets the stage's
    acknowledgement limit (10 days at the manager, 5 at the line manager)."""
    require(actor, AGENCY_ACT, complaint)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Write the acknowledgement you sent."})
    with transaction.atomic():
        locked = _locked(complaint, (Stage.MANAGER, Stage.LINE_MANAGER), "acknowledge the complaint")
        if locked.steps.filter(stage=locked.stage, kind=Kind.ACKNOWLEDGED).exists():
            raise ValidationError("The acknowledgement at this stage has already been recorded.")
        sent_at = _past_date(sent_on, "sent_on", "it was sent", locked.stage_started_at)
        step = ComplaintStep.objects.create(
            complaint=locked,
            stage=locked.stage,
            kind=Kind.ACKNOWLEDGED,
            text=text,
            by=actor,
            at=sent_at,
            shared_with_complainant=True,
        )
        deadlines.meet_deadlines(locked, Kind.ACKNOWLEDGED, at=sent_at)
        _audit("complaints.agency.acknowledged", actor, locked)
    return step


def record_meeting(
    *, actor: User, complaint: Complaint, held_on: dt.date | None, attendees: str, notes: str
) -> ComplaintStep:
    """The manager met the complainant to discuss the matter: meets the 28-day limit."""
    require(actor, AGENCY_ACT, complaint)
    attendees, notes = (attendees or "").strip(), (notes or "").strip()
    if not notes:
        raise ValidationError({"notes": "Write what was discussed and what was agreed, if anything."})
    with transaction.atomic():
        locked = _locked(complaint, (Stage.MANAGER,), "record the meeting")
        held_at = _past_date(held_on, "held_on", "of the meeting", locked.received_at)
        text = f"Present: {attendees}\n\n{notes}" if attendees else notes
        step = ComplaintStep.objects.create(
            complaint=locked, stage=locked.stage, kind=Kind.MEETING, text=text, by=actor, at=held_at
        )
        deadlines.meet_deadlines(locked, Kind.MEETING, at=held_at)
        _audit("complaints.agency.meeting", actor, locked)
    return step


def record_report(*, actor: User, complaint: Complaint, text: str, sent_on: dt.date | None) -> ComplaintStep:
    """The line manager's report back to the complainant (14 days), or the owners' response to the
    appeal (14 days)."""
    require(actor, AGENCY_ACT, complaint)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Write what you reported back to the complainant."})
    with transaction.atomic():
        locked = _locked(complaint, (Stage.LINE_MANAGER, Stage.APPEAL), "report back")
        sent_at = _past_date(sent_on, "sent_on", "it was sent", locked.stage_started_at)
        step = ComplaintStep.objects.create(
            complaint=locked,
            stage=locked.stage,
            kind=Kind.FEEDBACK,
            text=text,
            by=actor,
            at=sent_at,
            shared_with_complainant=True,
        )
        deadlines.meet_deadlines(locked, Kind.FEEDBACK, at=sent_at)
        _audit("complaints.agency.reported", actor, locked)
    return step


def _move(
    *,
    actor: User,
    complaint: Complaint,
    from_stage: str,
    to_stage: str,
    kind: str,
    received_on: dt.date | None,
    text: str,
    letter: Any,
    letter_title: str,
    event: str,
    doing: str,
) -> Complaint:
    require(actor, AGENCY_ACT, complaint)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Write what the complainant asked for, in brief."})
    if letter is not None:
        check_pdf(letter)
    with transaction.atomic():
        locked = _locked(complaint, (from_stage,), doing)
        received_at = _past_date(received_on, "received_on", "their letter was received", locked.stage_started_at)
        deadlines.close_open_deadlines(locked, at=received_at)
        ComplaintStep.objects.create(complaint=locked, stage=from_stage, kind=kind, text=text, by=actor, at=received_at)
        locked.stage, locked.stage_started_at = to_stage, received_at
        holders = holders_of(locked, [to_stage])
        locked.handler = holders[0] if len(holders) == 1 else None
        locked.save(update_fields=["stage", "stage_started_at", "handler"])
        if letter is not None:
            _save_letter(locked, letter, title=letter_title, received_at=received_at, actor=actor)
        deadlines.open_deadlines(locked, start=received_at)
        _audit(event, actor, locked)
        tell_stage_holders(locked, actor=actor)
    return locked


def to_line_manager(
    *, actor: User, complaint: Complaint, received_on: dt.date | None, text: str, letter: Any = None
) -> Complaint:
    """No agreement was reached: the complainant wrote to the setting manager's line manager. Their
    limits (5 days to acknowledge, 14 to report) run from the day the letter reached them."""
    return _move(
        actor=actor,
        complaint=complaint,
        from_stage=Stage.MANAGER,
        to_stage=Stage.LINE_MANAGER,
        kind=Kind.ESCALATED,
        received_on=received_on,
        text=text,
        letter=letter,
        letter_title="Letter to the line manager",
        event="complaints.agency.to_line_manager",
        doing="pass the complaint to the line manager",
    )


def to_appeal(
    *, actor: User, complaint: Complaint, received_on: dt.date | None, text: str, letter: Any = None
) -> Complaint:
    """The complainant is not satisfied with the line manager's investigation and appeals: it is
    referred to the owners, directors or trustees (14 days)."""
    if not complaint.steps.filter(stage=Stage.LINE_MANAGER, kind=Kind.FEEDBACK).exists():
        raise ValidationError("Record the report back to the complainant first: the appeal is against its outcome.")
    return _move(
        actor=actor,
        complaint=complaint,
        from_stage=Stage.LINE_MANAGER,
        to_stage=Stage.APPEAL,
        kind=Kind.APPEALED,
        received_on=received_on,
        text=text,
        letter=letter,
        letter_title="The appeal",
        event="complaints.agency.appealed",
        doing="record an appeal",
    )


def close(*, actor: User, complaint: Complaint, outcome: str, summary: str) -> Complaint:
    """Close the complaint with its outcome (an agreement reached, or the final response). An upheld
    outcome opens the owners' review of practice."""
    from .record import open_practice_review

    require(actor, AGENCY_ACT, complaint)
    summary = (summary or "").strip()
    if outcome not in Complaint.Outcome.values:
        raise ValidationError({"outcome": "Choose the outcome."})
    if not summary:
        raise ValidationError({"summary": "Write what was agreed or decided, for the record."})
    with transaction.atomic():
        locked = _locked(complaint, (Stage.MANAGER, Stage.LINE_MANAGER, Stage.APPEAL), "close the complaint")
        now = timezone.now()
        ComplaintStep.objects.create(
            complaint=locked,
            stage=locked.stage,
            kind=Kind.OUTCOME,
            text=f"{Complaint.Outcome(outcome).label}. {summary}",
            by=actor,
            at=now,
            shared_with_complainant=True,
        )
        deadlines.close_open_deadlines(locked, at=now)
        locked.outcome, locked.outcome_summary = outcome, summary
        locked.stage, locked.closed_at, locked.handler = Stage.CLOSED, now, None
        locked.save(update_fields=["outcome", "outcome_summary", "stage", "closed_at", "handler"])
        _audit("complaints.agency.closed", actor, locked)
        if outcome in Complaint.UPHELD_OUTCOMES:
            open_practice_review(complaint=locked)
    return locked
