"""Visiting professionals and their visits (R50): every write, keyword-only, in one transaction,
audited.

A professional is invited by the setting's leaders: their account is made with no usable password
and an invitation is emailed; the token is made inside the task that sends it, only its SHA-256 is
kept, it works once and for :data:`INVITATION_DAYS` days (as for parents' invitations). A visit is
booked for one child with a named supervisor and a window of at most :data:`MAX_WINDOW`; the
professional reaches the child's shared information only inside the window, once the supervisor
(or a leader) has recorded their arrival and until their departure (``rules.active_visits``).
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tandem.comms.services.notifications import notify
from tandem.core import audit
from tandem.core.access import can, require
from tandem.core.models import OrganisationMembership, Setting, SettingMembership, User
from tandem.people.actions import CHILD_VIEW
from tandem.people.models import Adult, Child, ChildAdult
from tandem.people.selectors import family_user_ids
from tandem.people.services import InvitationError

from ..actions.visits import PROFESSIONAL_MANAGE, PROFESSIONALS, VISIT_BOOK, VISIT_LOG, VISIT_MANAGE
from ..models import Agency, Professional, ProfessionalInvitation, Share, Visit
from ..selectors.visits import invitation_state, possible_supervisors, window_text

INVITATION_DAYS = 7
MAX_WINDOW = dt.timedelta(hours=12)
START_GRACE = dt.timedelta(minutes=15)  # a visit booked "for now" a few minutes late is not in the past
SUPERVISOR_KIND = "agencies.visits.supervisor"
FAMILY_KIND = "agencies.visits.family"


def _text(value: Any) -> str:
    return str(value or "").strip()


def _audit(event: str, actor: User | None, visit: Visit, setting_id: int) -> None:
    audit.record(event, actor, child_ids=[visit.child_id], obj=visit, setting_id=setting_id)


# --- inviting a professional ------------------------------------------------------------------------


def _existing_user_problem(user: User, setting: Setting) -> str:
    """Why this existing account cannot be made a visiting professional of the setting ("" if it can)."""
    name = user.get_full_name() or user.email
    existing = Professional.objects.filter(user=user).first()
    if existing is not None:
        if existing.setting_id == setting.pk:
            return (
                f"{name} is already one of this setting's visiting professionals: find them in the list (reactivate "
                "them there if they were deactivated)."
            )
        return f"{name} already has a visiting professional's account, with another setting, at this email address."
    if not user.is_active:
        return "The Tandem account with this email address is switched off. Ask for another work email address."
    works_here = SettingMembership.objects.filter(user=user, setting=setting, active=True).exists()
    if (
        works_here
        or OrganisationMembership.objects.filter(
            user=user, organisation_id=setting.organisation_id, active=True
        ).exists()
    ):
        return (
            f"{name} works for {setting.name} or its provider, so they cannot also be a visiting professional "
            "here: staff see children through their role. Use a different person or email address."
        )
    is_parent = (
        Adult.objects.filter(user=user, setting=setting).exists()
        or ChildAdult.objects.filter(adult__user=user, child__setting=setting).exists()
    )
    if is_parent:
        return (
            f"{name} is a parent or carer at {setting.name}, so they cannot also be a visiting professional "
            "here. Use a different person or email address."
        )
    return ""


def invite_professional(
    *,
    actor: User,
    setting: Setting,
    first_name: str,
    last_name: str,
    email: str,
    job_title: str,
    agency: Agency | None = None,
    phone: str = "",
) -> Professional:
    """Make a visiting professional's account (no usable password) and email them an invitation."""
    require(actor, PROFESSIONALS, setting)
    first_name, last_name, job_title, phone = _text(first_name), _text(last_name), _text(job_title), _text(phone)
    email = _text(email).lower()
    errors: dict[str, str] = {}
    if not first_name:
        errors["first_name"] = "Give the professional's first name."
    if not last_name:
        errors["last_name"] = "Give the professional's last name."
    if not email:
        errors["email"] = "Give the professional's work email address: their invitation is sent there."
    if not job_title:
        errors["job_title"] = "Give their job title, for example: speech and language therapist."
    if agency is not None and agency.setting_id != setting.pk:
        errors["agency"] = "Choose an agency from this setting's directory."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        user = User.objects.select_for_update().filter(email__iexact=email).first()
        if user is not None:
            problem = _existing_user_problem(user, setting)
            if problem:
                raise ValidationError({"email": problem})
        else:
            user = User.objects.create_user(email=email, password=None, first_name=first_name, last_name=last_name)
        professional = Professional.objects.create(
            user=user, setting=setting, agency=agency, job_title=job_title, phone=phone, invited_by=actor
        )
        audit.record("agencies.visits.professional_invited", actor, obj=professional, setting_id=setting.pk)
        _new_invitation(actor, professional)
    return professional


def _new_invitation(actor: User, professional: Professional) -> ProfessionalInvitation:
    from ..tasks_visits import send_professional_invitation

    now = timezone.now()
    # Any earlier invitation still open stops working: only the newest link signs in.
    ProfessionalInvitation.objects.filter(professional=professional, accepted_at=None, revoked_at=None).update(
        revoked_at=now
    )
    invitation = ProfessionalInvitation.objects.create(
        professional=professional,
        # a placeholder nobody holds: the task makes the real token, so it is never stored
        token_hash=ProfessionalInvitation.hash_token(secrets.token_urlsafe(32)),
        created_by=actor,
        created_at=now,
        expires_at=now + dt.timedelta(days=INVITATION_DAYS),
    )
    invitation_id = invitation.pk
    transaction.on_commit(lambda: send_professional_invitation.enqueue(invitation_id))
    return invitation


def invite_again(*, actor: User, professional: Professional) -> ProfessionalInvitation:
    """A new invitation for a professional who has not made their sign-in yet (the old link stops working)."""
    require(actor, PROFESSIONAL_MANAGE, professional)
    with transaction.atomic():
        locked = Professional.objects.select_for_update(of=("self",)).select_related("user").get(pk=professional.pk)
        if not locked.active:
            raise ValidationError("This professional's account is deactivated: reactivate it first.")
        if locked.user.has_usable_password():
            raise ValidationError("They have already made their sign-in: they sign in with their email and password.")
        invitation = _new_invitation(actor, locked)
        audit.record("agencies.visits.professional_reinvited", actor, obj=locked, setting_id=locked.setting_id)
    return invitation


def issue_invitation_token(invitation: ProfessionalInvitation) -> str:
    """Make the secret for an invitation (in the task that emails it): only its hash is kept."""
    token = secrets.token_urlsafe(32)
    ProfessionalInvitation.objects.filter(pk=invitation.pk).update(token_hash=ProfessionalInvitation.hash_token(token))
    return token


INVITATION_PROBLEMS = {
    "used": "This invitation has already been used. Sign in with your email and password.",
    "revoked": "This invitation no longer works. Use the link in the latest email, or ask the setting for a new one.",
    "expired": "This invitation has expired. Ask the setting to send you a new one.",
}


def find_invitation(token: str) -> ProfessionalInvitation:
    """The open invitation for ``token``, or :class:`InvitationError` with a message for its holder."""
    invitation = (
        ProfessionalInvitation.objects.select_related("professional__user", "professional__setting")
        .filter(token_hash=ProfessionalInvitation.hash_token(token or ""))
        .first()
    )
    if invitation is None or not token:
        raise InvitationError("This invitation link is not valid. Check you used the whole link from the email.")
    state = invitation_state(invitation)
    if state != "open":
        raise InvitationError(INVITATION_PROBLEMS[state])
    return invitation


def accept_invitation(*, token: str, password: str) -> User:
    """Set the professional's password. Single use: a second try fails. Someone who already signs in
    to Tandem keeps their password (``password`` is then not used)."""
    with transaction.atomic():
        found = find_invitation(token)
        invitation = ProfessionalInvitation.objects.select_for_update().get(pk=found.pk)
        if invitation_state(invitation) != "open":
            raise InvitationError(INVITATION_PROBLEMS["used"])
        user = User.objects.select_for_update().get(pk=found.professional.user_id)
        if not user.has_usable_password():
            user.set_password(password)
            user.save(update_fields=["password"])
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        audit.record(
            "agencies.visits.invitation_accepted", user, obj=invitation, setting_id=found.professional.setting_id
        )
    return user


def set_professional_active(*, actor: User, professional: Professional, active: bool) -> Professional:
    """Deactivate a professional (no visit gives them anything, their invitation stops working) or
    reactivate them."""
    require(actor, PROFESSIONAL_MANAGE, professional)
    with transaction.atomic():
        locked = Professional.objects.select_for_update().get(pk=professional.pk)
        if locked.active == active:
            raise ValidationError("This professional is already active." if active else "Already deactivated.")
        locked.active = active
        locked.save(update_fields=["active"])
        if not active:
            ProfessionalInvitation.objects.filter(professional=locked, accepted_at=None, revoked_at=None).update(
                revoked_at=timezone.now()
            )
        event = "agencies.visits.professional_reactivated" if active else "agencies.visits.professional_deactivated"
        audit.record(event, actor, obj=locked, setting_id=locked.setting_id)
    return locked


# --- booking -----------------------------------------------------------------------------------------


def supervisor_problem(child: Child, supervisor: User | None) -> str:
    """Why this person cannot supervise a visit to the child ("" if they can): an active member of the
    child's setting who may see the child (key person, a practitioner of the child's room, a leader)."""
    if supervisor is None:
        return "Choose the member of staff who will stay with the professional."
    name = supervisor.get_full_name() or "They"
    if not possible_supervisors(child).filter(pk=supervisor.pk).exists():
        return (
            f"{name} cannot supervise this visit: choose {child.first_name}'s key person, a practitioner of "
            f"{child.first_name}'s room, or one of the setting's leaders."
        )
    if not can(supervisor, CHILD_VIEW, child):
        return f"{name} may not see {child.first_name}'s record, so cannot supervise this visit."
    return ""


def share_problem(child: Child, professional: Professional | None, share: Share | None) -> str:
    """Why the visit cannot read this share pack ("" if it can)."""
    if share is None:
        return ""
    if share.child_id != child.pk:
        return "Choose information shared about this child."
    if professional is None or share.professional_id != professional.user_id:
        return "Choose information shared with this professional: the share pack names who it is for."
    if share.status != Share.Status.SHARED or share.revoked_at is not None:
        return "That share pack has not been recorded as shared, or it was revoked: choose another."
    return ""


def _window_errors(starts_at: dt.datetime | None, ends_at: dt.datetime | None, now: dt.datetime) -> dict[str, str]:
    errors: dict[str, str] = {}
    if starts_at is None:
        errors["starts_at"] = "Say when the visit starts."
    if ends_at is None:
        errors["ends_at"] = "Say when the visit ends."
    if starts_at is None or ends_at is None:
        return errors
    if starts_at < now - START_GRACE:
        errors["starts_at"] = "The visit cannot start in the past."
    if ends_at <= starts_at:
        errors["ends_at"] = "The visit must end after it starts."
    elif ends_at - starts_at > MAX_WINDOW:
        errors["ends_at"] = "A visit can last at most 12 hours: book another visit for another day."
    return errors


