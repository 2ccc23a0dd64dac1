"""Every write about meetings and home visits (R33–R35): keyword-only, one transaction, audited.

A meeting is *requested* by a family, or arranged by staff in one of two modes: **offer** (staff
offer times; the first a family member picks fixes it at once) or **ask** (the family say which
times suit and may add others in words; staff then fix one). A parents' evening (a round) makes
one offer-mode meeting per child of a room, and each family books one of the round's slots.

Fixing is safe when two people act at once: the meeting row is locked (``select_for_update``) and
its status checked again, and a slot can be booked by one meeting only (``Meeting.slot`` is
one-to-one, so the database refuses a second booking; that becomes a plain message, never a 500).
Families are told when a meeting is asked or offered, fixed, changed or cancelled, and when notes
are shared; staff are told when a family answers, books, asks for another time or replies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from tandem.core import audit
from tandem.core.access import require
from tandem.core.models import Room, Setting, User
from tandem.people.models import Child

from ..actions.meetings import MEETING_MANAGE, MEETING_TAKE_PART, MEETINGS_ARRANGE, MEETINGS_REQUEST, ROUND_CREATE
from ..models.meetings import Meeting, MeetingAvailability, MeetingOption, MeetingRound
from ..selectors import meetings as selectors
from .notifications import notify

Status = Meeting.Status
Kind = Meeting.Kind
Mode = Meeting.Mode
KIND = "comms.meeting"
MAX_TIMES = 8
MAX_SLOTS = 60
TAKEN = "Sorry, that time has just been booked by another family. Please choose another time."
HOME_VISIT_STAFF = "A home visit is made by two members of staff, for lone-working safety: choose two."


# --- helpers -----------------------------------------------------------------------------------


def when_text(at: dt.datetime | None) -> str:
    """A time as families read it: "Tuesday 3 March 2026 at 15:30" (UK time)."""
    if at is None:
        return ""
    local = timezone.localtime(at)
    return f"{date_format(local, 'l j F Y')} at {local:%H:%M}"


def _url(meeting: Meeting) -> str:
    return reverse("comms:meeting", args=[meeting.pk])


def _child_name(child: Child) -> str:
    return child.preferred_name or child.first_name


def _audit(event: str, actor: User, meeting: Meeting) -> None:
    audit.record(event, actor, child_ids=[meeting.child_id], obj=meeting, setting_id=meeting.setting_id)


def _tell_family(meeting: Meeting, title: str, body: str, *, except_user: User | None = None) -> None:
    ids = selectors.family_user_ids([meeting.child_id])[meeting.child_id]
    if except_user is not None:
        ids = [i for i in ids if i != except_user.pk]
    notify(kind=KIND, user_ids=ids, title=title, body=body, url=_url(meeting), setting_id=meeting.setting_id)


def _tell_staff(meeting: Meeting, title: str, body: str, *, actor: User | None = None) -> None:
    ids = selectors.staff_to_tell(meeting, leaders_if_none=True)
    if actor is not None:
        ids = [i for i in ids if i != actor.pk]
    notify(kind=KIND, user_ids=ids, title=title, body=body, url=_url(meeting), setting_id=meeting.setting_id)


def _details(meeting: Meeting) -> str:
    lines = []
    if meeting.venue:
        lines.append(f"Where: {meeting.venue}")
    if meeting.venue_access_notes:
        lines.append(f"Access: {meeting.venue_access_notes}")
    if meeting.interpreter_needed:
        lines.append(f"An interpreter will be there ({meeting.interpreter_language}).")
    lines.append(f"It lasts about {meeting.duration_minutes} minutes.")
    return "\n".join(lines)


def _locked(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update(of=("self",)).select_related("child").get(pk=meeting.pk)


def _clean_times(times: Iterable[dt.datetime | None], *, field: str = "times") -> list[dt.datetime]:
    now = timezone.now()
    found: list[dt.datetime] = []
    for at in times:
        if at is None:
            continue
        if timezone.is_naive(at):
            at = timezone.make_aware(at)
        if at <= now:
            raise ValidationError({field: f"{when_text(at)} has passed: choose times still to come."})
        if at in found:
            raise ValidationError({field: f"{when_text(at)} is given twice."})
        found.append(at)
    if len(found) > MAX_TIMES:
        raise ValidationError({field: f"Offer at most {MAX_TIMES} times."})
    return sorted(found)


def _clean_staff(setting_id: int, staff: Iterable[Any]) -> list[int]:
    ids = sorted({getattr(s, "pk", s) for s in staff})
    allowed = set(selectors.attending_choices(setting_id).filter(pk__in=ids).values_list("pk", flat=True))
    if set(ids) - allowed:
        raise ValidationError({"staff": "Choose staff who work in this setting."})
    return ids


def _clean_details(setting_id: int, data: dict[str, Any]) -> dict[str, Any]:
    """The details staff give when arranging or changing a meeting, checked."""
    errors: dict[str, str] = {}
    kind = data.get("kind") or Kind.KEY_PERSON
    if kind not in Kind.values:
        errors["kind"] = "Choose what kind of meeting it is."
    title = (data.get("title") or "").strip()
    if not title:
        errors["title"] = "Give the meeting a title, for example: Isla's progress this term."
    duration = int(data.get("duration_minutes") or 0)
    if not 5 <= duration <= 240:
        errors["duration_minutes"] = "Choose a length from 5 to 240 minutes."
    interpreter = bool(data.get("interpreter_needed"))
    language = (data.get("interpreter_language") or "").strip()
    if interpreter and not language:
        errors["interpreter_language"] = "Say which language the interpreter is for."
    staff: list[int] = []
    try:
        staff = _clean_staff(setting_id, data.get("staff") or [])
    except ValidationError as error:
        errors["staff"] = " ".join(error.messages)
    if kind == Kind.HOME_VISIT and "staff" not in errors and len(staff) < 2:
        errors["staff"] = HOME_VISIT_STAFF
    if errors:
        raise ValidationError(errors)
    venue = (data.get("venue") or "").strip()
    if kind == Kind.HOME_VISIT and not venue:
        venue = "The family's home"
    return {
        "kind": kind,
        "title": title[:200],
        "duration_minutes": duration,
        "venue": venue[:300],
        "venue_access_notes": (data.get("venue_access_notes") or "").strip(),
        "interpreter_needed": interpreter,
        "interpreter_language": language[:60] if interpreter else "",
        "staff": staff,
    }


def _schedule_reminder(meeting: Meeting) -> None:
    """A reminder to the family the day before (only when that is still to come)."""
    from tandem.core.scheduling import enqueue_at

    from ..tasks_meetings import remind_meeting

    if meeting.starts_at is None:
        return
    due = meeting.starts_at - dt.timedelta(days=1)
    if due <= timezone.now():
        return
    pk, at = meeting.pk, meeting.starts_at.isoformat()
    transaction.on_commit(lambda: enqueue_at(remind_meeting, due, pk, at))


# --- staff arrange -------------------------------------------------------------------------------


def _offer_text(meeting: Meeting, times: list[dt.datetime]) -> tuple[str, str]:
    name = _child_name(meeting.child)
    listed = "\n".join(f"- {when_text(t)}" for t in times)
    if meeting.mode == Mode.OFFER:
        title = f"{meeting.get_kind_display()} about {name}: please book a time"
        body = (
            f"{meeting.title}\n\nWe would like to meet you. Choose the time that suits you best; "
            f"the first time chosen is booked.\n\n{listed}\n\n{_details(meeting)}"
        )
    else:
        title = f"{meeting.get_kind_display()} about {name}: which times suit you?"
        body = (
            f"{meeting.title}\n\nWe would like to meet you. Tell us which of these times suit you, "
            f"and any other times that would; then we will fix one.\n\n{listed}\n\n{_details(meeting)}"
        )
    return title, body


def arrange_meeting(*, actor: User, child: Child, data: dict[str, Any]) -> Meeting:
    """Staff arrange a meeting with a child's family: offer times, or ask which times suit."""
    require(actor, MEETINGS_ARRANGE, child)
    details = _clean_details(child.setting_id, data)
    mode = data.get("mode") or Mode.ASK
    if mode not in Mode.values:
        raise ValidationError({"mode": "Choose whether to offer times or to ask which times suit."})
    times = _clean_times(data.get("times") or [])
    if not times:
        raise ValidationError({"times": "Offer at least one time."})
    staff = details.pop("staff")
    with transaction.atomic():
        meeting = Meeting.objects.create(
            setting_id=child.setting_id, child=child, mode=mode, status=Status.ASKING, organiser=actor, **details
        )
        meeting.staff.set(staff)
        MeetingOption.objects.bulk_create([MeetingOption(meeting=meeting, starts_at=t) for t in times])
        _audit("comms.meeting.arranged", actor, meeting)
        title, body = _offer_text(meeting, times)
        _tell_family(meeting, title, body)
    return meeting


