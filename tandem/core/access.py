"""The access layer: who may do what to which thing.

Every thing a user can do is a named :class:`Action` with the :class:`Rule` objects that allow
it; any one rule suffices. A rule is a relationship ("is the key person of this child", "has
the role SENCO in this child's setting") and works two ways:

* ``rule.q(user)`` gives a ``Q`` over the action's model, so lists are filtered in the
  database (:func:`permitted`);
* ``rule.holds(user)`` says whether the user has that relationship to anything at all, which
  answers actions that are not about one object (may this person open the children list?).

A check on one object (:func:`can`) is the list filter applied to that one row, so the two can
never disagree. ``core`` knows nothing of children: the rules about children and families live
in ``tandem.people.rules``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404

if TYPE_CHECKING:
    from .models import User

M = TypeVar("M", bound=models.Model)
NOTHING = Q(pk__in=[])
MAX_ID = 2**63 - 1

ACTIONS: dict[str, Action] = {}


def path(prefix: str, field_name: str) -> str:
    """Join a relation path and a field: ``path("child", "id")`` → ``child__id``."""
    return f"{prefix}__{field_name}" if prefix else field_name


def memo(user: Any, key: str, load: Callable[[], Any]) -> Any:
    """Remember a per-user fact for the life of this user object (one request)."""
    cache: dict[str, Any] = user.__dict__.setdefault("_tandem_access", {})
    if key not in cache:
        cache[key] = load()
    return cache[key]


def forget(user: Any) -> None:
    user.__dict__.pop("_tandem_access", None)
    user.__dict__.pop("_is_setting_staff", None)


class Rule:
    """A relationship that allows an action. Subclasses give both faces."""

    def q(self, user: User) -> Q:
        raise NotImplementedError

    def holds(self, user: User) -> bool:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}({vars(self)})"


class SignedIn(Rule):
    """Any signed-in person. Only for actions about the person themselves (their home page)."""

    def q(self, user: User) -> Q:
        return Q()

    def holds(self, user: User) -> bool:
        return True


def setting_roles(user: User) -> list[tuple[int, str, int | None]]:
    """(setting id, role, room id) for every active role the user holds, loaded once."""
    from .models import SettingMembership

    return memo(
        user,
        "setting_roles",
        lambda: list(
            SettingMembership.objects.filter(user=user, active=True).values_list("setting_id", "role", "room_id")
        ),
    )


def organisation_roles(user: User) -> list[tuple[int, str]]:
    from .models import OrganisationMembership

    return memo(
        user,
        "organisation_roles",
        lambda: list(
            OrganisationMembership.objects.filter(user=user, active=True).values_list("organisation_id", "role")
        ),
    )


@dataclass(frozen=True, repr=False)
class HasSettingRole(Rule):
    """Holds one of ``roles`` in the setting reached by ``setting`` (a path from the model)."""

    roles: tuple[str, ...]
    setting: str = "setting"

    def __init__(self, *roles: str, setting: str = "setting") -> None:
        object.__setattr__(self, "roles", tuple(roles))
        object.__setattr__(self, "setting", setting)

    def setting_ids(self, user: User) -> list[int]:
        return sorted({s for s, role, _ in setting_roles(user) if role in self.roles})

    def q(self, user: User) -> Q:
        ids = self.setting_ids(user)
        return Q(**{path(self.setting, "id__in") if self.setting else "pk__in": ids}) if ids else NOTHING

    def holds(self, user: User) -> bool:
        return bool(self.setting_ids(user))


@dataclass(frozen=True, repr=False)
class HasOrganisationRole(Rule):
    """Holds one of ``roles`` in the organisation reached by ``organisation``."""

    roles: tuple[str, ...]
    organisation: str = "setting__organisation"

    def __init__(self, *roles: str, organisation: str = "setting__organisation") -> None:
        object.__setattr__(self, "roles", tuple(roles))
        object.__setattr__(self, "organisation", organisation)

    def organisation_ids(self, user: User) -> list[int]:
        return sorted({o for o, role in organisation_roles(user) if role in self.roles})

    def q(self, user: User) -> Q:
        ids = self.organisation_ids(user)
        key = path(self.organisation, "id__in") if self.organisation else "pk__in"
        return Q(**{key: ids}) if ids else NOTHING

    def holds(self, user: User) -> bool:
        return bool(self.organisation_ids(user))


@dataclass(frozen=True)
class Action:
    """Something a user can do, with the rules that allow it (any one suffices)."""

    name: str
    rules: tuple[Rule, ...]
    description: str = ""
    audit_read: str = ""  # event recorded each time an object is opened under this action

    def __post_init__(self) -> None:
        if self.name in ACTIONS:
            raise ValueError(f"Action {self.name} is declared twice")
        ACTIONS[self.name] = self

    def __str__(self) -> str:
        return self.name


def _signed_in(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def rule_filter(user: Any, action: Action) -> Q:
    if not _signed_in(user):
        return NOTHING
    combined = NOTHING
    for rule in action.rules:
        combined |= rule.q(user)
    return combined


def permitted(user: Any, action: Action, queryset: QuerySet[M]) -> QuerySet[M]:
    """The rows of ``queryset`` the user may act on, filtered in the database."""
    if not _signed_in(user):
        return queryset.none()
    return queryset.filter(rule_filter(user, action))


def can(user: Any, action: Action, obj: models.Model | None = None) -> bool:
    """May ``user`` do ``action`` (to ``obj``, when the action is about an object)?"""
    if not _signed_in(user):
        return False
    if obj is None:
        return any(rule.holds(user) for rule in action.rules)
    if obj.pk is None:
        return False
    manager = type(obj)._default_manager
    return permitted(user, action, manager.filter(pk=obj.pk)).exists()


def require(user: Any, action: Action, obj: models.Model | None = None) -> None:
    """Raise unless allowed: 404 for an object the user may not know exists, 403 otherwise."""
    if not can(user, action, obj):
        if obj is not None:
            raise Http404
        raise PermissionDenied(action.name)


def get_permitted(user: Any, action: Action, queryset: QuerySet[M], pk: Any) -> M:
    """One object by id, or 404 if it does not exist, the id is malformed, or it is not permitted."""
    if isinstance(pk, str) and not (pk.isascii() and pk.isdigit()):
        raise Http404
    try:
        key = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    if key < 1 or key > MAX_ID:
        raise Http404
    found = permitted(user, action, queryset).filter(pk=key).first()
    if found is None:
        raise Http404
    return found


def actions_named(names: Iterable[str]) -> list[Action]:
    return [ACTIONS[n] for n in names]