def book_visit(
    *,
    actor: User,
    child: Child,
    professional: Professional | None,
    supervisor: User | None,
    starts_at: dt.datetime | None,
    ends_at: dt.datetime | None,
    purpose: str,
    share: Share | None = None,
) -> Visit:
    """Book a professional's visit to one child, with a named supervisor and a window. The supervisor
    and the family (adults with parental responsibility) are told; the professional is emailed."""
    require(actor, VISIT_BOOK, child)
    purpose = _text(purpose)
    errors = _window_errors(starts_at, ends_at, timezone.now())
    if professional is None or professional.setting_id != child.setting_id:
        errors["professional"] = "Choose a visiting professional of this setting."
    elif not professional.active:
        errors["professional"] = "This professional's account is deactivated: reactivate it first."
    if problem := supervisor_problem(child, supervisor):
        errors["supervisor"] = problem
    if not purpose:
        errors["purpose"] = "Say why the professional is visiting."
    if problem := share_problem(child, professional, share):
        errors["share"] = problem
    if errors:
        raise ValidationError(errors)
    assert professional is not None and supervisor is not None and starts_at and ends_at
    with transaction.atomic():
        # One booking at a time for a professional, so two overlapping visits cannot both be made.
        Professional.objects.select_for_update().filter(pk=professional.pk).first()
        clash = (
            Visit.objects.filter(
                professional=professional, cancelled_at__isnull=True, starts_at__lt=ends_at, ends_at__gt=starts_at
            )
            .order_by("starts_at")
            .first()
        )
        if clash is not None:
            raise ValidationError(
                {
                    "starts_at": f"{professional.user.get_full_name()} already has a visit booked then "
                    f"({window_text(clash.starts_at, clash.ends_at)}). Choose another time."
                }
            )
        visit = Visit.objects.create(
            child=child,
            professional=professional,
            supervisor=supervisor,
            purpose=purpose,
            starts_at=starts_at,
            ends_at=ends_at,
            share=share,
            booked_by=actor,
        )
        _audit("agencies.visits.booked", actor, visit, child.setting_id)
        _tell(visit, child, professional, "booked")
    return visit


def _family_user_ids(child: Child) -> list[int]:
    """Adults with parental responsibility who sign in, whom no restriction keeps from information or contact."""
    return family_user_ids(child_ids=[child.pk], parental_responsibility=True, contact=True, include_left=True)


def _tell(visit: Visit, child: Child, professional: Professional, event: str) -> None:
    """Tell the supervisor and the family, and email the professional (after commit)."""
    from ..tasks_visits import email_visit

    first = child.preferred_name or child.first_name
    when = window_text(visit.starts_at, visit.ends_at)
    who = f"{professional.user.get_full_name()}, {professional.job_title}"
    if professional.agency_id and professional.agency:
        who += f" ({professional.agency.name})"
    supervisor_name = visit.supervisor.get_full_name()
    if event == "booked":
        staff_title = f"You are supervising a visit to {first}: {when}"
        staff_body = f"{who} will see {first}. Stay with them, and record their arrival and departure in Tandem."
        family_title = f"A visiting professional will see {first} on {when}"
        family_body = f"{who} will visit {first} at {child.setting.name}. {supervisor_name} will stay with them."
    else:
        staff_title = f"Visit cancelled: {first}, {when}"
        staff_body = f"The visit by {who} is cancelled."
        family_title = f"A visit to {first} is cancelled: {when}"
        family_body = f"The visit by {who} to {first} at {child.setting.name} will not take place."
    notify(
        kind=SUPERVISOR_KIND,
        user_ids=[visit.supervisor_id],
        title=staff_title,
        body=staff_body,
        url=reverse("agencies:visit", args=[visit.pk]),
        setting_id=child.setting_id,
    )
    notify(
        kind=FAMILY_KIND,
        user_ids=_family_user_ids(child),
        title=family_title,
        body=family_body,
        url=child.get_absolute_url(),
        setting_id=child.setting_id,
    )
    visit_id = visit.pk
    transaction.on_commit(lambda: email_visit.enqueue(visit_id, event))