def arrange_request(*, actor: User, meeting: Meeting, data: dict[str, Any]) -> Meeting:
    """Staff arrange a meeting or home visit a family asked for: the same details and times."""
    require(actor, MEETING_MANAGE, meeting)
    details = _clean_details(meeting.setting_id, data)
    mode = data.get("mode") or Mode.ASK
    if mode not in Mode.values:
        raise ValidationError({"mode": "Choose whether to offer times or to ask which times suit."})
    times = _clean_times(data.get("times") or [])
    if not times:
        raise ValidationError({"times": "Offer at least one time."})
    staff = details.pop("staff")
    with transaction.atomic():
        locked = _locked(meeting)
        if locked.status != Status.REQUESTED:
            raise ValidationError("This request has already been dealt with. Open the meeting to see what happened.")
        for key, value in details.items():
            setattr(locked, key, value)
        locked.mode, locked.status, locked.organiser = mode, Status.ASKING, actor
        locked.save()
        locked.staff.set(staff)
        MeetingOption.objects.bulk_create([MeetingOption(meeting=locked, starts_at=t) for t in times])
        _audit("comms.meeting.request_arranged", actor, locked)
        title, body = _offer_text(locked, times)
        _tell_family(locked, title, body)
    return locked


def decline_request(*, actor: User, meeting: Meeting, reason: str) -> Meeting:
    """Staff decline a family's request, saying why (the family are told)."""
    require(actor, MEETING_MANAGE, meeting)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why, so the family understand."})
    with transaction.atomic():
        locked = _locked(meeting)
        if locked.status != Status.REQUESTED:
            raise ValidationError("This request has already been dealt with.")
        locked.status, locked.cancel_reason = Status.CANCELLED, reason[:300]
        locked.save(update_fields=["status", "cancel_reason"])
        _audit("comms.meeting.request_declined", actor, locked)
        _tell_family(
            locked,
            f"Your request for a {locked.get_kind_display().lower()} about {_child_name(locked.child)}",
            f"We are not able to arrange it: {locked.cancel_reason}",
        )
    return locked


