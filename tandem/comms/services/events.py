"""Every write about events and diary dates (R30) and calendar addresses: keyword-only, one
transaction, audited.

An event is written as a draft and published; each change to a published event bumps its
iCalendar ``sequence`` (so calendars update it) and tells those who replied going or maybe.
Replies are one per person, changed in place; "going" is refused when the places (counted in
adults) are taken, checked under a lock on the event so two last replies cannot both get the last
place. A calendar address is a random token shown once; only its SHA-256 is kept.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import require
from tandem.core.models import Room, Setting, User

from ..actions.events import CALENDAR, EVENT_EDIT, EVENT_REPLY, EVENTS_MANAGE
from ..models.events import CalendarFeed, Event, EventReply
from ..selectors.events import is_over, places_taken

FIELDS = (
    "kind",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "all_day",
    "place",
    "access_notes",
    "audience",
    "replies_wanted",
    "capacity",
)
# Changes families who replied are told about (not a typo in the description).
TOLD = ("title", "starts_at", "ends_at", "all_day", "place", "access_notes")
MAX_PEOPLE = 20


def _value(data: dict[str, Any], name: str) -> Any:
    value = data.get(name)
    if name in ("starts_at", "ends_at", "capacity"):
        return value if value not in ("", None) else None
    if name in ("all_day", "replies_wanted"):
        return bool(value)
    return (value or "").strip()


def _check(setting: Setting, data: dict[str, Any], rooms: list[Room]) -> dict[str, Any]:
    values = {name: _value(data, name) for name in FIELDS}
    errors: dict[str, str] = {}
    if not values["title"]:
        errors["title"] = "Give the event a title."
    if values["kind"] not in Event.Kind.values:
        errors["kind"] = "Choose what kind of event it is."
    if values["audience"] not in Event.Audience.values:
        errors["audience"] = "Choose who it is for."
    starts, ends = values["starts_at"], values["ends_at"]
    if starts is None:
        errors["starts_at"] = "Say when it starts."
    elif ends is not None and (ends < starts if values["all_day"] else ends <= starts):
        errors["ends_at"] = "It must end after it starts."
    if values["audience"] == Event.Audience.ROOMS and not rooms:
        errors["rooms"] = "Choose at least one room, or make it for every family."
    if any(r.setting_id != setting.pk for r in rooms):
        errors["rooms"] = "Choose only rooms of this setting."
    if values["capacity"] is not None and not values["replies_wanted"]:
        errors["capacity"] = "Ask for replies to limit the places."
    if errors:
        raise ValidationError(errors)
    return values


def _record(event: str, actor: User, obj: Any, setting_id: int | None) -> None:
    audit.record(event, actor, obj=obj, setting_id=setting_id)


def create_event(
    *, actor: User, setting: Setting, data: dict[str, Any], rooms: list[Room], publish: bool = False
) -> Event:
    """A new event, as a draft (or published at once)."""
    require(actor, EVENTS_MANAGE, setting)
    values = _check(setting, data, rooms)
    with transaction.atomic():
        now = timezone.now()
        event = Event.objects.create(
            setting=setting, created_by=actor, updated_at=now, published_at=now if publish else None, **values
        )
        event.rooms.set(rooms if values["audience"] == Event.Audience.ROOMS else [])
        _record("comms.event.created", actor, event, setting.pk)
        if publish:
            _record("comms.event.published", actor, event, setting.pk)
    return event


def update_event(*, actor: User, event: Event, data: dict[str, Any], rooms: list[Room]) -> Event:
    """Change an event. A change to a published event bumps its sequence and, when it changes the
    time or the place, tells those who replied going or maybe."""
    require(actor, EVENT_EDIT, event)
    values = _check(event.setting, data, rooms)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.cancelled_at:
            raise ValidationError("This event has been cancelled.")
        changed = [name for name in FIELDS if getattr(locked, name) != values[name]]
        old_rooms = set(locked.rooms.values_list("pk", flat=True))
        new_rooms = {r.pk for r in rooms} if values["audience"] == Event.Audience.ROOMS else set()
        if not changed and old_rooms == new_rooms:
            return locked
        for name, value in values.items():
            setattr(locked, name, value)
        locked.updated_at = timezone.now()
        fields = [*FIELDS, "updated_at"]
        if locked.published_at:
            locked.sequence += 1
            fields.append("sequence")
        locked.save(update_fields=fields)
        locked.rooms.set(new_rooms)
        _record("comms.event.changed", actor, locked, locked.setting_id)
        if locked.published_at and set(changed) & set(TOLD):
            from ..tasks_events import event_changed

            transaction.on_commit(lambda: event_changed.enqueue(locked.pk))
    return locked


def publish_event(*, actor: User, event: Event) -> Event:
    require(actor, EVENT_EDIT, event)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.cancelled_at:
            raise ValidationError("This event has been cancelled.")
        if locked.published_at:
            raise ValidationError("This event is already published.")
        locked.published_at = locked.updated_at = timezone.now()
        locked.save(update_fields=["published_at", "updated_at"])
        _record("comms.event.published", actor, locked, locked.setting_id)
    return locked


def cancel_event(*, actor: User, event: Event) -> Event:
    """Cancel the event: calendars show it cancelled, and those who replied going or maybe are told."""
    require(actor, EVENT_EDIT, event)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.cancelled_at:
            raise ValidationError("This event has already been cancelled.")
        locked.cancelled_at = locked.updated_at = timezone.now()
        locked.sequence += 1
        locked.save(update_fields=["cancelled_at", "updated_at", "sequence"])
        _record("comms.event.cancelled", actor, locked, locked.setting_id)
        if locked.published_at:
            from ..tasks_events import event_cancelled

            transaction.on_commit(lambda: event_cancelled.enqueue(locked.pk))
    return locked


def reply(*, actor: User, event: Event, answer: str, adults: int = 1, children: int = 0, note: str = "") -> EventReply:
    """The family's reply: going, maybe or not going, with numbers and a note. Changed in place."""
    require(actor, EVENT_REPLY, event)
    if not event.replies_wanted:
        raise ValidationError("This event does not ask for replies.")
    if answer not in EventReply.Answer.values:
        raise ValidationError({"answer": "Choose going, maybe or not going."})
    note = (note or "").strip()
    errors: dict[str, str] = {}
    if not 0 <= adults <= MAX_PEOPLE:
        errors["adults"] = f"Give a number of adults from 0 to {MAX_PEOPLE}."
    if not 0 <= children <= MAX_PEOPLE:
        errors["children"] = f"Give a number of children from 0 to {MAX_PEOPLE}."
    if answer != EventReply.Answer.NOT_GOING and not errors and adults + children == 0:
        errors["adults"] = "Say how many of you are coming."
    if len(note) > 300:
        errors["note"] = "Keep the note to 300 characters."
    if errors:
        raise ValidationError(errors)
    if answer == EventReply.Answer.NOT_GOING:
        adults = children = 0
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.cancelled_at:
            raise ValidationError("This event has been cancelled.")
        if is_over(locked):
            raise ValidationError("This event is over.")
        if answer == EventReply.Answer.GOING and locked.capacity is not None:
            left = locked.capacity - places_taken(locked, excluding_user=actor)
            if adults > left:
                raise ValidationError(
                    {
                        "adults": "Sorry, the event is full."
                        if left <= 0
                        else f"Sorry, there {'is' if left == 1 else 'are'} only {left} "
                        f"place{'' if left == 1 else 's'} left (places count adults)."
                    }
                )
        found, _ = EventReply.objects.update_or_create(
            event=locked,
            user=actor,
            defaults={
                "answer": answer,
                "adults": adults,
                "children": children,
                "note": note,
                "updated_at": timezone.now(),
            },
        )
        audit.record("comms.event.replied", actor, obj=locked, setting_id=locked.setting_id)
    return found


