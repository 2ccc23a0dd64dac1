"""Reads of the setting's information and of briefing meetings, filtered by the access layer."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from tandem.core.access import permitted
from tandem.core.models import Setting, User
from tandem.people.models import Adult, Child

from ..actions.information import BRIEFING_VIEW, INFORMATION_MANAGE, INFORMATION_READ
from ..models.information import BriefingMeeting, InformationPage, Topic


def _readable_settings(actor: User, setting: Setting) -> QuerySet[Setting]:
    return permitted(actor, INFORMATION_READ, Setting.objects.filter(pk=setting.pk))


def pages_of(*, actor: User, setting: Setting) -> list[InformationPage]:
    """The setting's written pages, in the standard order of topics."""
    pages = InformationPage.objects.filter(setting__in=_readable_settings(actor, setting)).select_related("updated_by")
    return sorted(pages, key=lambda p: Topic.order(p.topic))


def topics_of(*, actor: User, setting: Setting) -> list[dict[str, Any]]:
    """Every topic with its page, if written (for the index: the manager sees what is missing)."""
    written = {p.topic: p for p in pages_of(actor=actor, setting=setting)}
    return [{"topic": value, "label": label, "page": written.get(value)} for value, label in Topic.choices]


def page_of(*, actor: User, setting: Setting, pk: int) -> InformationPage:
    page = (
        InformationPage.objects.filter(setting__in=_readable_settings(actor, setting))
        .select_related("updated_by", "setting")
        .filter(pk=pk)
        .first()
    )
    if page is None:
        raise Http404
    return page


def page_for_editing(*, actor: User, setting: Setting, topic: str) -> InformationPage | None:
    if topic not in Topic.values:
        raise Http404
    allowed = permitted(actor, INFORMATION_MANAGE, Setting.objects.filter(pk=setting.pk))
    return InformationPage.objects.filter(setting__in=allowed, topic=topic).first()


def other_settings(*, actor: User, setting: Setting) -> QuerySet[Setting]:
    """Other settings whose information this person may read (a parent with children in two)."""
    return permitted(actor, INFORMATION_READ, Setting.objects.exclude(pk=setting.pk)).order_by("name")


def meetings_of(*, actor: User, child: Child) -> QuerySet[BriefingMeeting]:
    """A child's briefing meetings, newest first, with who was there."""
    children = permitted(actor, BRIEFING_VIEW, Child.objects.filter(pk=child.pk))
    present = Prefetch("adults_present", queryset=Adult.objects.order_by("last_name", "first_name"))
    return (
        BriefingMeeting.objects.filter(child__in=children)
        .select_related("staff_member")
        .prefetch_related(present)
        .order_by("-scheduled_for", "-pk")
    )


def meeting_of(*, actor: User, child: Child, pk: int) -> BriefingMeeting:
    meeting = meetings_of(actor=actor, child=child).filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting
