"""Every read about the privacy notice (R10)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from tandem.core.access import permitted
from tandem.core.models import Setting, User
from tandem.people.models import Adult, ChildAdult

from ..actions.privacy import PRIVACY_TRACK
from ..models.privacy import PrivacyAcknowledgement, PrivacyNotice


def current_notice(setting: Setting | int) -> PrivacyNotice | None:
    """The version parents are asked to read now (the latest published), or None."""
    return PrivacyNotice.objects.filter(setting=setting).select_related("published_by").order_by("-version").first()


def earlier_versions(setting: Setting | int) -> QuerySet[PrivacyNotice]:
    return PrivacyNotice.objects.filter(setting=setting).select_related("published_by").order_by("-version")


def acknowledgement_of(*, user: User, notice: PrivacyNotice | None) -> PrivacyAcknowledgement | None:
    if notice is None or not user.is_authenticated:
        return None
    return PrivacyAcknowledgement.objects.filter(notice=notice, user=user).first()


def _linked_adults_with_sign_in(setting: Setting) -> QuerySet[Adult]:
    """Adults of the setting with an active sign-in, linked to a child on roll whom they may be told about."""
    today = timezone.localdate()
    on_roll = Q(child__leaving_date__isnull=True) | Q(child__leaving_date__gte=today)
    links = ChildAdult.objects.filter(adult=OuterRef("pk"), child__setting=setting, no_information=False).filter(
        on_roll
    )
    return Adult.objects.filter(setting=setting, user__isnull=False, user__is_active=True).filter(Exists(links))


def _may_track(actor: User, setting: Setting) -> bool:
    return permitted(actor, PRIVACY_TRACK, Setting.objects.filter(pk=setting.pk)).exists()


def adults_yet_to_read(*, actor: User, setting: Setting, notice: PrivacyNotice | None) -> QuerySet[Adult]:
    """Linked adults with a sign-in who have not confirmed reading ``notice``, filtered in the database."""
    if notice is None or not _may_track(actor, setting):
        return Adult.objects.none()
    read = PrivacyAcknowledgement.objects.filter(notice=notice, user=OuterRef("user"))
    links = ChildAdult.objects.filter(child__setting=setting).select_related("child").order_by("child__last_name")
    return (
        _linked_adults_with_sign_in(setting)
        .exclude(Exists(read))
        .select_related("user")
        .prefetch_related(Prefetch("links", queryset=links))
        .order_by("last_name", "first_name", "pk")
    )


def reading_counts(*, actor: User, setting: Setting, notice: PrivacyNotice | None) -> tuple[int, int]:
    """(adults with a sign-in who have read ``notice``, adults with a sign-in in all). Two queries."""
    if notice is None or not _may_track(actor, setting):
        return 0, 0
    adults = _linked_adults_with_sign_in(setting)
    read = PrivacyAcknowledgement.objects.filter(notice=notice, user=OuterRef("user"))
    return adults.filter(Exists(read)).count(), adults.count()
