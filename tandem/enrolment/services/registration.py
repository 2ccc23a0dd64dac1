"""Every write about registration (R7) and session changes (R13): keyword-only, one transaction,
audited. Staff who fill in a form for or with a parent always leave a note of the help given."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import require
from tandem.core.models import User
from tandem.people import services as people_services
from tandem.people.models import Adult, Child

from ..actions.registration import (
    REGISTRATION_FILL,
    REGISTRATION_REVIEW,
    SESSIONS_DECIDE,
    SESSIONS_REQUEST,
)
from ..models.registration import Registration, SessionChangeRequest, validate_sessions
from ..selectors.registration import current_sessions, is_parent_with_pr

FORM_FIELDS = (
    "sessions",
    "preferred_start_date",
    "gp_name",
    "gp_surgery",
    "gp_phone",
    "health_visitor",
    "home_languages",
    "dietary_needs",
    "medical_needs",
    "anything_else",
)
COLLISION = (
    "Someone else saved this form while you were editing it, so your changes have not been saved. "
    "The form now shows their version: make your changes again."
)


def save_registration(
    *,
    actor: User,
    child: Child,
    revision: int | None,
    submit: bool = False,
    help_note: str = "",
    **fields: Any,
) -> Registration:
    """Save the registration form as a draft, or submit it to the setting.

    ``revision`` is the form's revision when the editor opened it (``None`` for a new form): a
    save on top of someone else's newer save is refused, never silently lost. Staff filling the
    form in for or with a parent must say how they helped (``help_note``)."""
    require(actor, REGISTRATION_FILL, child)
    unknown = set(fields) - set(FORM_FIELDS)
    if unknown:
        raise TypeError(f"Unknown registration fields: {sorted(unknown)}")
    helping = not is_parent_with_pr(actor=actor, child=child)
    help_note = " ".join((help_note or "").split())
    errors: dict[str, str] = {}
    if "sessions" in fields:
        try:
            fields["sessions"] = validate_sessions(fields["sessions"] or [])
        except ValidationError as error:
            errors["sessions"] = error.messages[0]
    if helping and not help_note:
        errors["help_note"] = "Say how you helped, for example: completed over the phone with Mum."
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    with transaction.atomic():
        registration = Registration.objects.select_for_update().filter(child=child).first()
        created = registration is None
        if registration is None:
            if revision not in (None, 0):
                raise ValidationError(COLLISION)
            registration = Registration(child=child, created_at=now)
        elif revision is None or revision != registration.revision:
            raise ValidationError(COLLISION)
        if registration.status == Registration.Status.REVIEWED:
            raise ValidationError(
                "This form has been reviewed by the setting. To change something now, tell the office."
            )
        for name, value in fields.items():
            setattr(registration, name, value)
        if submit and not registration.sessions:
            raise ValidationError({"sessions": "Choose at least one session before you send the form."})
        if helping:
            registration.completed_with_help = True
            registration.helped_by = actor
            registration.help_note = help_note
        # sent now, or sent again with changes: the reviewer sees who sent this version, and when
        submitting = submit and registration.status in (Registration.Status.DRAFT, Registration.Status.SUBMITTED)
        if submitting:
            registration.status = Registration.Status.SUBMITTED
            registration.submitted_by = actor
            registration.submitted_at = now
        registration.revision += 1
        registration.updated_at = now
        registration.full_clean(exclude=["child"])
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError:
            raise ValidationError(COLLISION) from None
        event = "submitted" if submitting else ("created" if created else "updated")
        audit.record(
            f"enrolment.registration.{event}",
            actor,
            child_ids=[child.pk],
            obj=registration,
            setting_id=child.setting_id,
        )
    return registration


def review_registration(*, actor: User, registration: Registration, apply_languages: bool = False) -> Registration:
    """Staff mark a submitted form as reviewed; optionally copy the home languages to the parents'
    records where none are recorded yet (through the people services)."""
    child = registration.child
    require(actor, REGISTRATION_REVIEW, child)
    with transaction.atomic():
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if locked.status != Registration.Status.SUBMITTED:
            raise ValidationError("Only a form that has been sent to the setting can be marked as reviewed.")
        locked.status = Registration.Status.REVIEWED
        locked.reviewed_by = actor
        locked.reviewed_at = timezone.now()
        locked.revision += 1
        locked.save(update_fields=["status", "reviewed_by", "reviewed_at", "revision"])
        audit.record(
            "enrolment.registration.reviewed", actor, child_ids=[child.pk], obj=locked, setting_id=child.setting_id
        )
        if apply_languages and locked.home_languages:
            parents = Adult.objects.filter(
                setting_id=child.setting_id,
                links__child=child,
                links__parental_responsibility=True,
                links__no_information=False,
                home_languages="",
            ).distinct()
            for adult in parents:
                people_services.update_adult(actor=actor, adult=adult, home_languages=locked.home_languages[:200])
    return locked


# --- session changes (R13) ---------------------------------------------------------------------


def request_session_change(
    *, actor: User, child: Child, sessions: list[str], from_date: dt.date | None, reason: str = ""
) -> SessionChangeRequest:
    require(actor, SESSIONS_REQUEST, child)
    errors: dict[str, str] = {}
    try:
        sessions = validate_sessions(sessions or [])
    except ValidationError as error:
        errors["sessions"] = error.messages[0]
    else:
        if not sessions:
            errors["sessions"] = "Choose at least one session."
        elif sessions == current_sessions(child=child):
            errors["sessions"] = "These are the sessions your child has now. Choose the sessions you would like."
    if from_date is None:
        errors["from_date"] = "Enter the date the change should start."
    elif from_date < timezone.localdate():
        errors["from_date"] = "The change must start today or later."
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            if SessionChangeRequest.objects.filter(child=child, status=SessionChangeRequest.Status.PENDING).exists():
                raise ValidationError(
                    "There is already a request waiting for a decision. The setting will reply to that one first."
                )
            change = SessionChangeRequest.objects.create(
                child=child,
                sessions=sessions,
                from_date=cast(dt.date, from_date),
                reason=(reason or "").strip(),
                requested_by=actor,
            )
            audit.record(
                "enrolment.session_change.requested",
                actor,
                child_ids=[child.pk],
                obj=change,
                setting_id=child.setting_id,
            )
    except IntegrityError:
        raise ValidationError(
            "There is already a request waiting for a decision. The setting will reply to that one first."
        ) from None
    return change


def decide_session_change(
    *, actor: User, change: SessionChangeRequest, approve: bool, reason: str = ""
) -> SessionChangeRequest:
    """The manager or deputy approves, or declines with a reason the family will read."""
    from ..tasks_registration import send_session_decision

    child = change.child
    require(actor, SESSIONS_DECIDE, child)
    reason = (reason or "").strip()
    if not approve and not reason:
        raise ValidationError({"reason": "Give a reason for declining, so the family understands."})
    with transaction.atomic():
        locked = SessionChangeRequest.objects.select_for_update().get(pk=change.pk)
        if locked.status != SessionChangeRequest.Status.PENDING:
            raise ValidationError("This request has already been decided.")
        locked.status = SessionChangeRequest.Status.APPROVED if approve else SessionChangeRequest.Status.DECLINED
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.decision_reason = reason
        locked.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
        audit.record(
            f"enrolment.session_change.{locked.status}",
            actor,
            child_ids=[child.pk],
            obj=locked,
            setting_id=child.setting_id,
        )
        transaction.on_commit(lambda: send_session_decision.enqueue(locked.pk))
    return locked
