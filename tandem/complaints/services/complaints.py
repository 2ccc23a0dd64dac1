"""Every write about a concern or complaint on the parent track (R56–R60, R64): keyword-only, one
transaction, audited.

* A parent raises a concern or complaint online; staff record one made in person, by phone or in
  writing (the manager writes down the key issues). Each gets a reference ``C-<year>-<nnnn>``,
  numbered per setting (the setting row is locked while the number is taken, and the unique
  constraint backs it up), and starts at the stage the procedure gives it: about a member of staff,
  the setting manager; about the manager, the line manager; otherwise the child's key person (the
  manager when the child has none).
* Each stage entry sets who holds it, opens its time limits and closes the last stage's
  (``services.deadlines``); the holders are told, and so is the complainant.
* Steps of the Complaint Investigation Record are added by whoever holds the stage, and only the
  kinds of step that belong to it; each says whether the complainant sees it. Every write locks the
  complaint row first, so two people acting at once cannot both move it on.
* An upheld or partly upheld complaint, once closed, opens the owners' review of practice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Length
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import can, require
from tandem.core.models import Setting, SettingMembership, User
from tandem.core.roles import SettingRole
from tandem.people.models import Child, ChildAdult

from ..actions.complaints import (
    COMPLAINT_ACT,
    COMPLAINT_NOT_SATISFIED,
    COMPLAINT_RAISE,
    COMPLAINT_RECORD,
    COMPLAINT_RECORD_SETTING,
    COMPLAINT_VIEW,
    COMPLAINT_WITHDRAW,
)
from ..models.complaints import Complaint, ComplaintStep, InvestigationReport
from .deadlines import close_open_deadlines, meet_deadlines, open_deadlines

Stage = Complaint.Stage
Kind = ComplaintStep.Kind
Outcome = Complaint.Outcome

NEXT_STAGE: dict[str, str] = {
    Stage.KEY_PERSON: Stage.MANAGER,
    Stage.MANAGER: Stage.LINE_MANAGER,
    Stage.LINE_MANAGER: Stage.APPEAL,
}
# The steps each stage's holder may record (the outcome, closing and moving on have their own services).
STEP_KINDS: dict[str, tuple[str, ...]] = {
    Stage.KEY_PERSON: (Kind.LISTENED, Kind.EXPLAINED, Kind.APOLOGISED, Kind.NOTE),
    Stage.MANAGER: (Kind.INVESTIGATION, Kind.MEETING, Kind.FEEDBACK, Kind.NOTE),
    Stage.LINE_MANAGER: (Kind.INVESTIGATION, Kind.MEETING, Kind.FEEDBACK, Kind.NOTE),
    Stage.APPEAL: (Kind.INVESTIGATION, Kind.MEETING, Kind.FEEDBACK, Kind.NOTE),
}
ALWAYS_SHARED = (Kind.FEEDBACK,)
DECISIONS = (Outcome.UPHELD, Outcome.PARTLY_UPHELD, Outcome.NOT_UPHELD)
STAFF_VIA = (Complaint.Via.IN_PERSON, Complaint.Via.PHONE, Complaint.Via.LETTER, Complaint.Via.EMAIL)
MAX_TEXT = 10_000


# --- small helpers ----------------------------------------------------------------------------------
def _text(value: str, field: str, message: str, *, required: bool = True) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: message})
    if len(text) > MAX_TEXT:
        raise ValidationError({field: f"Keep it under {MAX_TEXT:,} characters."})
    return text


def _record(event: str, actor: User | None, complaint: Complaint) -> None:
    audit.record(
        event,
        actor,
        child_ids=[complaint.child_id] if complaint.child_id else [],
        obj=complaint,
        setting_id=complaint.setting_id,
    )


def stage_words(complaint: Complaint) -> str:
    """Where the complaint is, in a few plain words: "with the setting manager"."""
    from ..selectors.procedure import stage_title, the

    if complaint.stage == Stage.CLOSED:
        return "closed"
    if complaint.stage == Stage.ALLEGATION:
        return "passed to the procedure for allegations against staff"
    if complaint.stage == Stage.KEY_PERSON:
        return "with the child's key person"
    title = the(stage_title(complaint.setting, complaint.stage))
    return f"at appeal, with {title}" if complaint.stage == Stage.APPEAL else f"with {title}"


def _lock(complaint: Complaint) -> Complaint:
    """The complaint, locked for the rest of the transaction, refused once it has left the track."""
    locked = Complaint.objects.select_for_update(of=("self",)).select_related("setting", "child").get(pk=complaint.pk)
    if locked.stage == Stage.CLOSED:
        raise ValidationError("This complaint is closed, so nothing more can be added to it.")
    if locked.stage == Stage.ALLEGATION:
        raise ValidationError("This complaint was passed to the allegations procedure: it is dealt with there.")
    if locked.track != Complaint.Track.PARENT:
        raise ValidationError("This complaint from another service is dealt with on its own page.")
    return locked


def _require_holder(actor: User, locked: Complaint) -> None:
    if not can(actor, COMPLAINT_ACT, locked):
        raise ValidationError(
            f"This complaint is {stage_words(locked)} now: only whoever holds that stage can act on it."
        )


def _step(locked: Complaint, kind: str, *, by: User | None, text: str = "", shared: bool, at: Any) -> ComplaintStep:
    return ComplaintStep.objects.create(
        complaint=locked, stage=locked.stage, kind=kind, text=text, by=by, at=at, shared_with_complainant=shared
    )


def _tell_complainant(step: ComplaintStep) -> None:
    from ..tasks_complaints import complaint_step_shared

    transaction.on_commit(lambda: complaint_step_shared.enqueue(step.pk))


def staff_member(setting_id: int, user_id: int | None) -> User | None:
    """A member of the setting's staff (active), for "which member of staff is it about?"."""
    if not user_id:
        return None
    found = User.objects.filter(
        pk=user_id, is_active=True, setting_memberships__setting_id=setting_id, setting_memberships__active=True
    ).first()
    if found is None:
        raise ValidationError({"about_staff": "Choose a member of staff from the list."})
    return found


