"""World objects for the privacy notice: a published notice in each setting; B's step-parent has read theirs."""

from __future__ import annotations

from typing import Any

from tandem.enrolment.models import PrivacyAcknowledgement, PrivacyNotice


def extend(w: Any) -> None:
    w.privacy_notice = PrivacyNotice.objects.create(
        setting=w.setting,
        version=1,
        body="## Who we are\n\nMeadowbank Preschool keeps the records of the children in its care.",
        published_by=w.manager,
    )
    w.other_privacy_notice = PrivacyNotice.objects.create(
        setting=w.other_setting,
        version=1,
        body="## Who we are\n\nRiverside Nursery keeps the records of the children in its care.",
        published_by=w.other_manager,
    )
    w.privacy_read_b = PrivacyAcknowledgement.objects.create(notice=w.privacy_notice, user=w.parent_b_no_pr)
