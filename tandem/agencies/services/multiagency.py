"""Every write of multi-agency work (R52): keyword-only, one transaction, audited.

A referral to a service of children's social care is a safeguarding referral; child in need
meetings, child protection conferences and core group meetings are safeguarding meetings. Both are
set here, never chosen, are seen only under the protection rules, and are never shared with the
family. The family is told when a meeting's notes, or an action, are shared with them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import require
from tandem.core.models import User
from tandem.people.models import Child

from ..actions.multiagency import ACTION_DONE, MEETING_MANAGE, MULTIAGENCY_RECORD, REFERRAL_MANAGE
from ..models import Agency, AgencyAction, AgencyMeeting, Referral, Share
from ..selectors import multiagency as selectors
from ..selectors.multiagency import SAFEGUARDING_KINDS

SHARED_KIND = "agencies.multiagency.shared"
SAFEGUARDING_ONLY = "Only the DSL, the manager and the key person can record {what}."


def _audit(
    event: str, actor: User, child_id: int, setting_id: int, obj: Referral | AgencyMeeting | AgencyAction
) -> None:
    audit.record(event, actor, child_ids=[child_id], obj=obj, setting_id=setting_id)


def _text(value: str | None, field: str, message: str, limit: int = 20000) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: message})
    return text[:limit]


def _not_future(day: dt.date | None, field: str, what: str) -> dt.date:
    if day is None:
        raise ValidationError({field: f"Enter the date {what}."})
    if day > timezone.localdate():
        raise ValidationError({field: f"The date {what} cannot be in the future."})
    return day


def _child_name(child: Child) -> str:
    return child.preferred_name or child.first_name


def _tell_family(child: Child, title: str, body: str) -> None:
    from tandem.comms.services.notifications import notify

    notify(
        kind=SHARED_KIND,
        user_ids=selectors.family_user_ids(child),
        title=title,
        body=body,
        url=reverse("agencies:multiagency_family", args=[child.pk]),
        setting_id=child.setting_id,
    )


def _tell_family_of_notes(meeting: AgencyMeeting) -> None:
    name = _child_name(meeting.child)
    _tell_family(
        meeting.child,
        f"Notes from the meeting about {name} with other services",
        f"The notes of the meeting about {name} with other services are ready to read in Tandem, under "
        f"'Working with other services'.",
    )


# --- referrals ----------------------------------------------------------------------------------------
def record_referral(
    *,
    actor: User,
    child: Child,
    agency: Agency | None,
    reason: str,
    made_on: dt.date | None,
    share: Share | None = None,
    shared_with_family: bool = True,
) -> Referral:
    require(actor, MULTIAGENCY_RECORD, child)
    if agency is None or agency.setting_id != child.setting_id or not agency.active:
        raise ValidationError({"agency": "Choose a service from the setting's directory."})
    text = _text(reason, "reason", "Say why the child is referred.")
    day = _not_future(made_on, "made_on", "the referral was made")
    safeguarding = agency.category == Agency.Category.SOCIAL_CARE
    if safeguarding and not selectors.may_safeguard(actor, child):
        raise ValidationError({"agency": SAFEGUARDING_ONLY.format(what="a referral to children's social care")})
    if share is not None and not selectors.share_choices(actor, child).filter(pk=share.pk).exists():
        raise ValidationError({"share": "Choose a share of this child's information that was made."})
    with transaction.atomic():
        referral = Referral.objects.create(
            child=child,
            agency=agency,
            reason=text,
            made_on=day,
            share=share,
            safeguarding=safeguarding,
            shared_with_family=bool(shared_with_family) and not safeguarding,
            made_by=actor,
        )
        _audit("agencies.multiagency.referral.recorded", actor, child.pk, child.setting_id, referral)
    return referral


def update_referral(
    *, actor: User, referral: Referral, status: str, outcome: str = "", shared_with_family: bool = False
) -> Referral:
    require(actor, REFERRAL_MANAGE, referral)
    if status not in Referral.Status.values:
        raise ValidationError({"status": "Choose where the referral is."})
    with transaction.atomic():
        locked = Referral.objects.select_for_update(of=("self",)).select_related("child").get(pk=referral.pk)
        locked.status = status
        locked.outcome = (outcome or "").strip()[:4000]
        locked.shared_with_family = bool(shared_with_family) and not locked.safeguarding
        locked.save(update_fields=["status", "outcome", "shared_with_family"])
        _audit("agencies.multiagency.referral.updated", actor, locked.child_id, locked.child.setting_id, locked)
    return locked


# --- meetings -----------------------------------------------------------------------------------------
def record_meeting(
    *,
    actor: User,
    child: Child,
    kind: str,
    held_at: dt.datetime | None,
    attendees: str,
    venue: str = "",
    notes: str = "",
    shared_with_family: bool = True,
) -> AgencyMeeting:
    require(actor, MULTIAGENCY_RECORD, child)
    if kind not in AgencyMeeting.Kind.values:
        raise ValidationError({"kind": "Choose the kind of meeting."})
    safeguarding = kind in SAFEGUARDING_KINDS
    if safeguarding and not selectors.may_safeguard(actor, child):
        raise ValidationError({"kind": SAFEGUARDING_ONLY.format(what="this kind of meeting")})
    if held_at is None:
        raise ValidationError({"held_at": "Enter the date and time of the meeting."})
    who = _text(attendees, "attendees", "Say who came, or who is coming.", 4000)
    shared = bool(shared_with_family) and not safeguarding
    with transaction.atomic():
        meeting = AgencyMeeting.objects.create(
            child=child,
            kind=kind,
            held_at=held_at,
            venue=(venue or "").strip()[:200],
            attendees=who,
            notes=(notes or "").strip()[:20000],
            safeguarding=safeguarding,
            shared_with_family=shared,
            recorded_by=actor,
        )
        _audit("agencies.multiagency.meeting.recorded", actor, child.pk, child.setting_id, meeting)
        if shared and meeting.notes:
            _tell_family_of_notes(meeting)
    return meeting


def change_meeting(
    *,
    actor: User,
    meeting: AgencyMeeting,
    held_at: dt.datetime | None,
    attendees: str,
    venue: str = "",
    notes: str = "",
    shared_with_family: bool = False,
) -> AgencyMeeting:
    require(actor, MEETING_MANAGE, meeting)
    if held_at is None:
        raise ValidationError({"held_at": "Enter the date and time of the meeting."})
    who = _text(attendees, "attendees", "Say who came, or who is coming.", 4000)
    with transaction.atomic():
        locked = AgencyMeeting.objects.select_for_update(of=("self",)).select_related("child").get(pk=meeting.pk)
        was_seen = locked.shared_with_family and bool(locked.notes)
        old_notes = locked.notes
        locked.held_at = held_at
        locked.attendees = who
        locked.venue = (venue or "").strip()[:200]
        locked.notes = (notes or "").strip()[:20000]
        locked.shared_with_family = bool(shared_with_family) and not locked.safeguarding
        locked.save(update_fields=["held_at", "attendees", "venue", "notes", "shared_with_family"])
        _audit("agencies.multiagency.meeting.changed", actor, locked.child_id, locked.child.setting_id, locked)
        if locked.shared_with_family and locked.notes and (not was_seen or locked.notes != old_notes):
            _tell_family_of_notes(locked)
    return locked


def add_action(
    *,
    actor: User,
    meeting: AgencyMeeting,
    action: str,
    owner: str,
    due_on: dt.date | None = None,
    visible_to_family: bool = True,
) -> AgencyAction:
    require(actor, MEETING_MANAGE, meeting)
    text = _text(action, "action", "Say what the action is.", 2000)
    who = _text(owner, "owner", "Say who does it.", 200)
    with transaction.atomic():
        locked = AgencyMeeting.objects.select_for_update(of=("self",)).select_related("child").get(pk=meeting.pk)
        row = AgencyAction.objects.create(
            meeting=locked, action=text, owner=who, due_on=due_on, visible_to_family=bool(visible_to_family)
        )
        _audit("agencies.multiagency.action.added", actor, locked.child_id, locked.child.setting_id, row)
        if row.visible_to_family and locked.shared_with_family and not locked.safeguarding:
            name = _child_name(locked.child)
            _tell_family(
                locked.child,
                f"A new action from the meeting about {name} with other services",
                f"An action agreed at the meeting about {name} with other services has been added. You can read "
                "it in Tandem, under 'Working with other services'.",
            )
    return row


def complete_action(*, actor: User, action: AgencyAction, note: str = "") -> AgencyAction:
    require(actor, ACTION_DONE, action)
    with transaction.atomic():
        locked = AgencyAction.objects.select_for_update(of=("self",)).select_related("meeting__child").get(pk=action.pk)
        if locked.done_at is not None:
            raise ValidationError("This action is already marked done.")
        locked.done_at = timezone.now()
        locked.done_note = (note or "").strip()[:2000]
        locked.save(update_fields=["done_at", "done_note"])
        child = locked.meeting.child
        _audit("agencies.multiagency.action.done", actor, child.pk, child.setting_id, locked)
    return locked


def record_safeguarding_read(
    *, actor: User, child_ids: Iterable[int], setting_id: int | None, obj: models.Model | None = None
) -> None:
    """A page showed these children's safeguarding referrals or meetings: record the read."""
    ids = sorted(set(child_ids))
    if ids:
        audit.record("agencies.multiagency.safeguarding.viewed", actor, child_ids=ids, obj=obj, setting_id=setting_id)