def first_stage(setting_id: int, child: Child | None, about: User | None) -> str:
    """Where a new complaint starts (procedure 10.2): about the manager → the line manager; about the
    key person or any other member of staff → the manager; otherwise the child's key person, or the
    manager when the child has no key person working in the setting."""
    if about is not None:
        is_manager = SettingMembership.objects.filter(
            setting_id=setting_id, user=about, role=SettingRole.MANAGER, active=True
        ).exists()
        return Stage.LINE_MANAGER if is_manager else Stage.MANAGER
    if child is not None and (child.key_person_id or child.backup_key_person_id):
        ids = [i for i in (child.key_person_id, child.backup_key_person_id) if i]
        if SettingMembership.objects.filter(setting_id=setting_id, user_id__in=ids, active=True).exists():
            return Stage.KEY_PERSON
    return Stage.MANAGER


# --- references ----------------------------------------------------------------------------------
def next_reference(setting_id: int, at: dt.datetime) -> str:
    """The next free reference of the setting for the year of ``at``: ``C-2026-0007``. Call inside a
    transaction: it locks the setting's row, so two complaints made at once get different numbers."""
    Setting.objects.select_for_update().filter(pk=setting_id).values_list("pk", flat=True).first()
    prefix = f"C-{timezone.localtime(at).year}-"
    last = (
        Complaint.objects.filter(setting_id=setting_id, reference__startswith=prefix)
        .annotate(length=Length("reference"))
        .order_by("-length", "-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last.removeprefix(prefix)) + 1 if last and last.removeprefix(prefix).isdigit() else 1
    return f"{prefix}{number:04d}"


def create_with_reference(*, setting_id: int, received_at: dt.datetime, **fields: Any) -> Complaint:
    """Make a complaint with the next reference of its setting (for every track). Inside a transaction;
    the caller has checked the actor may."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Complaint.objects.create(
                    setting_id=setting_id,
                    received_at=received_at,
                    reference=next_reference(setting_id, received_at),
                    **fields,
                )
        except IntegrityError:  # another complaint took the number between our read and write
            continue
    raise ValidationError("Tandem could not give this complaint a reference just now. Please try again.")


# --- stages ------------------------------------------------------------------------------------------
def enter_stage(locked: Complaint, stage: str, *, at: dt.datetime, tell_complainant: bool = True) -> None:
    """Move a locked complaint to ``stage``: the last stage's limits close, the holder is set, the new
    stage's limits open, and its holders (and the complainant) are told after commit."""
    from ..selectors.procedure import holders_of
    from ..tasks_complaints import complaint_reached_stage

    close_open_deadlines(locked, at=at)
    locked.stage = stage
    locked.stage_started_at = at
    holders = holders_of(locked, [stage])
    locked.handler = holders[0] if holders else None
    locked.outcome = ""
    locked.outcome_summary = ""
    locked.save(update_fields=["stage", "stage_started_at", "handler", "outcome", "outcome_summary"])
    open_deadlines(locked, start=at)
    complaint_id = locked.pk
    transaction.on_commit(lambda: complaint_reached_stage.enqueue(complaint_id, stage, tell_complainant))


def _close(locked: Complaint, outcome: str, summary: str, *, at: dt.datetime) -> None:
    close_open_deadlines(locked, at=at)
    locked.stage = Stage.CLOSED
    locked.closed_at = at
    locked.outcome = outcome
    locked.outcome_summary = summary
    locked.save(update_fields=["stage", "closed_at", "outcome", "outcome_summary"])
    if outcome in Complaint.UPHELD_OUTCOMES:
        _open_practice_review(locked)


def _open_practice_review(complaint: Complaint) -> None:
    """Every upheld complaint opens the owners' review of practice (the record feature's)."""
    try:
        from .record import open_practice_review
    except ImportError:  # the record feature is not installed
        return
    open_practice_review(complaint=complaint)


# --- raise and record --------------------------------------------------------------------------------
def raise_complaint(
    *,
    actor: User,
    child: Child,
    kind: str,
    summary: str,
    desired_outcome: str = "",
    about_staff_id: int | None = None,
) -> Complaint:
    """A parent or carer raises a concern or complaint about their child's care, online."""
    require(actor, COMPLAINT_RAISE, child)
    if kind not in Complaint.Kind.values:
        raise ValidationError({"kind": "Choose whether this is a concern or a complaint."})
    summary = _text(summary, "summary", "Tell us what happened or what you are unhappy about.")
    desired_outcome = _text(desired_outcome, "desired_outcome", "", required=False)
    about = staff_member(child.setting_id, about_staff_id)
    now = timezone.now()
    with transaction.atomic():
        stage = first_stage(child.setting_id, child, about)
        complaint = create_with_reference(
            setting_id=child.setting_id,
            received_at=now,
            child=child,
            track=Complaint.Track.PARENT,
            kind=kind,
            stage=stage,
            stage_started_at=now,
            via=Complaint.Via.ONLINE,
            raised_by=actor,
            complainant_name=actor.get_full_name() or actor.email,
            complainant_contact=actor.email,
            recorded_by=actor,
            summary=summary,
            desired_outcome=desired_outcome,
            about_staff=about,
        )
        _step(complaint, Kind.RAISED, by=actor, text="Raised online in Tandem.", shared=True, at=now)
        enter_stage(complaint, stage, at=now, tell_complainant=False)
        _record("complaints.complaint.raised", actor, complaint)
    return complaint


def record_complaint(
    *,
    actor: User,
    setting: Setting,
    child: Child | None = None,
    via: str,
    kind: str,
    summary: str,
    desired_outcome: str = "",
    about_staff_id: int | None = None,
    complainant_link_id: int | None = None,
    complainant_name: str = "",
    complainant_contact: str = "",
    received_on: dt.date | None = None,
) -> Complaint:
    """Staff record a concern or complaint made in person, by phone or in writing: the key issues,
    written down (the manager, or the child's key person), and who made it."""
    if child is not None:
        require(actor, COMPLAINT_RECORD, child)
        if child.setting_id != setting.pk:
            raise ValidationError({"child": "Choose a child of this setting."})
    else:
        require(actor, COMPLAINT_RECORD_SETTING, setting)
    if via not in STAFF_VIA:
        raise ValidationError({"via": "Choose how the concern or complaint was made."})
    if kind not in Complaint.Kind.values:
        raise ValidationError({"kind": "Choose whether this is a concern or a complaint."})
    summary = _text(summary, "summary", "Write down the key issues.")
    desired_outcome = _text(desired_outcome, "desired_outcome", "", required=False)
    about = staff_member(setting.pk, about_staff_id)
    raised_by = None
    if complainant_link_id:
        link = (
            ChildAdult.objects.select_related("adult").filter(pk=complainant_link_id, child=child).first()
            if child is not None
            else None
        )
        if link is None:
            raise ValidationError({"complainant": "Choose one of the child's parents or carers, or someone else."})
        complainant_name = f"{link.adult.first_name} {link.adult.last_name}".strip()
        complainant_contact = link.adult.email or link.adult.phone
        raised_by = link.adult.user
    else:
        complainant_name = _text(complainant_name, "complainant_name", "Write the name of the person who made it.")
        complainant_contact = _text(complainant_contact, "complainant_contact", "", required=False)[:200]
    now = timezone.now()
    today = timezone.localdate()
    if received_on is None or received_on == today:
        received_at = now
    elif received_on > today:
        raise ValidationError({"received_on": "The date it was made cannot be in the future."})
    elif received_on < today - dt.timedelta(days=365):
        raise ValidationError({"received_on": "Record it with a date in the last year."})
    else:
        received_at = timezone.make_aware(dt.datetime.combine(received_on, dt.time(12, 0)))
    with transaction.atomic():
        stage = first_stage(setting.pk, child, about)
        complaint = create_with_reference(
            setting_id=setting.pk,
            received_at=received_at,
            child=child,
            track=Complaint.Track.PARENT,
            kind=kind,
            stage=stage,
            stage_started_at=received_at,
            via=via,
            raised_by=raised_by,
            complainant_name=complainant_name[:200],
            complainant_contact=complainant_contact[:200],
            recorded_by=actor,
            summary=summary,
            desired_outcome=desired_outcome,
            about_staff=about,
        )
        how = Complaint.Via(via).label
        text = f"Made {how[0].lower()}{how[1:]}; recorded by {actor.get_full_name() or 'a member of staff'}."
        _step(complaint, Kind.RAISED, by=actor, text=text, shared=True, at=received_at)
        enter_stage(complaint, stage, at=received_at)
        _record("complaints.complaint.recorded", actor, complaint)
    return complaint


# --- the stage holder's steps ------------------------------------------------------------------------
def add_step(*, actor: User, complaint: Complaint, kind: str, text: str, shared: bool = False) -> ComplaintStep:
    """A step of the Complaint Investigation Record at the current stage, by whoever holds it.
    Feedback is always shared with the complainant, and meets the stage's time limit for it."""
    require(actor, COMPLAINT_VIEW, complaint)
    text = _text(text, "text", "Write what was done or said.")
    with transaction.atomic():
        locked = _lock(complaint)
        allowed = STEP_KINDS.get(locked.stage, ())
        if kind not in Kind.values:
            raise ValidationError({"kind": "Choose what kind of step this is."})
        if kind not in allowed:
            raise ValidationError(
                f"'{Kind(kind).label}' is not a step of this stage: the complaint is {stage_words(locked)} now."
            )
        _require_holder(actor, locked)
        now = timezone.now()
        shared = shared or kind in ALWAYS_SHARED
        step = _step(locked, kind, by=actor, text=text, shared=shared, at=now)
        meet_deadlines(locked, kind, at=now)
        _record(f"complaints.complaint.step_{kind}", actor, locked)
        if shared:
            _tell_complainant(step)
    return step


def give_outcome(*, actor: User, complaint: Complaint, outcome: str, text: str) -> Complaint:
    """The outcome of the investigation (the manager), the line manager's response, or the final
    outcome of the appeal: upheld, partly upheld or not upheld, with the reasons, shared with the
    complainant. It is their feedback, so it meets the stage's time limit. An appeal's outcome is
    final and closes the complaint; otherwise the complainant may still say they are not satisfied."""
    require(actor, COMPLAINT_VIEW, complaint)
    if outcome not in DECISIONS:
        raise ValidationError({"outcome": "Choose whether the complaint is upheld, partly upheld or not upheld."})
    text = _text(text, "text", "Explain the outcome: what was found and what will happen.")
    with transaction.atomic():
        locked = _lock(complaint)
        if locked.stage == Stage.KEY_PERSON:
            raise ValidationError(
                "At the key person stage, close the concern as resolved or pass it to the setting manager."
            )
        _require_holder(actor, locked)
        now = timezone.now()
        label = Outcome(outcome).label
        step = _step(locked, Kind.OUTCOME, by=actor, text=f"{label}. {text}", shared=True, at=now)
        meet_deadlines(locked, Kind.FEEDBACK, at=now)
        if locked.stage == Stage.APPEAL:
            _close(locked, outcome, text, at=now)
        else:
            locked.outcome, locked.outcome_summary = outcome, text
            locked.save(update_fields=["outcome", "outcome_summary"])
        _record("complaints.complaint.outcome", actor, locked)
        _tell_complainant(step)
    return locked


def close_complaint(*, actor: User, complaint: Complaint, text: str) -> Complaint:
    """Close the complaint at its stage: resolved with the key person, or — once the outcome has been
    given — because the complainant is satisfied (or has not asked to take it further)."""
    require(actor, COMPLAINT_VIEW, complaint)
    text = _text(text, "text", "Write how it was resolved, or why it is being closed.")
    with transaction.atomic():
        locked = _lock(complaint)
        if locked.stage == Stage.APPEAL:
            raise ValidationError("An appeal closes with its final outcome: give the outcome of the appeal.")
        if locked.stage != Stage.KEY_PERSON and not locked.outcome:
            raise ValidationError("Give the outcome first, so the complainant knows it before the complaint closes.")
        _require_holder(actor, locked)
        now = timezone.now()
        outcome = Outcome.RESOLVED if locked.stage == Stage.KEY_PERSON else locked.outcome
        summary = text if locked.stage == Stage.KEY_PERSON else f"{locked.outcome_summary}\n\n{text}"
        step = _step(locked, Kind.OUTCOME, by=actor, text=f"Closed: {text}", shared=True, at=now)
        _close(locked, outcome, summary.strip(), at=now)
        _record("complaints.complaint.closed", actor, locked)
        _tell_complainant(step)
    return locked


def escalate(*, actor: User, complaint: Complaint, text: str) -> Complaint:
    """The complainant is not satisfied (they said so to the stage's holder): on to the next stage —
    key person → manager → line manager → appeal to the owners."""
    require(actor, COMPLAINT_VIEW, complaint)
    text = _text(text, "text", "Write what the complainant is still unhappy about.")
    with transaction.atomic():
        locked = _lock(complaint)
        nxt = NEXT_STAGE.get(locked.stage)
        if nxt is None:
            raise ValidationError("The appeal is the last stage. The complainant may still complain to Ofsted.")
        _require_holder(actor, locked)
        now = timezone.now()
        kind = Kind.APPEALED if nxt == Stage.APPEAL else Kind.ESCALATED
        _step(locked, kind, by=actor, text=text, shared=True, at=now)
        enter_stage(locked, nxt, at=now)
        _record("complaints.complaint.escalated", actor, locked)
    return locked


def write_report(*, actor: User, complaint: Complaint, text: str) -> InvestigationReport:
    """The manager's confidential written report of the investigation, kept in the child's file.
    Written (and rewritten) during the manager's stage; never shown to the complainant."""
    require(actor, COMPLAINT_VIEW, complaint)
    text = _text(text, "text", "Write the report of the investigation.")
    with transaction.atomic():
        locked = _lock(complaint)
        if locked.stage != Stage.MANAGER:
            raise ValidationError(
                f"The confidential report is written during the manager's investigation; the complaint is "
                f"{stage_words(locked)} now."
            )
        if locked.child_id is None:
            raise ValidationError("A confidential report goes in a child's file: this complaint is about no child.")
        _require_holder(actor, locked)
        now = timezone.now()
        report, created = InvestigationReport.objects.update_or_create(
            complaint=locked, defaults={"text": text, "written_by": actor, "written_at": now}
        )
        what = "written" if created else "updated"
        _step(locked, Kind.NOTE, by=actor, text=f"Confidential investigation report {what}.", shared=False, at=now)
        _record(f"complaints.report.{what}", actor, locked)
    return report


# --- the complainant ---------------------------------------------------------------------------------
def not_satisfied(*, actor: User, complaint: Complaint, text: str = "") -> Complaint:
    """The complainant says "I am not satisfied" on their own complaint: on to the next stage."""
    require(actor, COMPLAINT_VIEW, complaint)
    text = _text(text, "text", "", required=False)
    with transaction.atomic():
        locked = _lock(complaint)
        if not can(actor, COMPLAINT_NOT_SATISFIED, locked):
            if locked.stage == Stage.APPEAL:
                message = (
                    "Your complaint is at appeal, the last stage of our procedure. You may still complain to Ofsted."
                )
            elif locked.stage in (Stage.MANAGER, Stage.LINE_MANAGER) and not locked.outcome:
                message = (
                    "We are still looking into your complaint. Once we have given you our response, you can tell "
                    "us if you are not satisfied. You may complain to Ofsted at any time."
                )
            else:
                message = "Only the person who raised this complaint can take it further."
            raise ValidationError(message)
        now = timezone.now()
        nxt = NEXT_STAGE[locked.stage]
        kind = Kind.APPEALED if nxt == Stage.APPEAL else Kind.ESCALATED
        _step(locked, kind, by=actor, text=text or "I am not satisfied.", shared=True, at=now)
        enter_stage(locked, nxt, at=now, tell_complainant=False)
        _record("complaints.complaint.not_satisfied", actor, locked)
    return locked


def withdraw(*, actor: User, complaint: Complaint, text: str = "") -> Complaint:
    """The complainant withdraws their concern or complaint while it is open."""
    require(actor, COMPLAINT_VIEW, complaint)
    text = _text(text, "text", "", required=False)
    with transaction.atomic():
        locked = _lock(complaint)
        if not can(actor, COMPLAINT_WITHDRAW, locked):
            raise ValidationError("Only the person who raised this complaint can withdraw it.")
        now = timezone.now()
        _step(locked, Kind.OUTCOME, by=actor, text=text or "Withdrawn.", shared=True, at=now)
        if locked.outcome in Complaint.UPHELD_OUTCOMES:  # upheld, then withdrawn: practice is still reviewed
            _open_practice_review(locked)
        _close(locked, Outcome.WITHDRAWN, text or "Withdrawn by the complainant.", at=now)
        _record("complaints.complaint.withdrawn", actor, locked)
        from ..tasks_complaints import complaint_withdrawn

        complaint_id = locked.pk
        transaction.on_commit(lambda: complaint_withdrawn.enqueue(complaint_id))
    return locked
