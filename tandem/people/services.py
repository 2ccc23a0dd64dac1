"""Every write about children and families: keyword-only, one transaction, audited."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import require
from tandem.core.models import Setting, User
from tandem.core.roles import SettingRole

from . import actions
from .models import Adult, Child, ChildAdult, Invitation, Need


def _apply(obj: Any, fields: dict[str, Any]) -> list[str]:
    changed = []
    for name, value in fields.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def _check_child(child: Child) -> None:
    """A child's room and key persons belong to the child's own setting, and a key person is
    never a volunteer or student: the key person and room rules open the child's record to them."""
    if child.room is not None and child.room.setting_id != child.setting_id:
        raise ValidationError({"room": "This room belongs to another setting."})
    key_roles = [r for r in SettingRole.values if r != SettingRole.VOLUNTEER]
    for field_name in ("key_person", "backup_key_person"):
        person = getattr(child, field_name)
        if (
            person is not None
            and not person.setting_memberships.filter(setting=child.setting, active=True, role__in=key_roles).exists()
        ):
            raise ValidationError({field_name: "This person cannot be a key person in the child's setting."})


def create_child(*, actor: User, setting: Setting, **fields: Any) -> Child:
    require(actor, actions.CHILD_CREATE, setting)
    child = Child(setting=setting, **fields)
    _check_child(child)
    child.full_clean()
    with transaction.atomic():
        child.save()
        audit.record("people.child.created", actor, child_ids=[child.pk], obj=child, setting_id=setting.pk)
    return child


def update_child(*, actor: User, child: Child, **fields: Any) -> Child:
    require(actor, actions.CHILD_MANAGE, child)
    changed = _apply(child, fields)
    if not changed:
        return child
    _check_child(child)
    child.full_clean()
    with transaction.atomic():
        child.save(update_fields=changed)
        audit.record("people.child.updated", actor, child_ids=[child.pk], obj=child, setting_id=child.setting_id)
    return child


def add_adult_to_child(
    *,
    actor: User,
    child: Child,
    adult: Adult | None = None,
    adult_fields: dict[str, Any] | None = None,
    **link_fields: Any,
) -> ChildAdult:
    """Link an existing adult (of the same setting) or a new one to a child (R1)."""
    require(actor, actions.FAMILY_MANAGE, child)
    with transaction.atomic():
        if adult is None:
            adult = Adult(setting=child.setting, **(adult_fields or {}))
            adult.full_clean()
            adult.save()
            audit.record("people.adult.created", actor, person_ids=[adult.pk], obj=adult, setting_id=child.setting_id)
        elif adult.setting_id != child.setting_id:
            raise ValidationError("This adult belongs to another setting's records.")
        link = ChildAdult(child=child, adult=adult, **link_fields)
        link.full_clean()
        link.save()
        audit.record(
            "people.link.created",
            actor,
            child_ids=[child.pk],
            person_ids=[adult.pk],
            obj=link,
            setting_id=child.setting_id,
        )
    return link


def update_link(*, actor: User, link: ChildAdult, **fields: Any) -> ChildAdult:
    require(actor, actions.FAMILY_MANAGE, link.child)
    changed = _apply(link, fields)
    if changed:
        link.full_clean()
        with transaction.atomic():
            link.save(update_fields=changed)
            audit.record(
                "people.link.updated",
                actor,
                child_ids=[link.child_id],
                person_ids=[link.adult_id],
                obj=link,
                setting_id=link.child.setting_id,
            )
    return link


def update_adult(*, actor: User, adult: Adult, **fields: Any) -> Adult:
    require(actor, actions.ADULT_MANAGE, adult)
    changed = _apply(adult, fields)
    if changed:
        adult.full_clean()
        with transaction.atomic():
            adult.save(update_fields=changed)
            audit.record("people.adult.updated", actor, person_ids=[adult.pk], obj=adult, setting_id=adult.setting_id)
    return adult


def save_need(*, actor: User, child: Child, need: Need | None = None, **fields: Any) -> Need:
    require(actor, actions.NEEDS_MANAGE, child)
    created = need is None
    need = need or Need(child=child)
    if need.child_id != child.pk:
        raise ValidationError("This need belongs to another child.")
    _apply(need, fields)
    need.full_clean()
    with transaction.atomic():
        need.save()
        audit.record(
            "people.need.created" if created else "people.need.updated",
            actor,
            child_ids=[child.pk],
            obj=need,
            setting_id=child.setting_id,
        )
    return need


# --- Invitations ------------------------------------------------------------------------------


def invite_adult(*, actor: User, adult: Adult) -> Invitation:
    """Invite an adult to make their sign-in. The email with the link is sent in the background."""
    from .tasks import send_invitation

    require(actor, actions.ADULT_MANAGE, adult)
    if adult.user_id:
        raise ValidationError("This adult already has a sign-in.")
    if not adult.email:
        raise ValidationError("Add an email address for this adult first.")
    User = get_user_model()
    if User.objects.filter(email__iexact=adult.email).exists():
        raise ValidationError("Someone already signs in with this email address.")
    now = timezone.now()
    with transaction.atomic():
        # Any earlier invitation still open stops working: only the newest link signs in.
        Invitation.objects.filter(adult=adult, accepted_at=None, revoked_at=None).update(revoked_at=now)
        invitation = Invitation.objects.create(
            adult=adult,
            email=adult.email,
            # a placeholder nobody holds: the task makes the real token, so it is never stored
            token_hash=Invitation.hash_token(secrets.token_urlsafe(32)),
            created_by=actor,
            expires_at=now + dt.timedelta(days=settings.TANDEM_INVITATION_DAYS),
        )
        audit.record(
            "people.invitation.created", actor, person_ids=[adult.pk], obj=invitation, setting_id=adult.setting_id
        )
        transaction.on_commit(lambda: send_invitation.enqueue(invitation.pk))
    return invitation


def issue_invitation_token(invitation: Invitation) -> str:
    """Make the secret for an invitation: only its hash is kept."""
    token = secrets.token_urlsafe(32)
    Invitation.objects.filter(pk=invitation.pk).update(token_hash=Invitation.hash_token(token))
    return token


class InvitationError(Exception):
    """An invitation that cannot be used, with a message for the person holding it."""


def find_invitation(token: str) -> Invitation:
    invitation = (
        Invitation.objects.select_related("adult", "adult__setting")
        .filter(token_hash=Invitation.hash_token(token))
        .first()
    )
    if invitation is None:
        raise InvitationError("This invitation link is not valid. Check you used the whole link from the email.")
    state = invitation.state
    if state == "used":
        raise InvitationError("This invitation has already been used. Sign in with your email and password.")
    if state == "revoked":
        raise InvitationError("This invitation was replaced by a newer one. Use the link in the latest email.")
    if state == "expired":
        raise InvitationError("This invitation has expired. Ask the setting to send you a new one.")
    return invitation


def accept_invitation(*, token: str, password: str) -> User:
    """Make the sign-in for the invited adult. Single use: a second try fails."""
    User = get_user_model()
    with transaction.atomic():
        invitation = find_invitation(token)
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.state != "open":
            raise InvitationError("This invitation has already been used. Sign in with your email and password.")
        adult = invitation.adult
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise InvitationError("Someone already signs in with this email address. Sign in instead.")
        user = User.objects.create_user(
            email=invitation.email, password=password, first_name=adult.first_name, last_name=adult.last_name
        )
        adult.user = user
        adult.save(update_fields=["user"])
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        audit.record(
            "people.invitation.accepted", user, person_ids=[adult.pk], obj=invitation, setting_id=adult.setting_id
        )
    return user
