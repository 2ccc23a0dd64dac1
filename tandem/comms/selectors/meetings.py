"""Reads of meetings and home visits (R33–R35): filtered in the database, a bounded number of queries.

The family of a meeting is the adults linked to its child whom no restriction keeps from
information or contact (the same people ``IsLinkedAdult(contact=True)`` lets in). Only those with
a sign-in can answer; everyone unrestricted counts when the interpreter is prefilled.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from tandem.core.models import Room, Setting, SettingMembership, User
from tandem.core.roles import MANAGERS
from tandem.people.models import Child, ChildAdult

from ..actions.meetings import ATTENDING_ROLES
from ..models.meetings import Meeting, MeetingAvailability, MeetingOption, MeetingRound

Status = Meeting.Status
OPEN = (Status.REQUESTED, Status.ASKING, Status.FIXED)
ENGLISH_NAMES = {"english", "en"}


# --- the family ------------------------------------------------------------------------------


def _family_links(child_ids: Iterable[int]) -> QuerySet[ChildAdult]:
    return ChildAdult.objects.filter(child_id__in=list(child_ids), no_information=False, no_contact=False)


def family_user_ids(child_ids: Iterable[int]) -> dict[int, list[int]]:
    """Each child's family members who sign in and may take part. One query, however many children."""
    ids = list(child_ids)
    found: dict[int, list[int]] = {pk: [] for pk in ids}
    rows = _family_links(ids).filter(adult__user__isnull=False, adult__user__is_active=True)
    for child_id, user_id in rows.values_list("child_id", "adult__user_id").order_by("child_id", "adult__user_id"):
        if user_id not in found[child_id]:
            found[child_id].append(user_id)
    return found


@dataclass(frozen=True)
class Member:
    user_id: int
    name: str
    relationship: str


def family_members(child: Child) -> list[Member]:
    """The family members who may answer for this child, with their names. One query."""
    links = (
        _family_links([child.pk])
        .filter(adult__user__isnull=False, adult__user__is_active=True)
        .select_related("adult")
        .order_by("adult__last_name", "adult__first_name", "pk")
    )
    return [
        Member(link.adult.user_id or 0, f"{link.adult.first_name} {link.adult.last_name}", link.relationship_detail)
        for link in links
    ]


def _language_of(adult: Any) -> str:
    if adult.preferred_language.strip():
        return adult.preferred_language.strip()
    for word in adult.home_languages.replace(";", ",").split(","):
        if word.strip() and word.strip().casefold() not in ENGLISH_NAMES:
            return word.strip()
    return ""


def interpreters_from_records(child_ids: Iterable[int]) -> dict[int, str]:
    """For each child whose family has someone who needs an interpreter (on their record), the
    language to prefill (their preferred language, else a home language other than English; may be
    empty). Children whose family needs none are left out. One query."""
    found: dict[int, str] = {}
    links = (
        _family_links(child_ids)
        .filter(adult__interpreter_needed=True)
        .select_related("adult")
        .order_by("child_id", "adult__last_name", "pk")
    )
    for link in links:
        if not found.get(link.child_id):
            found[link.child_id] = _language_of(link.adult)
    return found


def interpreter_from_records(child: Child) -> tuple[bool, str]:
    found = interpreters_from_records([child.pk])
    return (child.pk in found, found.get(child.pk, ""))


# --- staff -----------------------------------------------------------------------------------


def attending_choices(setting: Setting | int) -> QuerySet[User]:
    """Staff who may be named as attending: practitioners and leaders working in the setting."""
    pk = setting if isinstance(setting, int) else setting.pk
    members = SettingMembership.objects.filter(setting_id=pk, active=True, role__in=ATTENDING_ROLES)
    return User.objects.filter(pk__in=members.values("user_id"), is_active=True).order_by("first_name", "last_name")


def staff_to_tell(meeting: Meeting, *, leaders_if_none: bool = False) -> list[int]:
    """Who on the staff hears that a family answered, booked, asked or replied: the organiser, the
    staff attending and the child's key person and back-up, while they work in the setting (with
    ``leaders_if_none``, the manager and deputy when there is no one else). Two queries."""
    child = meeting.child
    wanted = {meeting.organiser_id, child.key_person_id, child.backup_key_person_id}
    if meeting.pk:
        wanted |= set(Meeting.staff.through.objects.filter(meeting_id=meeting.pk).values_list("user_id", flat=True))
    wanted.discard(None)
    active = SettingMembership.objects.filter(setting_id=meeting.setting_id, active=True)
    ids = set(active.filter(user_id__in=wanted, role__in=ATTENDING_ROLES).values_list("user_id", flat=True))
    if not ids and leaders_if_none:
        ids = set(active.filter(role__in=MANAGERS).values_list("user_id", flat=True))
    return sorted(ids)


