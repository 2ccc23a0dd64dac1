"""Reads for sending records to another setting (R25): what can be sent, the share log, a link."""

from __future__ import annotations

import hashlib
from typing import Any

from django.db.models import Count, Max, QuerySet
from django.http import Http404

from tandem.core.access import can
from tandem.core.models import User
from tandem.people.models import Child

from ..actions.sharing import SHARE_MANAGE
from ..models import OutsideShare, ProgressCheck, Summary


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def shareable_items(child: Child) -> list[tuple[str, str]]:
    """(key, label) of what may be sent: summaries shared with the family and signed-off checks."""
    items: list[tuple[str, str]] = []
    checks = ProgressCheck.objects.filter(
        child=child, status__in=[ProgressCheck.Status.SIGNED_OFF, ProgressCheck.Status.SHARED]
    ).order_by("-signed_off_at", "-pk")
    for check in checks:
        when = check.completed_on or (check.signed_off_at.date() if check.signed_off_at else None)
        items.append((f"check:{check.pk}", f"Progress check at two{f' of {when:%-d %B %Y}' if when else ''}"))
    summaries = Summary.objects.filter(child=child, status=Summary.Status.SHARED).order_by("-period_end", "-pk")
    for summary in summaries:
        items.append((f"summary:{summary.pk}", f"Summary of learning: {summary.title}"))
    return items


def share_log(*, child: Child) -> QuerySet[OutsideShare]:
    """The child's shares, newest first, with how often and when last each link was opened."""
    return (
        OutsideShare.objects.filter(child=child)
        .select_related("sent_by", "revoked_by", "summary", "progress_check")
        .annotate(opening_count=Count("openings"), last_opened=Max("openings__opened_at"))
        .order_by("-sent_at", "-pk")
    )


def share_of(*, actor: User, child: Child, share_id: int) -> OutsideShare:
    found = OutsideShare.objects.filter(child=child, pk=share_id).first()
    if found is None or not can(actor, SHARE_MANAGE, child):
        raise Http404
    return found


def open_share_by_token(token: str) -> OutsideShare | None:
    """The share a link opens, if it still works (not revoked, not expired, the item still shareable)."""
    if not token or len(token) > 200:
        return None
    share = (
        OutsideShare.objects.select_related("child", "child__setting", "summary", "progress_check")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if share is None or not share.is_open():
        return None
    if share.item == OutsideShare.Item.CHECK:
        check = share.progress_check
        if check is None or not check.is_final:
            return None
    elif share.summary is None or share.summary.status != Summary.Status.SHARED:
        return None
    return share


def shared_item_context(share: OutsideShare) -> dict[str, Any]:
    """What the recipient sees: the item only, read-only, with its areas (a few queries)."""
    context: dict[str, Any] = {"share": share, "child": share.child, "setting": share.child.setting}
    if share.item == OutsideShare.Item.CHECK and share.progress_check is not None:
        check = (
            ProgressCheck.objects.select_related("signed_off_by", "author")
            .prefetch_related("areas__area")
            .get(pk=share.progress_check.pk)
        )
        context["check"] = check
    elif share.summary is not None:
        summary = Summary.objects.prefetch_related("areas__area", "areas__band").get(pk=share.summary.pk)
        context["summary"] = summary
    return context
