"""API: children and families. The same actions as the pages, filtered in the database."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from tandem.core import actions as core_actions
from tandem.core.access import permitted, setting_roles
from tandem.people import actions
from tandem.people.models import Child, Need
from tandem.people.selectors import current, needs_of

from .access import declares, load

router = Router(tags=["people"])


class MeOut(Schema):
    email: str
    first_name: str
    last_name: str
    roles: list[str]


class ChildOut(Schema):
    id: int
    first_name: str
    last_name: str
    preferred_name: str
    display_name: str
    date_of_birth: dt.date
    setting: str
    room: str | None
    key_person: str | None

    @staticmethod
    def resolve_setting(obj: Child) -> str:
        return obj.setting.name

    @staticmethod
    def resolve_room(obj: Child) -> str | None:
        return obj.room.name if obj.room else None

    @staticmethod
    def resolve_key_person(obj: Child) -> str | None:
        return obj.key_person.get_full_name() if obj.key_person else None


class NeedOut(Schema):
    id: int
    kind: str
    summary: str
    details: str
    action_plan: str
    severe: bool


@router.get("/me", response=MeOut)
@declares(core_actions.HOME)
def me(request: HttpRequest) -> MeOut:
    user = request.user
    return MeOut(
        email=user.email,  # type: ignore[union-attr]
        first_name=user.first_name,  # type: ignore[union-attr]
        last_name=user.last_name,  # type: ignore[union-attr]
        roles=sorted({role for _, role, _ in setting_roles(user)}),  # type: ignore[arg-type]
    )


@router.get("/children", response=list[ChildOut])
@declares(actions.CHILD_VIEW)
@paginate(PageNumberPagination, page_size=25)
def children(request: HttpRequest, q: str = "") -> QuerySet[Child]:
    found = current(
        permitted(request.user, actions.CHILD_VIEW, Child.objects.select_related("setting", "room", "key_person"))
    )
    for word in q.split()[:5]:
        found = found.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    return found.order_by("last_name", "first_name", "pk")


@router.get("/children/{int:pk}", response=ChildOut)
@declares(actions.CHILD_VIEW)
def child(request: HttpRequest, pk: int) -> Child:
    return load(request, actions.CHILD_VIEW, Child.objects.select_related("setting", "room", "key_person"), pk)


@router.get("/children/{int:pk}/needs", response=list[NeedOut])
@declares(actions.NEEDS_VIEW)
def child_needs(request: HttpRequest, pk: int) -> QuerySet[Need]:
    found = load(request, actions.NEEDS_VIEW, Child.objects.all(), pk)
    return needs_of(actor=request.user, child=found)  # type: ignore[arg-type]