def cancel_visit(*, actor: User, visit: Visit) -> Visit:
    """Cancel a visit that has not started yet (or whose professional has not arrived)."""
    require(actor, VISIT_MANAGE, visit)
    with transaction.atomic():
        locked = (
            Visit.objects.select_for_update(of=("self",))
            .select_related("child__setting", "professional__user", "professional__agency", "supervisor")
            .get(pk=visit.pk)
        )
        if locked.cancelled_at is not None:
            raise ValidationError("This visit is already cancelled.")
        if locked.arrived_at is not None:
            raise ValidationError("The professional has arrived: record their departure instead.")
        if locked.ends_at <= timezone.now():
            raise ValidationError("This visit's time has passed, so it cannot be cancelled.")
        locked.cancelled_at = timezone.now()
        locked.save(update_fields=["cancelled_at"])
        _audit("agencies.visits.cancelled", actor, locked, locked.child.setting_id)
        _tell(locked, locked.child, locked.professional, "cancelled")
    return locked


def set_visit_share(*, actor: User, visit: Visit, share: Share | None) -> Visit:
    """Choose (or take away) the share pack the professional may read during the visit."""
    require(actor, VISIT_MANAGE, visit)
    with transaction.atomic():
        locked = Visit.objects.select_for_update(of=("self",)).select_related("child", "professional").get(pk=visit.pk)
        if locked.cancelled_at is not None or locked.departed_at is not None or locked.ends_at <= timezone.now():
            raise ValidationError("This visit is over or cancelled: its share pack cannot change.")
        if problem := share_problem(locked.child, locked.professional, share):
            raise ValidationError({"share": problem})
        locked.share = share
        locked.save(update_fields=["share"])
        _audit("agencies.visits.share_changed", actor, locked, locked.child.setting_id)
    return locked


# --- the visit log -----------------------------------------------------------------------------------


def _locked_for_log(actor: User, visit: Visit) -> Visit:
    require(actor, VISIT_LOG, visit)
    locked = Visit.objects.select_for_update(of=("self",)).select_related("child", "professional").get(pk=visit.pk)
    if locked.cancelled_at is not None:
        raise ValidationError("This visit was cancelled.")
    return locked


def record_arrival(*, actor: User, visit: Visit) -> Visit:
    """The supervisor (or a leader) records that the professional has arrived: only inside the window.
    From now until their departure or the window's end, the professional sees the child's shared items."""
    with transaction.atomic():
        locked = _locked_for_log(actor, visit)
        now = timezone.now()
        if locked.arrived_at is not None:
            raise ValidationError("Their arrival is already recorded.")
        if not locked.professional.active:
            raise ValidationError("This professional's account is deactivated: they cannot be let in.")
        if not (locked.starts_at <= now < locked.ends_at):
            raise ValidationError(
                "You can record the arrival only during the visit's booked time: "
                f"{window_text(locked.starts_at, locked.ends_at)}."
            )
        locked.arrived_at, locked.arrival_recorded_by = now, actor
        locked.save(update_fields=["arrived_at", "arrival_recorded_by"])
        _audit("agencies.visits.arrived", actor, locked, locked.child.setting_id)
    return locked


def record_departure(*, actor: User, visit: Visit) -> Visit:
    """The professional has left: from now they see nothing of the child."""
    with transaction.atomic():
        locked = _locked_for_log(actor, visit)
        if locked.arrived_at is None:
            raise ValidationError("Record their arrival first.")
        if locked.departed_at is not None:
            raise ValidationError("Their departure is already recorded.")
        locked.departed_at, locked.departure_recorded_by = timezone.now(), actor
        locked.save(update_fields=["departed_at", "departure_recorded_by"])
        _audit("agencies.visits.departed", actor, locked, locked.child.setting_id)
    return locked


def save_note(*, actor: User, visit: Visit, notes: str) -> Visit:
    """The supervisor's note of the visit (what happened, what was agreed)."""
    with transaction.atomic():
        locked = _locked_for_log(actor, visit)
        locked.notes = _text(notes)
        locked.save(update_fields=["notes"])
        _audit("agencies.visits.noted", actor, locked, locked.child.setting_id)
    return locked
