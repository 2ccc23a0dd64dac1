"""Consultations for the persona matrix: a draft, an open one and a decided one in the setting, and
an open one in the other provider's setting."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tandem.voice.models import Consultation


def extend(w: Any) -> None:
    today = timezone.localdate()
    common = {"proposal": "We propose to open at 8am instead of 8.30am.", "created_by": w.manager}
    w.consultation_draft = Consultation.objects.create(
        setting=w.setting, title="Earlier opening", closes_on=today + dt.timedelta(days=20), **common
    )
    w.consultation_open = Consultation.objects.create(
        setting=w.setting,
        title="Lunch menu change",
        closes_on=today + dt.timedelta(days=10),
        status=Consultation.Status.OPEN,
        published_at=timezone.now(),
        **common,
    )
    w.consultation_decided = Consultation.objects.create(
        setting=w.setting,
        title="Term dates",
        closes_on=today - dt.timedelta(days=10),
        status=Consultation.Status.DECIDED,
        decision="We keep the term dates.",
        reasons="Most families preferred them.",
        decided_at=timezone.now(),
        **common,
    )
    w.other_consultation = Consultation.objects.create(
        setting=w.other_setting,
        title="Riverside car park",
        closes_on=today + dt.timedelta(days=10),
        status=Consultation.Status.OPEN,
        proposal="A one-way system.",
    )