# --- one child's meetings ----------------------------------------------------------------------


def meetings_of_child(child: Child) -> QuerySet[Meeting]:
    """The child's meetings, newest first (``split_for_child`` groups them for the page)."""
    return (
        Meeting.objects.filter(child=child).select_related("slot", "round", "organiser").order_by("-created_at", "-pk")
    )


def split_for_child(meetings: list[Meeting], now: dt.datetime | None = None) -> dict[str, list[Meeting]]:
    """Times still to find (requested, or being chosen), fixed ones still to come (soonest first),
    and the rest: held, cancelled, or past (newest first)."""
    now = now or timezone.now()
    groups: dict[str, list[Meeting]] = {"open": [], "upcoming": [], "past": []}
    for m in meetings:
        if m.status in (Status.REQUESTED, Status.ASKING):
            groups["open"].append(m)
        elif m.status == Status.FIXED and m.starts_at and m.starts_at >= now - dt.timedelta(minutes=m.duration_minutes):
            groups["upcoming"].append(m)
        else:
            groups["past"].append(m)
    groups["upcoming"].sort(key=lambda m: m.starts_at or now)
    return groups


def meeting_for_page(pk: int) -> Meeting:
    return Meeting.objects.select_related("child", "child__setting", "slot", "round", "organiser", "requested_by").get(
        pk=pk
    )


def staff_of(meeting: Meeting) -> list[User]:
    return list(meeting.staff.order_by("first_name", "last_name"))


def options_of(meeting: Meeting) -> list[MeetingOption]:
    """The times offered for this meeting (its own, not a parents' evening's)."""
    return list(MeetingOption.objects.filter(meeting=meeting).order_by("starts_at", "pk"))


def free_slots(meeting: Meeting, now: dt.datetime | None = None) -> list[MeetingOption]:
    """A parents' evening meeting: the round's slots still free and still to come (a taken slot is
    not offered to anyone else). One query."""
    if meeting.round_id is None:
        return []
    now = now or timezone.now()
    return list(
        MeetingOption.objects.filter(
            round_id=meeting.round_id, booked_meeting__isnull=True, starts_at__gt=now
        ).order_by("starts_at", "pk")
    )


def my_answers(meeting: Meeting, user: User) -> dict[int, bool]:
    return dict(
        MeetingAvailability.objects.filter(option__meeting=meeting, user=user).values_list("option_id", "suits")
    )


@dataclass
class OptionRow:
    option: MeetingOption
    suits: list[Member] = field(default_factory=list)
    not_suits: list[Member] = field(default_factory=list)
    no_answer: list[Member] = field(default_factory=list)

    @property
    def suits_everyone(self) -> bool:
        return bool(self.suits) and not self.not_suits and not self.no_answer


@dataclass
class Availability:
    rows: list[OptionRow]
    members: list[Member]
    answered: list[Member]

    @property
    def best(self) -> list[OptionRow]:
        """The options that suit the most family members (none when no one has said any suits)."""
        top = max((len(r.suits) for r in self.rows), default=0)
        return [r for r in self.rows if top and len(r.suits) == top]


def availability(meeting: Meeting) -> Availability:
    """For staff fixing a time: which family members each option suits, does not suit, or who has
    not answered. Three queries."""
    members = family_members(meeting.child)
    by_user = {m.user_id: m for m in members}
    options = options_of(meeting)
    answers: dict[int, dict[int, bool]] = {}
    for option_id, user_id, suits in MeetingAvailability.objects.filter(option__meeting=meeting).values_list(
        "option_id", "user_id", "suits"
    ):
        answers.setdefault(option_id, {})[user_id] = suits
    answered_ids = {uid for given in answers.values() for uid in given}
    rows = []
    for option in options:
        given = answers.get(option.pk, {})
        row = OptionRow(option)
        for member in members:
            if member.user_id not in given:
                row.no_answer.append(member)
            elif given[member.user_id]:
                row.suits.append(member)
            else:
                row.not_suits.append(member)
        # someone who answered but is no longer one of the family is not shown
        rows.append(row)
    return Availability(rows, members, [by_user[u] for u in sorted(answered_ids) if u in by_user])


# --- the setting's overview ----------------------------------------------------------------------

SECTIONS: dict[str, str] = {
    "requested": "Requested by families",
    "asking": "Finding a time",
    "upcoming": "Upcoming",
    "notes": "Notes to write or share",
}


def _section_q(section: str, now: dt.datetime) -> Q:
    if section == "requested":
        return Q(status=Status.REQUESTED)
    if section == "asking":
        return Q(status=Status.ASKING)
    if section == "upcoming":
        return Q(status=Status.FIXED, starts_at__gte=now)
    if section == "notes":
        return Q(status=Status.HELD, notes_shared_at__isnull=True) | Q(status=Status.FIXED, starts_at__lt=now)
    raise ValueError(section)


def overview_counts(meetings: QuerySet[Meeting], now: dt.datetime | None = None) -> dict[str, int]:
    """How many meetings are in each section. One query."""
    now = now or timezone.now()
    counts = meetings.aggregate(**{key: Count("pk", filter=_section_q(key, now)) for key in SECTIONS})
    return {key: counts[key] or 0 for key in SECTIONS}


def overview(
    meetings: QuerySet[Meeting], section: str, *, kind: str = "", now: dt.datetime | None = None
) -> QuerySet[Meeting]:
    """One section of the setting's meetings, with how many family members answered (finding a
    time) and how many may answer. One query a page."""
    now = now or timezone.now()
    rows = meetings.filter(_section_q(section, now))
    if kind in Meeting.Kind.values:
        rows = rows.filter(kind=kind)
    family = (
        ChildAdult.objects.filter(
            child_id=OuterRef("child_id"), no_information=False, no_contact=False, adult__user__isnull=False
        )
        .order_by()
        .values("child_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = rows.select_related("child", "child__room", "slot", "round", "organiser").annotate(
        answered=Count("options__availability__user", distinct=True),
        family_size=Coalesce(Subquery(family, output_field=IntegerField()), Value(0)),
    )
    order = {
        "requested": ("created_at", "pk"),
        "asking": ("created_at", "pk"),
        "upcoming": ("starts_at", "pk"),
        "notes": ("-starts_at", "-pk"),
    }[section]
    return rows.order_by(*order)


def setting_meetings(setting: Setting) -> QuerySet[Meeting]:
    return Meeting.objects.filter(setting=setting)


def first_section(counts: dict[str, int]) -> str:
    return next((key for key in SECTIONS if counts.get(key)), "upcoming")


# --- parents' evenings ---------------------------------------------------------------------------


def rounds_of_setting(setting: Setting, limit: int = 10) -> list[MeetingRound]:
    """The setting's parents' evenings, newest first, with how many slots there are and how many
    are booked. One query."""
    return list(
        MeetingRound.objects.filter(setting=setting)
        .select_related("room")
        .annotate(
            slot_count=Count("slots", distinct=True),
            booked_count=Count("slots", filter=Q(slots__booked_meeting__isnull=False), distinct=True),
        )
        .order_by("-created_at", "-pk")[:limit]
    )


def children_of_room(room: Room, on: dt.date | None = None) -> QuerySet[Child]:
    """The room's children who have not left (on the day given)."""
    day = on or timezone.localdate()
    return Child.objects.filter(room=room).filter(Q(leaving_date__isnull=True) | Q(leaving_date__gte=day))


@dataclass
class SlotRow:
    slot: MeetingOption
    meeting: Meeting | None


def timetable(meeting_round: MeetingRound) -> tuple[list[SlotRow], list[Meeting]]:
    """The round's slots in order, each with the meeting booked in it (its child and key person),
    and the meetings not booked yet. Two queries."""
    slots = list(
        MeetingOption.objects.filter(round=meeting_round)
        .select_related("booked_meeting", "booked_meeting__child", "booked_meeting__child__key_person")
        .order_by("starts_at", "pk")
    )
    rows = [SlotRow(slot, getattr(slot, "booked_meeting", None)) for slot in slots]
    waiting = list(
        Meeting.objects.filter(round=meeting_round, slot__isnull=True)
        .exclude(status=Status.CANCELLED)
        .select_related("child", "child__key_person")
        .order_by("child__last_name", "child__first_name", "pk")
    )
    return rows, waiting


def slot_minutes(meeting_round: MeetingRound) -> int:
    """The length of the round's slots (every meeting of a round has the same)."""
    found = Meeting.objects.filter(round=meeting_round).values_list("duration_minutes", flat=True).first()
    return int(found or 0)
