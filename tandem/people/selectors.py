"""Every non-trivial read about children and families, already filtered by the access layer."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from tandem.core.access import permitted
from tandem.core.models import Room, Setting, SettingMembership, User
from tandem.core.roles import SettingRole

from . import actions
from .models import Adult, Child, ChildAdult, Need


def _children() -> QuerySet[Child]:
    return Child.objects.select_related("room", "setting", "key_person", "backup_key_person")


def current(queryset: QuerySet[Child]) -> QuerySet[Child]:
    today = timezone.localdate()
    return queryset.filter(Q(leaving_date__isnull=True) | Q(leaving_date__gte=today))


def search_children(*, actor: User, text: str = "", include_left: bool = False) -> QuerySet[Child]:
    """The children list for those who manage a setting, searched by name in the database."""
    children = permitted(actor, actions.CHILD_LIST, _children())
    if not include_left:
        children = current(children)
    for word in text.split()[:5]:
        children = children.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(preferred_name__icontains=word)
        )
    return children.order_by("last_name", "first_name", "pk")


def setting_overview(*, setting_ids: set[int]) -> list[Setting]:
    """The manager's glance at each setting: children on roll per room and what needs doing.

    A fixed number of queries, whatever the number of children."""
    today = timezone.localdate()
    on_roll = Q(children__leaving_date__isnull=True) | Q(children__leaving_date__gte=today)
    rooms = Room.objects.annotate(on_roll=Count("children", filter=on_roll)).order_by("name")
    adults = Adult.objects.filter(setting_id__in=setting_ids)
    unsigned = dict(
        adults.filter(user__isnull=True, links__isnull=False)
        .values_list("setting_id")
        .annotate(n=Count("pk", distinct=True))
        .values_list("setting_id", "n")
    )
    found: list[Setting] = list(
        Setting.objects.filter(pk__in=setting_ids)
        .prefetch_related(Prefetch("rooms", queryset=rooms))
        .annotate(
            on_roll=Count("children", filter=on_roll, distinct=True),
            without_key_person=Count("children", filter=on_roll & Q(children__key_person__isnull=True), distinct=True),
            with_severe_needs=Count("children", filter=on_roll & Q(children__needs__severe=True), distinct=True),
        )
        .order_by("name")
    )
    for setting in found:
        setting.adults_without_sign_in = unsigned.get(setting.pk, 0)  # type: ignore[attr-defined]
    return found


def search_adults(*, actor: User, text: str = "", without_sign_in: bool = False) -> QuerySet[Adult]:
    adults = permitted(actor, actions.ADULT_LIST, Adult.objects.select_related("setting", "user"))
    if without_sign_in:
        adults = adults.filter(user__isnull=True)
    for word in text.split()[:5]:
        adults = adults.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word))
    links = ChildAdult.objects.select_related("child").order_by("child__last_name")
    return adults.prefetch_related(Prefetch("links", queryset=links)).order_by("last_name", "first_name", "pk")


def children_of_parent(*, actor: User) -> QuerySet[Child]:
    """The children this adult is linked to and may be told about (parent home)."""
    own = _children().filter(links__adult__user=actor)
    # the emergency list only for children the adult may see it for (parental responsibility)
    allowed = permitted(actor, actions.EMERGENCY_CONTACTS_VIEW, Child.objects.all()).values("pk")
    emergency = Prefetch("links", queryset=_emergency_links().filter(child__in=allowed), to_attr="emergency_links")
    return (
        current(permitted(actor, actions.CHILD_VIEW, own))
        .distinct()
        .prefetch_related(emergency)
        .order_by("date_of_birth", "pk")
    )


def key_children(*, actor: User) -> QuerySet[Child]:
    mine = _children().filter(Q(key_person=actor) | Q(backup_key_person=actor))
    return current(permitted(actor, actions.CHILD_VIEW, mine)).order_by("last_name", "first_name")


def room_children(*, actor: User) -> QuerySet[Child]:
    rooms = SettingMembership.objects.filter(user=actor, active=True, room__isnull=False).values("room_id")
    return current(permitted(actor, actions.CHILD_VIEW, _children().filter(room_id__in=rooms))).order_by(
        "room__name", "last_name", "first_name"
    )


def family_links(*, actor: User, child: Child) -> QuerySet[ChildAdult]:
    """The adults linked to a child, for staff allowed to see the family (restrictions first)."""
    if not permitted(actor, actions.FAMILY_VIEW, Child.objects.filter(pk=child.pk)).exists():
        return ChildAdult.objects.none()
    return ChildAdult.objects.filter(child=child).select_related("adult", "adult__user")


def needs_of(*, actor: User, child: Child) -> QuerySet[Need]:
    if not permitted(actor, actions.NEEDS_VIEW, Child.objects.filter(pk=child.pk)).exists():
        return Need.objects.none()
    return Need.objects.filter(child=child)


def _emergency_links() -> QuerySet[ChildAdult]:
    return (
        ChildAdult.objects.filter(emergency_contact=True, no_contact=False)
        .select_related("adult")
        .order_by("emergency_priority", "pk")
    )


def emergency_contacts(*, child: Child) -> QuerySet[ChildAdult]:
    """Who the setting calls, in order. Adults under a no-contact restriction are never listed."""
    return _emergency_links().filter(child=child)


STRUCTURE_ORDER = [
    SettingRole.MANAGER,
    SettingRole.DEPUTY,
    SettingRole.DSL,
    SettingRole.SENCO,
    SettingRole.ADMINISTRATOR,
    SettingRole.PRACTITIONER,
    SettingRole.VOLUNTEER,
]


def setting_contacts_for(*, setting_ids: set[int]) -> dict[int, list[SettingMembership]]:
    """The staffing structure of each setting, leaders first, in one query."""
    rows = SettingMembership.objects.filter(setting_id__in=setting_ids, active=True).select_related("user", "room")
    ranked = sorted(rows, key=lambda m: (STRUCTURE_ORDER.index(SettingRole(m.role)), m.user.last_name, m.pk))
    by_setting: dict[int, list[SettingMembership]] = {}
    for membership in ranked:
        by_setting.setdefault(membership.setting_id, []).append(membership)
    return by_setting


def setting_contacts(*, setting: Setting) -> list[SettingMembership]:
    """The staffing structure parents see: leaders first, then the team."""
    return setting_contacts_for(setting_ids={setting.pk}).get(setting.pk, [])


def staff_of(setting: Setting) -> QuerySet[User]:
    """Staff who may be a key person: every active role but volunteer or student."""
    key_roles = [r for r in SettingRole.values if r != SettingRole.VOLUNTEER]
    return (
        User.objects.filter(
            setting_memberships__setting=setting,
            setting_memberships__active=True,
            setting_memberships__role__in=key_roles,
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


def family_user_ids(
    *,
    setting_id: int | None = None,
    room_id: int | None = None,
    child_ids: list[int] | None = None,
    parental_responsibility: bool = False,
    contact: bool = False,
    include_left: bool = False,
) -> list[int]:
    """The sign-ins of the families of current children (of a setting, a room, or these children):
    parents and carers whom no restriction keeps from information, optionally only those with
    parental responsibility, or only those no restriction keeps from contact; ``include_left`` also
    counts children who have left. The one way a feature finds whom to tell. One query."""
    links = ChildAdult.objects.filter(no_information=False, adult__user__isnull=False, adult__user__is_active=True)
    if setting_id is not None:
        links = links.filter(child__setting_id=setting_id)
    if room_id is not None:
        links = links.filter(child__room_id=room_id)
    if child_ids is not None:
        links = links.filter(child_id__in=child_ids)
    if parental_responsibility:
        links = links.filter(parental_responsibility=True)
    if contact:
        links = links.filter(no_contact=False)
    if not include_left:
        today = timezone.localdate()
        links = links.filter(Q(child__leaving_date__isnull=True) | Q(child__leaving_date__gte=today))
    return sorted(set(links.values_list("adult__user_id", flat=True)))
