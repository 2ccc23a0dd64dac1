"""Demo privacy notice: two versions published by the manager; some parents have read the latest.

The main demo parent (Emma Morgan) read version 1 but not version 2, so she sees the prompt under
her children; Sana Ahmed and Janet Osborne have read version 2; Jack Morgan read only version 1.
Idempotent: versions and acknowledgements are created only when missing.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tandem.core.models import Setting, User
from tandem.people.management.commands.seed_demo import (
    FOSTER_CARER_EMAIL,
    MANAGER_EMAIL,
    OTHER_PARENT_EMAIL,
    PARENT_EMAIL,
    SEPARATED_PARENT_EMAIL,
)

from ..models.privacy import PrivacyAcknowledgement, PrivacyNotice
from ..services.privacy import starter_notice

SAFETY_HEADING = "## How we keep it safe"
PAPER_ONLY = (
    "## How we keep it safe\n\nPaper records are kept in a locked cabinet in the office. Only the manager, "
    "deputy and administrator hold a key.\n\n"
)


def _first_version(body: str) -> str:
    """Version 1, from before the setting moved its records into Tandem."""
    before, _, after = body.partition(SAFETY_HEADING)
    rest = after.split("\n## ", 1)
    return before + PAPER_ONLY + ("## " + rest[1] if len(rest) > 1 else "")


def seed(*, setting: Setting) -> None:
    now = timezone.now()
    manager = User.objects.filter(email=MANAGER_EMAIL).first()
    current = starter_notice(setting)
    versions = [(1, _first_version(current), 400), (2, current, 10)]
    notices: dict[int, PrivacyNotice] = {}
    for version, body, days_ago in versions:
        notice = PrivacyNotice.objects.filter(setting=setting, version=version).first()
        if notice is None:
            notice = PrivacyNotice.objects.create(
                setting=setting,
                version=version,
                body=body,
                published_at=now - dt.timedelta(days=days_ago),
                published_by=manager,
            )
        notices[version] = notice
    readers = {
        PARENT_EMAIL: (1,),
        SEPARATED_PARENT_EMAIL: (1,),
        OTHER_PARENT_EMAIL: (1, 2),
        FOSTER_CARER_EMAIL: (2,),
    }
    users = {u.email: u for u in User.objects.filter(email__in=readers)}
    for email, read in readers.items():
        user = users.get(email)
        if user is None:
            continue
        for version in read:
            notice = notices[version]
            PrivacyAcknowledgement.objects.get_or_create(
                notice=notice, user=user, defaults={"at": notice.published_at + dt.timedelta(days=3)}
            )