def change_meeting(*, actor: User, meeting: Meeting, data: dict[str, Any]) -> Meeting:
    """Change a meeting's details (title, venue and access, interpreter, length, staff). The family
    are told when a fixed or open meeting's venue, access, interpreter or length changes."""
    require(actor, MEETING_MANAGE, meeting)
    details = _clean_details(meeting.setting_id, {**data, "kind": meeting.kind})
    staff = details.pop("staff")
    details.pop("kind")
    with transaction.atomic():
        locked = _locked(meeting)
        if locked.status not in (Status.ASKING, Status.FIXED):
            raise ValidationError("Only a meeting still to happen can be changed.")
        told = ("venue", "venue_access_notes", "interpreter_needed", "interpreter_language", "duration_minutes")
        changed = [key for key in told if getattr(locked, key) != details[key]]
        for key, value in details.items():
            setattr(locked, key, value)
        locked.save()
        locked.staff.set(staff)
        _audit("comms.meeting.changed", actor, locked)
        if changed:
            when = f" on {when_text(locked.starts_at)}" if locked.status == Status.FIXED else ""
            _tell_family(
                locked,
                f"A change to the meeting about {_child_name(locked.child)}",
                f"{locked.title}{when}: the details have changed.\n\n{_details(locked)}",
            )
    return locked


