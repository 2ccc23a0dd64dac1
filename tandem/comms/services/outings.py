"""Every write about outings (R29): keyword-only, one transaction, audited.

An outing is planned as a draft, then **announced**: that fixes the children invited (the current
children of its rooms and the children chosen) and tells each of their parents with parental
responsibility, in their language. Those parents give or refuse consent per child (append-only;
the latest answer counts; they may change their mind until it starts). A local outing under the
standing consent asks nothing new: the enrolment consent to local outings applies. Staff may send a
reminder to those who have not answered, change the plan (the families are told) or cancel it with
a reason (the families are told). Messages to families go from the task queue after commit.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import HasSettingRole, require
from tandem.core.models import Room, Setting, User
from tandem.core.roles import MANAGERS
from tandem.people.models import Child

from ..actions.outings import OUTING_CONSENT, OUTING_MANAGE, OUTING_PLAN, practitioner_rooms
from ..models.outings import Outing, OutingConsent
from ..selectors.outings import invited_children, unanswered_children

DETAILS = ("title", "purpose", "place", "transport", "starts_at", "ends_at", "reply_by", "risk_assessment")
NOT_OURS = "Choose only rooms and children of this setting."
OWN_ROOM = "You can plan outings for your own room only: ask the manager to plan one for other rooms or children."


def _may_plan_any_room(actor: User, setting_id: int) -> bool:
    return setting_id in HasSettingRole(*MANAGERS, setting="").setting_ids(actor)


def _value(data: dict[str, Any], name: str) -> Any:
    if name in ("starts_at", "ends_at", "reply_by"):
        return data.get(name) or None
    return (data.get(name) or "").strip()


def _check_details(data: dict[str, Any], *, new: bool) -> None:
    errors: dict[str, str] = {}
    for name, message in (
        ("title", "Give the outing a short title."),
        ("purpose", "Say why you are going and what the children will get from it."),
        ("place", "Say where you are going."),
        ("transport", "Say how you will get there."),
    ):
        if not (data.get(name) or "").strip():
            errors[name] = message
    starts, ends = data.get("starts_at"), data.get("ends_at")
    if starts and ends and ends <= starts:
        errors["ends_at"] = "The outing must end after it starts."
    if starts and new and starts <= timezone.now():
        errors["starts_at"] = "Choose a time in the future."
    reply_by = data.get("reply_by")
    if reply_by and starts and reply_by > timezone.localtime(starts).date():
        errors["reply_by"] = "Ask for replies on or before the day of the outing."
    if errors:
        raise ValidationError(errors)


def _check_who(actor: User, setting: Setting, rooms: list[Room], children: list[Child]) -> None:
    if any(r.setting_id != setting.pk for r in rooms) or any(c.setting_id != setting.pk for c in children):
        raise ValidationError(NOT_OURS)
    if not rooms and not children:
        raise ValidationError({"rooms": "Choose a room, or the children who are going."})
    if not _may_plan_any_room(actor, setting.pk):
        mine = set(practitioner_rooms(actor))
        if any(r.pk not in mine for r in rooms) or any(c.room_id not in mine for c in children):
            raise ValidationError(OWN_ROOM)


def _record(event: str, actor: User, outing: Outing, child_ids: list[int] | None = None) -> None:
    audit.record(event, actor, child_ids=child_ids or [], obj=outing, setting_id=outing.setting_id)


def create_outing(
    *, actor: User, setting: Setting, data: dict[str, Any], rooms: list[Room], children: list[Child]
) -> Outing:
    """A new outing, as a draft: nothing is sent until it is announced."""
    require(actor, OUTING_PLAN, setting)
    _check_details(data, new=True)
    _check_who(actor, setting, rooms, children)
    if data.get("consent_mode") not in Outing.ConsentMode.values:
        raise ValidationError({"consent_mode": "Choose how consent is given for this outing."})
    with transaction.atomic():
        outing = Outing.objects.create(
            setting=setting,
            consent_mode=data["consent_mode"],
            created_by=actor,
            **{k: _value(data, k) for k in DETAILS},
        )
        outing.rooms.set(rooms)
        outing.children.set(children)
        _record("comms.outing.created", actor, outing, [c.pk for c in children])
    return outing


def update_outing(
    *,
    actor: User,
    outing: Outing,
    data: dict[str, Any],
    rooms: list[Room] | None = None,
    children: list[Child] | None = None,
) -> Outing:
    """Change the plan. Before it is announced the rooms, children and consent mode may change too;
    after, only the details, and the families are told."""
    require(actor, OUTING_MANAGE, outing)
    with transaction.atomic():
        locked = Outing.objects.select_for_update().get(pk=outing.pk)
        if locked.cancelled_at:
            raise ValidationError("This outing has been cancelled.")
        announced = locked.announced_at is not None
        if announced and locked.starts_at <= timezone.now():
            raise ValidationError("This outing has started: it can no longer be changed.")
        _check_details(data, new=not announced)
        changed = [k for k in DETAILS if getattr(locked, k) != _value(data, k)]
        for k in DETAILS:
            setattr(locked, k, _value(data, k))
        fields = list(DETAILS)
        if not announced:
            if data.get("consent_mode") not in Outing.ConsentMode.values:
                raise ValidationError({"consent_mode": "Choose how consent is given for this outing."})
            locked.consent_mode = data["consent_mode"]
            fields.append("consent_mode")
            _check_who(actor, locked.setting, rooms or [], children or [])
            locked.rooms.set(rooms or [])
            locked.children.set(children or [])
        tell = announced and bool(set(changed) - {"risk_assessment"})
        if tell:
            locked.sequence += 1
            fields.append("sequence")
        locked.save(update_fields=fields)
        _record("comms.outing.changed", actor, locked)
        if tell:
            from ..tasks_outings import outing_changed

            transaction.on_commit(lambda: outing_changed.enqueue(locked.pk))
    return locked


def announce(*, actor: User, outing: Outing) -> Outing:
    """Fix the children invited and tell their parents with parental responsibility."""
    require(actor, OUTING_MANAGE, outing)
    with transaction.atomic():
        locked = Outing.objects.select_for_update().get(pk=outing.pk)
        if locked.cancelled_at:
            raise ValidationError("This outing has been cancelled.")
        if locked.announced_at:
            raise ValidationError("This outing has already been announced.")
        if locked.starts_at <= timezone.now():
            raise ValidationError("This outing is in the past: change its date before announcing it.")
        children = list(invited_children(locked).values_list("pk", flat=True))
        if not children:
            raise ValidationError("No child is invited: choose a room with children in it, or some children.")
        locked.children.set(children)
        locked.announced_at = timezone.now()
        locked.save(update_fields=["announced_at"])
        _record("comms.outing.announced", actor, locked, children)
        from ..tasks_outings import outing_announced

        transaction.on_commit(lambda: outing_announced.enqueue(locked.pk))
    return locked


def decide(*, actor: User, outing: Outing, child: Child, given: bool, note: str = "") -> OutingConsent:
    """A parent with parental responsibility gives or refuses consent for their child."""
    require(actor, OUTING_CONSENT, child)
    outing = Outing.objects.get(pk=outing.pk)  # as it stands now
    if outing.announced_at is None or not outing.children.filter(pk=child.pk).exists():
        raise ValidationError(f"{child.first_name} is not invited to this outing.")
    if outing.cancelled_at:
        raise ValidationError("This outing has been cancelled.")
    if outing.consent_mode != Outing.ConsentMode.EACH:
        raise ValidationError(
            "This is a local outing: the consent to local outings you gave when your child joined applies. "
            "You can change that consent on the Consents page."
        )
    if outing.starts_at <= timezone.now():
        raise ValidationError("This outing has started: please speak to the staff.")
    note = (note or "").strip()
    if len(note) > 300:
        raise ValidationError({"note": "Keep the note to 300 characters."})
    with transaction.atomic():
        answer = OutingConsent.objects.create(
            outing=outing, child=child, given=given, decided_by=actor, decided_at=timezone.now(), note=note
        )
        _record(f"comms.outing.consent_{'given' if given else 'refused'}", actor, outing, [child.pk])
    return answer


def remind(*, actor: User, outing: Outing) -> int:
    """Remind the parents of the children no one has answered for. Returns how many children."""
    require(actor, OUTING_MANAGE, outing)
    outing = Outing.objects.get(pk=outing.pk)  # as it stands now
    if outing.announced_at is None:
        raise ValidationError("Announce the outing first.")
    if outing.cancelled_at:
        raise ValidationError("This outing has been cancelled.")
    if outing.starts_at <= timezone.now():
        raise ValidationError("This outing has started.")
    waiting = unanswered_children(outing)
    if not waiting:
        raise ValidationError("Every family has answered: there is no one to remind.")
    with transaction.atomic():
        _record("comms.outing.reminded", actor, outing, waiting)
        from ..tasks_outings import outing_reminder

        transaction.on_commit(lambda: outing_reminder.enqueue(outing.pk))
    return len(waiting)


def cancel(*, actor: User, outing: Outing, reason: str) -> Outing:
    """Cancel the outing with a reason; the families of an announced outing are told."""
    require(actor, OUTING_MANAGE, outing)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the outing is cancelled: the families will read it."})
    if len(reason) > 300:
        raise ValidationError({"reason": "Keep the reason to 300 characters."})
    with transaction.atomic():
        locked = Outing.objects.select_for_update().get(pk=outing.pk)
        if locked.cancelled_at:
            raise ValidationError("This outing has already been cancelled.")
        locked.cancelled_at, locked.cancel_reason = timezone.now(), reason
        locked.sequence += 1
        locked.save(update_fields=["cancelled_at", "cancel_reason", "sequence"])
        _record("comms.outing.cancelled", actor, locked)
        if locked.announced_at:
            from ..tasks_outings import outing_cancelled

            transaction.on_commit(lambda: outing_cancelled.enqueue(locked.pk))
    return locked


def default_times(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """A morning outing on ``day`` (for the new-outing form)."""
    start = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 30)))
    return start, start + dt.timedelta(hours=2)
