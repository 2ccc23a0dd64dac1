"""The world's partnership agreements: one published version in each setting."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from tandem.enrolment.models.contract import AgreementVersion, agreement_fingerprint

TEXT = "## Working together\n\nWe look after your child; you tell us what matters to them."


def _published(setting: Any, by: Any, title: str) -> AgreementVersion:
    return AgreementVersion.objects.create(
        setting=setting,
        number=1,
        title=title,
        body=TEXT,
        created_by=by,
        published_at=timezone.now(),
        published_by=by,
        fingerprint=agreement_fingerprint(title, TEXT),
    )


def extend(w: Any) -> None:
    w.agreement = _published(w.setting, w.manager, "Meadowbank partnership agreement")
    w.other_agreement = _published(w.other_setting, w.other_manager, "Riverside terms and conditions")
