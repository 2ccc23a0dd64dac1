"""Reading one's own notifications and email choices. Only ever the person's own rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.http import url_has_allowed_host_and_scheme

from tandem.core.access import MAX_ID, permitted, setting_roles
from tandem.people.models import Child, ChildAdult

from ..languages import ENGLISH, code_for, name_of
from ..models.notifications import Notification, NotificationPreference
from ..services.notifications import KINDS, Kind


def notifications_of(user: Any) -> QuerySet[Notification]:
    """The person's notifications, newest first (paginate it)."""
    return Notification.objects.filter(recipient_id=user.pk).only(
        "pk", "recipient_id", "kind", "title", "body", "url", "created_at", "read_at"
    )


def unread_count(user: Any) -> int:
    """How many of the person's notifications are unread: one query (the header's bell)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()


def own_notification(user: Any, pk: int) -> Notification:
    """One of the person's own notifications; anyone else's (or none) is 404."""
    if not 0 < pk <= MAX_ID:
        raise Http404
    found = Notification.objects.filter(recipient_id=user.pk, pk=pk).first()
    if found is None:
        raise Http404
    return found


def safe_path(url: str) -> str:
    """``url`` when it is a path inside Tandem, else "" (never an open redirect)."""
    url = (url or "").strip()
    if not url.startswith("/") or url.startswith(("//", "/\\")):
        return ""
    return url if url_has_allowed_host_and_scheme(url, allowed_hosts=set()) else ""


def kind_label(code: str) -> str:
    spec = KINDS.get(code)
    return spec.label if spec else "Notification"


def is_staff(user: Any) -> bool:
    """Has an active role in a setting (loaded once a request by the access layer)."""
    return bool(setting_roles(user))


def is_parent(user: Any) -> bool:
    """Linked to a child as a parent or carer."""
    return ChildAdult.objects.filter(adult__user_id=user.pk).exists()


def kinds_for(user: Any) -> list[Kind]:
    """The kinds of notification this person may get: for everyone, for staff, for parents."""
    audiences = {"everyone"}
    if is_staff(user):
        audiences.add("staff")
    if is_parent(user):
        audiences.add("parents")
    return [kind for kind in KINDS.values() if kind.audience in audiences]


def choices_of(user: Any, kinds: list[Kind]) -> dict[str, str]:
    """How the person gets each of these kinds now: their choice, or the kind's default. One query."""
    chosen = dict(
        NotificationPreference.objects.filter(user_id=user.pk, kind__in=[k.code for k in kinds]).values_list(
            "kind", "delivery"
        )
    )
    return {
        k.code: (NotificationPreference.Delivery.INSTANT if k.mandatory else chosen.get(k.code, k.default))
        for k in kinds
    }


@dataclass(frozen=True)
class LanguageLine:
    """What the preferences page says about the language Tandem writes to the person in."""

    code: str
    name: str
    has_record: bool  # a family record holds their preferred language
    change_child: Child | None  # the child through whose page they can ask for a change

    @property
    def english(self) -> bool:
        return self.code == ENGLISH


def language_line(user: Any) -> LanguageLine:
    """The language Tandem writes to the person in (from their family record), and where to ask
    for a change: the change-request page of their first child they may send one through."""
    from tandem.enrolment.actions.changes import CHANGE_SUBMIT
    from tandem.people.models import Adult

    words = Adult.objects.filter(user_id=user.pk).values_list("preferred_language", flat=True).first()
    code = code_for(words)
    child = None
    if words is not None:
        mine = Child.objects.filter(links__adult__user_id=user.pk).order_by("first_name", "pk")
        child = permitted(user, CHANGE_SUBMIT, mine).first()
    return LanguageLine(code, name_of(code), words is not None, child)
