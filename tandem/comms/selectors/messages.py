"""Reading messages (R26): every list filtered by the access layer in the database.

Unread is computed in the database: a thread is unread for a person when it has had a message
since their read mark (``ThreadRead``), or they have never opened it. Lists annotate it with a
subquery, so their cost does not depend on the number of threads or messages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from tandem.core.access import permitted, setting_roles
from tandem.core.models import SettingMembership, User
from tandem.core.roles import MANAGERS
from tandem.people.models import Adult, Child, ChildAdult
from tandem.people.rules import IsLinkedAdult

from ..actions.messages import HANDLER_ROLES, THREAD_READ, IsThreadParticipant
from ..models.messages import Message, MessageAttachment, Thread, ThreadParticipant, ThreadRead


def is_family(user: Any, child_id: int) -> bool:
    """Does ``user`` write as the child's family (a linked adult not kept from information)?
    From the memoised links: no query after the first."""
    return child_id in IsLinkedAdult().child_ids(user)


def with_unread(threads: QuerySet[Thread], user: Any) -> QuerySet[Thread]:
    """Each thread with ``unread`` for ``user`` (and ``my_read_at``), in the same query."""
    mark = ThreadRead.objects.filter(thread=OuterRef("pk"), user=user).values("read_at")[:1]
    return threads.annotate(my_read_at=Subquery(mark)).annotate(
        unread=Case(
            When(Q(my_read_at__isnull=True) | Q(my_read_at__lt=F("last_message_at")), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def _listed(threads: QuerySet[Thread], user: Any) -> QuerySet[Thread]:
    return with_unread(threads, user).select_related("child", "assigned_to").order_by("-last_message_at", "-pk")


def search(threads: QuerySet[Thread], text: str) -> QuerySet[Thread]:
    """Threads whose child's name or subject has every word of ``text``."""
    for word in text.split()[:5]:
        threads = threads.filter(
            Q(subject__icontains=word)
            | Q(child__first_name__icontains=word)
            | Q(child__last_name__icontains=word)
            | Q(child__preferred_name__icontains=word)
        )
    return threads


@dataclass(frozen=True)
class InboxFilter:
    text: str = ""
    unread: bool = False
    mine: bool = False
    due: bool = False
    status: str = Thread.Status.OPEN  # "open", "closed" or "" for both
    topic: str = ""


def inbox(user: User, setting: Any, chosen: InboxFilter | None = None) -> QuerySet[Thread]:
    """The setting's threads ``user`` may read, filtered, newest first, with ``unread``."""
    chosen = chosen or InboxFilter()
    threads = _listed(permitted(user, THREAD_READ, Thread.objects.filter(setting=setting)), user)
    if chosen.status in Thread.Status.values:
        threads = threads.filter(status=chosen.status)
    if chosen.topic in Thread.Topic.values:
        threads = threads.filter(topic=chosen.topic)
    if chosen.unread:
        threads = threads.filter(unread=True)  # type: ignore[misc]
    if chosen.mine:
        threads = threads.filter(assigned_to=user)
    if chosen.due:
        threads = threads.filter(follow_up_on__lte=timezone.localdate(), status=Thread.Status.OPEN)
    if chosen.text.strip():
        threads = search(threads, chosen.text)
    return threads


def family_threads(user: User) -> QuerySet[Thread]:
    """The threads a parent is in, across all their children (never one they are restricted from)."""
    return _listed(Thread.objects.filter(IsThreadParticipant().q(user)), user)


def child_threads(user: User, child: Child) -> QuerySet[Thread]:
    """The threads about ``child`` that ``user`` may read."""
    return _listed(permitted(user, THREAD_READ, Thread.objects.filter(child=child)), user)


def unread_count(threads: QuerySet[Thread]) -> int:
    return threads.filter(unread=True).count()  # type: ignore[misc]


def messages_of(thread: Thread) -> list[Message]:
    """The thread's messages in order, with authors and attachments (two queries)."""
    files = Prefetch("attachments", queryset=MessageAttachment.objects.order_by("pk"))
    return list(thread.messages.select_related("author").prefetch_related(files).order_by("sent_at", "pk"))


