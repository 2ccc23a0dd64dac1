"""World objects for consents: the standard seven consent types in each setting, none decided yet."""

from __future__ import annotations

from typing import Any

from tandem.enrolment.models import ConsentCode
from tandem.enrolment.services.consents import ensure_default_consent_types


def extend(w: Any) -> None:
    w.consent_types = {t.code: t for t in ensure_default_consent_types(w.setting)}
    w.photo_consent_type = w.consent_types[ConsentCode.PHOTOS_RECORDS]
    w.other_consent_types = {t.code: t for t in ensure_default_consent_types(w.other_setting)}
    w.other_photo_consent_type = w.other_consent_types[ConsentCode.PHOTOS_RECORDS]