# --- calendar addresses ----------------------------------------------------------------------------


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_calendar_address(*, actor: User) -> str:
    """Make the person a new secret calendar address (the old one stops working). Returns the token,
    which is shown once and never kept."""
    require(actor, CALENDAR)
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        CalendarFeed.objects.update_or_create(
            user=actor, defaults={"token_hash": token_hash(token), "created_at": timezone.now(), "last_used_at": None}
        )
        audit.record("comms.calendar.address_made", actor, obj=actor)
    return token


def stop_calendar_address(*, actor: User) -> bool:
    """The person's calendar address stops working. Returns whether there was one."""
    require(actor, CALENDAR)
    with transaction.atomic():
        deleted, _ = CalendarFeed.objects.filter(user=actor).delete()
        if deleted:
            audit.record("comms.calendar.address_stopped", actor, obj=actor)
    return bool(deleted)


def open_feed(token: str) -> User | None:
    """The person whose calendar address this is (and note it was used), or None. Always hashes and
    looks up once, so a wrong token costs the same as a right one; the token itself is never logged."""
    wanted = token_hash(token[:200])
    feed = CalendarFeed.objects.select_related("user").filter(token_hash=wanted).first()
    if feed is None or not hmac.compare_digest(feed.token_hash, wanted) or not feed.user.is_active:
        return None
    now = timezone.now()
    if feed.last_used_at is None or (now - feed.last_used_at).total_seconds() > 60:
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
    return feed.user