def _has_access(child_id: int) -> Exists:
    return Exists(
        ChildAdult.objects.filter(adult=OuterRef("adult"), child_id=child_id, no_information=False).filter(
            adult__user__isnull=False
        )
    )


def participants_of(thread: Thread) -> list[ThreadParticipant]:
    """The family members in the thread, each with ``has_access`` (still linked, not restricted)."""
    return list(
        thread.participant_links.select_related("adult")
        .annotate(has_access=_has_access(thread.child_id))
        .order_by("adult__first_name", "adult__last_name", "pk")
    )


def eligible_links(child: Child) -> list[ChildAdult]:
    """The adults who may be put in a thread about ``child``: linked to the child, with a Tandem
    account, and under no restriction at all. Those with parental responsibility first."""
    return list(
        ChildAdult.objects.filter(
            child=child,
            adult__user__isnull=False,
            adult__user__is_active=True,
            no_information=False,
            no_contact=False,
            no_collection=False,
        )
        .select_related("adult")
        .order_by("-parental_responsibility", "adult__first_name", "adult__last_name")
    )


def own_adult(user: User, child: Child) -> Adult | None:
    """The user's own record as an adult of ``child`` whom no restriction keeps from information."""
    return Adult.objects.filter(user=user, links__child=child, links__no_information=False).first()


def assignable_staff(thread: Thread) -> QuerySet[User]:
    """Who a thread can be passed to: staff of the setting who answer families (leaders and the
    office), and the child's key person and back-up while they work there."""
    child = thread.child
    key_people = [pk for pk in (child.key_person_id, child.backup_key_person_id) if pk]
    members = SettingMembership.objects.filter(setting_id=thread.setting_id, active=True).filter(
        Q(role__in=HANDLER_ROLES) | Q(user_id__in=key_people)
    )
    return User.objects.filter(pk__in=members.values("user_id"), is_active=True).order_by("first_name", "last_name")


def staff_to_tell(thread: Thread) -> set[int]:
    """Who hears of a family's message: the child's key person and back-up, or, with neither
    working in the setting, its managers; and the person it is assigned to. Two queries at most."""
    child = thread.child
    key_people = {pk for pk in (child.key_person_id, child.backup_key_person_id) if pk}
    wanted = key_people | ({thread.assigned_to_id} if thread.assigned_to_id else set())
    working = set(
        SettingMembership.objects.filter(
            setting_id=thread.setting_id, active=True, user__is_active=True, user_id__in=wanted
        ).values_list("user_id", flat=True)
    )
    told = working & wanted
    if not working & key_people:
        told |= set(
            SettingMembership.objects.filter(
                setting_id=thread.setting_id, active=True, user__is_active=True, role__in=MANAGERS
            ).values_list("user_id", flat=True)
        )
    return told


def family_to_tell(thread: Thread) -> set[int]:
    """The thread's family members who still may read it (linked, not restricted, signed up). One query."""
    return set(
        ThreadParticipant.objects.filter(
            thread=thread,
            adult__user__is_active=True,
            adult__links__child_id=thread.child_id,
            adult__links__no_information=False,
        ).values_list("adult__user_id", flat=True)
    )


def children_for_family(user: User) -> list[Child]:
    """The children a parent may write about (linked, no restriction on information)."""
    ids = IsLinkedAdult().child_ids(user)
    if not ids:
        return []
    return list(Child.objects.filter(pk__in=ids).select_related("setting").order_by("first_name", "last_name"))


def handler_setting_ids(user: User) -> list[int]:
    """Settings where the user answers families for every child (from the memoised roles)."""
    return sorted({s for s, role, _ in setting_roles(user) if role in HANDLER_ROLES})


def follow_up_is_due(thread: Thread, today: dt.date | None = None) -> bool:
    day = today or timezone.localdate()
    return bool(thread.follow_up_on and thread.follow_up_on <= day and thread.status == Thread.Status.OPEN)