def cancel_meeting(*, actor: User, meeting: Meeting, reason: str) -> Meeting:
    """Cancel a meeting still to happen; a parents' evening slot it held is freed for others."""
    require(actor, MEETING_MANAGE, meeting)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the meeting is cancelled, so the family understand."})
    with transaction.atomic():
        locked = _locked(meeting)
        if locked.status not in (Status.ASKING, Status.FIXED):
            raise ValidationError("Only a meeting still to happen can be cancelled.")
        locked.status, locked.cancel_reason, locked.slot = Status.CANCELLED, reason[:300], None
        locked.save(update_fields=["status", "cancel_reason", "slot"])
        _audit("comms.meeting.cancelled", actor, locked)
        when = f" on {when_text(locked.starts_at)}" if locked.starts_at else ""
        _tell_family(
            locked,
            f"Cancelled: the meeting about {_child_name(locked.child)}",
            f"{locked.title}{when} is cancelled. {locked.cancel_reason}",
        )
    return locked


def fix_meeting(
    *,
    actor: User,
    meeting: Meeting,
    option_id: int | None = None,
    starts_at: dt.datetime | None = None,
    seen_slot_id: int | None = None,
) -> Meeting:
    """Staff fix the time: one of the options (for example the one that suits everyone) or another
    time (for example one the family suggested in words). Fixing a fixed meeting again moves it,
    and the family are told it changed. ``seen_slot_id`` is the time the person saw when they chose
    (0: not fixed yet): if someone else has fixed or moved it since, nothing changes and they are
    told, so two people choosing at once never silently undo each other."""
    require(actor, MEETING_MANAGE, meeting)
    if (option_id is None) == (starts_at is None):
        raise ValidationError({"option": "Choose one of the times, or give another time."})
    if starts_at is not None:
        starts_at = _clean_times([starts_at], field="starts_at")[0]
    with transaction.atomic():
        locked = _locked(meeting)
        if locked.status not in (Status.ASKING, Status.FIXED):
            raise ValidationError("This meeting can no longer be fixed: it has been held or cancelled.")
        if seen_slot_id is not None and (locked.slot_id or 0) != seen_slot_id:
            raise ValidationError(
                f"Someone has just fixed this meeting for {when_text(locked.starts_at)}. "
                "Check the time below; change it if you need to."
            )
        if locked.round_id is not None:
            # booking for a family (who phoned, say): one of the evening's slots, never another time
            option = MeetingOption.objects.filter(pk=option_id or 0, round_id=locked.round_id).first()
            if option is None:
                raise ValidationError({"option": "Choose one of the parents' evening's free slots."})
        elif option_id is not None:
            option = MeetingOption.objects.filter(pk=option_id, meeting=locked).first()
            if option is None:
                raise ValidationError({"option": "Choose one of the times offered."})
        else:
            assert starts_at is not None
            option = MeetingOption.objects.create(meeting=locked, starts_at=starts_at)
        if option.starts_at <= timezone.now():
            raise ValidationError({"option": "That time has passed: choose another."})
        moved = locked.status == Status.FIXED
        if moved and locked.slot_id == option.pk:
            return locked
        _book(locked, option)
        _audit("comms.meeting.moved" if moved else "comms.meeting.fixed", actor, locked)
        _announce_fixed(locked, moved=moved)
    return locked


def _book(locked: Meeting, option: MeetingOption) -> None:
    """Put the (locked) meeting in this option. A slot already taken raises the plain message."""
    locked.slot, locked.starts_at, locked.status = option, option.starts_at, Status.FIXED
    try:
        with transaction.atomic():
            locked.save(update_fields=["slot", "starts_at", "status"])
    except IntegrityError:
        raise ValidationError({"option": TAKEN}) from None
    _schedule_reminder(locked)


def _announce_fixed(meeting: Meeting, *, moved: bool) -> None:
    name = _child_name(meeting.child)
    when = when_text(meeting.starts_at)
    if moved:
        title, lead = f"New time: the meeting about {name}", f"The meeting has moved to {when}."
    else:
        title, lead = f"Fixed: the meeting about {name}, {when}", f"The meeting is fixed for {when}."
    _tell_family(meeting, title, f"{meeting.title}\n\n{lead}\n\n{_details(meeting)}")


# --- the family ---------------------------------------------------------------------------------


def answer_availability(*, actor: User, meeting: Meeting, suits: Iterable[int], note: str = "") -> Meeting:
    """A family member says which of the times offered suit them (the others do not), and may add
    other times that suit in words. Staff are told."""
    require(actor, MEETING_TAKE_PART, meeting)
    chosen = {int(pk) for pk in suits}
    note = (note or "").strip()
    with transaction.atomic():
        locked = _locked(meeting)
        if locked.status != Status.ASKING or locked.mode != Mode.ASK:
            raise ValidationError("The time for this meeting is no longer being chosen.")
        options = {o.pk: o for o in MeetingOption.objects.filter(meeting=locked)}
        if chosen - set(options):
            raise ValidationError({"suits": "Choose from the times offered."})
        if not chosen and not note:
            raise ValidationError({"suits": "Tick the times that suit you, or tell us other times that would."})
        now = timezone.now()
        for pk in options:
            MeetingAvailability.objects.update_or_create(
                option_id=pk, user=actor, defaults={"suits": pk in chosen, "at": now}
            )
        if note:
            locked.family_times_note = _with_name(locked.family_times_note, actor, note)
            locked.save(update_fields=["family_times_note"])
        _audit("comms.meeting.answered", actor, locked)
        _tell_staff(
            locked,
            "A family has said which times suit",
            f"{actor.get_full_name()} answered for {locked.title} ({_child_name(locked.child)}): "
            f"{len(chosen)} of {len(options)} times suit." + (f"\nOther times that suit: {note}" if note else ""),
            actor=actor,
        )
    return locked


def _with_name(existing: str, actor: User, note: str) -> str:
    """Each family member's own line of other times that suit (their newest replaces their older one)."""
    prefix = f"{actor.get_full_name() or 'A family member'}: "
    lines = [line for line in (existing or "").splitlines() if line.strip() and not line.startswith(prefix)]
    return "\n".join([*lines, prefix + note.replace("\n", " ")])


def pick_slot(*, actor: User, meeting: Meeting, option_id: int) -> Meeting:
    """A family member books one of the times offered: the meeting is fixed at once. At a parents'
    evening it is one of the round's free slots (a family may move to another free slot); a slot
    another family has just booked is refused with a plain message."""
    require(actor, MEETING_TAKE_PART, meeting)
    with transaction.atomic():
        locked = _locked(meeting)
        if locked.mode != Mode.OFFER or locked.status not in (Status.ASKING, Status.FIXED):
            raise ValidationError("There are no times to book for this meeting.")
        if locked.status == Status.FIXED and locked.round_id is None:
            raise ValidationError(
                f"This meeting is already fixed for {when_text(locked.starts_at)}. "
                "If it does not suit, ask for another time."
            )
        if locked.round_id is not None:
            option = MeetingOption.objects.filter(pk=option_id, round_id=locked.round_id).first()
        else:
            option = MeetingOption.objects.filter(pk=option_id, meeting=locked).first()
        if option is None:
            raise ValidationError({"option": "Choose one of the times offered."})
        if option.starts_at <= timezone.now():
            raise ValidationError({"option": "That time has passed: choose another."})
        if locked.slot_id == option.pk:
            return locked
        moved = locked.status == Status.FIXED
        _book(locked, option)
        _audit("comms.meeting.booked", actor, locked)
        when = when_text(locked.starts_at)
        _tell_family(
            locked,
            f"Booked: the meeting about {_child_name(locked.child)}, {when}",
            f"{locked.title}\n\n{actor.get_full_name()} booked {when}.\n\n{_details(locked)}",
        )
        _tell_staff(
            locked,
            "A family has moved their booking" if moved else "A family has booked a time",
            f"{actor.get_full_name()} booked {when} for {locked.title} ({_child_name(locked.child)}).",
            actor=actor,
        )
    return locked


