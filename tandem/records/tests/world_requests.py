"""Access requests in the test world (R66): parent A's request for child A's records, the restricted
parent's request for their own data, a released request of parent A's own data, and a flagged item
of a draft export. The other provider has its own request and review item."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tandem.records.models import AccessExport, AccessRequest, ReviewItem


def _request(w: Any, setting: Any, adult: Any, child: Any, **extra: Any) -> AccessRequest:
    received = timezone.localdate() - dt.timedelta(days=7)
    return AccessRequest.objects.create(
        setting=setting,
        adult=adult,
        child=child,
        subject="child" if child else "self",
        received_on=received,
        due_on=received + dt.timedelta(days=30),
        **extra,
    )


def extend(w: Any) -> None:
    w.access_request = _request(w, w.setting, w.adult_a, w.child_a, details="Everything about Amelia")
    w.self_request = _request(w, w.setting, w.restricted_adult, None)
    w.released_request = _request(w, w.setting, w.adult_a, None, status="released", released_at=timezone.now())
    w.other_access_request = _request(w, w.other_setting, w.other_adult, w.other_child)
    draft = AccessExport.objects.create(request=w.access_request, status="ready")
    w.review_item = ReviewItem.objects.create(
        export=draft, source="people.Need", object_id=w.need_a.pk, title="A flagged item", reason="third_party"
    )
    other_draft = AccessExport.objects.create(request=w.other_access_request, status="ready")
    w.other_review_item = ReviewItem.objects.create(
        export=other_draft, source="people.Need", object_id=w.other_need.pk, title="Another", reason="third_party"
    )