def ask_another_time(*, actor: User, meeting: Meeting, note: str) -> Meeting:
    """A family member says the times do not suit and gives times that would. Staff are told."""
    require(actor, MEETING_TAKE_PART, meeting)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": "Tell us the days and times that would suit you."})
    with transaction.atomic():
        locked = _locked(meeting)
        if locked.status not in (Status.ASKING, Status.FIXED):
            raise ValidationError("This meeting has been held or cancelled.")
        locked.family_times_note = _with_name(locked.family_times_note, actor, note)
        locked.save(update_fields=["family_times_note"])
        _audit("comms.meeting.another_time_asked", actor, locked)
        _tell_staff(
            locked,
            "A family has asked for another time",
            f"{actor.get_full_name()} asked for another time for {locked.title} ({_child_name(locked.child)}): {note}",
            actor=actor,
        )
    return locked


REQUESTABLE = (Kind.KEY_PERSON, Kind.HOME_VISIT)


def request_meeting(*, actor: User, child: Child, kind: str, reason: str, times: str) -> Meeting:
    """A family member asks for a meeting with the key person, or a home visit, saying why and
    which times suit. Staff are told and arrange it (or say why not)."""
    require(actor, MEETINGS_REQUEST, child)
    errors = {}
    if kind not in REQUESTABLE:
        errors["kind"] = "Choose a meeting with the key person or a home visit."
    reason, times = (reason or "").strip(), (times or "").strip()
    if not reason:
        errors["reason"] = "Tell us what you would like to talk about."
    if not times:
        errors["times"] = "Tell us the days and times that suit you."
    if errors:
        raise ValidationError(errors)
    name = _child_name(child)
    title = f"Home visit for {name}" if kind == Kind.HOME_VISIT else f"Meeting about {name}"
    with transaction.atomic():
        meeting = Meeting.objects.create(
            setting_id=child.setting_id,
            child=child,
            kind=kind,
            title=title,
            status=Status.REQUESTED,
            requested_by=actor,
            request_reason=reason,
            family_times_note=_with_name("", actor, times),
            venue="The family's home" if kind == Kind.HOME_VISIT else "",
        )
        _audit("comms.meeting.requested", actor, meeting)
        _tell_staff(
            meeting,
            "A family has asked for a home visit" if kind == Kind.HOME_VISIT else "A family has asked for a meeting",
            f"{actor.get_full_name()} asked for a {meeting.get_kind_display().lower()} ({name}).\n"
            f"Why: {reason}\nTimes that suit: {times}",
            actor=actor,
        )
    return meeting


def reply_to_notes(*, actor: User, meeting: Meeting, reply: str) -> Meeting:
    """The family add their reply to the notes shared with them. Staff are told."""
    require(actor, MEETING_TAKE_PART, meeting)
    reply = (reply or "").strip()
    if not reply:
        raise ValidationError({"reply": "Write your reply."})
    with transaction.atomic():
        locked = _locked(meeting)
        if locked.notes_shared_at is None:
            raise ValidationError("The notes of this meeting have not been shared yet.")
        locked.family_reply = _with_name(locked.family_reply, actor, reply)
        locked.save(update_fields=["family_reply"])
        _audit("comms.meeting.family_replied", actor, locked)
        _tell_staff(
            locked,
            "A family has replied to the meeting notes",
            f"{actor.get_full_name()} replied to the notes of {locked.title} ({_child_name(locked.child)}).",
            actor=actor,
        )
    return locked


# --- after the meeting ----------------------------------------------------------------------------


def record_notes(*, actor: User, meeting: Meeting, notes: str, share: bool = False) -> Meeting:
    """Staff write what was discussed and agreed and the next steps; the meeting is marked held.
    With ``share``, the notes are shared with the family (once; they are told)."""
    require(actor, MEETING_MANAGE, meeting)
    notes = (notes or "").strip()
    if not notes:
        raise ValidationError({"notes": "Write what was discussed and agreed, and the next steps."})
    with transaction.atomic():
        locked = _locked(meeting)
        if locked.status not in (Status.FIXED, Status.HELD):
            raise ValidationError("Notes can be written once the meeting's time is fixed.")
        if locked.status == Status.FIXED and locked.starts_at and locked.starts_at > timezone.now():
            raise ValidationError("This meeting has not happened yet: write the notes after it.")
        first_held = locked.status == Status.FIXED
        locked.notes, locked.status = notes, Status.HELD
        sharing = share and locked.notes_shared_at is None
        if sharing:
            locked.notes_shared_at = timezone.now()
        locked.save(update_fields=["notes", "status", "notes_shared_at"])
        _audit("comms.meeting.held" if first_held else "comms.meeting.notes_changed", actor, locked)
        if sharing:
            _audit("comms.meeting.notes_shared", actor, locked)
            _tell_family(
                locked,
                f"Notes from the meeting about {_child_name(locked.child)}",
                f"The notes of {locked.title} ({when_text(locked.starts_at)}) are ready to read in Tandem. "
                "You can add your reply there.",
            )
    return locked


# --- parents' evenings ---------------------------------------------------------------------------


def create_round(*, actor: User, setting: Setting, data: dict[str, Any]) -> MeetingRound:
    """A manager or deputy sets up a parents' evening for a room: the slots (first start, length,
    how many, back to back) and one offer-mode meeting for each child of the room, with the child's
    key person attending and an interpreter where the family's records say one is needed. Families
    are told in the background."""
    require(actor, ROUND_CREATE, setting)
    errors: dict[str, str] = {}
    room = data.get("room")
    if not isinstance(room, Room) or room.setting_id != setting.pk:
        errors["room"] = "Choose a room of this setting."
    title = (data.get("title") or "").strip() or "Parents' evening"
    length = int(data.get("slot_minutes") or 0)
    count = int(data.get("slot_count") or 0)
    if not 5 <= length <= 120:
        errors["slot_minutes"] = "Choose a slot length from 5 to 120 minutes."
    if not 1 <= count <= MAX_SLOTS:
        errors["slot_count"] = f"Choose from 1 to {MAX_SLOTS} slots."
    day, start = data.get("date"), data.get("start_time")
    first = timezone.make_aware(dt.datetime.combine(day, start)) if day and start else None
    if first is None:
        errors["date"] = "Give the day and the time of the first slot."
    elif first <= timezone.now():
        errors["date"] = "Choose a day and time still to come."
    if errors:
        raise ValidationError(errors)
    assert isinstance(room, Room) and first is not None
    children = list(selectors.children_of_room(room).order_by("last_name", "first_name", "pk"))
    if not children:
        raise ValidationError({"room": f"There are no children in {room.name}."})
    if count < len(children):
        raise ValidationError(
            {"slot_count": f"There are {len(children)} children in {room.name}: offer at least {len(children)} slots."}
        )
    interpreters = selectors.interpreters_from_records([c.pk for c in children])
    venue = (data.get("venue") or "").strip()[:300]
    access = (data.get("venue_access_notes") or "").strip()
    with transaction.atomic():
        meeting_round = MeetingRound.objects.create(
            setting=setting, room=room, title=title[:200], venue=venue, venue_access_notes=access, created_by=actor
        )
        MeetingOption.objects.bulk_create(
            [
                MeetingOption(round=meeting_round, starts_at=first + dt.timedelta(minutes=length * n))
                for n in range(count)
            ]
        )
        meetings = Meeting.objects.bulk_create(
            [
                Meeting(
                    setting=setting,
                    child=child,
                    round=meeting_round,
                    kind=Kind.PARENTS_EVENING,
                    title=title[:200],
                    mode=Mode.OFFER,
                    status=Status.ASKING,
                    organiser=actor,
                    duration_minutes=length,
                    venue=venue,
                    venue_access_notes=access,
                    interpreter_needed=child.pk in interpreters,
                    interpreter_language=interpreters.get(child.pk, "")[:60],
                )
                for child in children
            ]
        )
        Through = Meeting.staff.through
        attending = set(selectors.attending_choices(setting).values_list("pk", flat=True))
        Through.objects.bulk_create(
            [
                Through(meeting_id=m.pk, user_id=child.key_person_id)
                for m, child in zip(meetings, children, strict=True)
                if child.key_person_id in attending
            ]
        )
        audit.record(
            "comms.meeting_round.created",
            actor,
            child_ids=[c.pk for c in children],
            obj=meeting_round,
            setting_id=setting.pk,
        )
        from ..tasks_meetings import tell_families_of_round

        pk = meeting_round.pk
        transaction.on_commit(lambda: tell_families_of_round.enqueue(pk))
    return meeting_round
