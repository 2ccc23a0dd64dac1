"""Signposting in the test world (R47): child A's family was pointed to the setting's family hub,
and the other provider's child to theirs.

(``w.agency`` and ``w.other_agency`` are added by world_visits.py, which runs after this module,
so the signposting here names agencies of its own.)"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tandem.agencies.models import Agency, Signposting


def extend(w: Any) -> None:
    w.family_hub = Agency.objects.create(
        setting=w.setting,
        name="Meadowbank Family Hub",
        category=Agency.Category.CHILDRENS_CENTRE,
        phone="01632 960050",
        website="https://familyhub.example.org",
        description="Stay and play, parenting courses and a family support worker.",
    )
    w.signposting = Signposting.objects.create(
        child=w.child_a,
        adult=w.adult_a,
        agency=w.family_hub,
        reason="Penny asked about groups where Amelia can play with other children.",
        how="Talked at collection",
        shared_with_family=True,
        follow_up_on=timezone.localdate() + dt.timedelta(days=14),
        recorded_by=w.key_person_a,
    )
    w.other_family_hub = Agency.objects.create(
        setting=w.other_setting,
        name="Riverside Family Centre",
        category=Agency.Category.CHILDRENS_CENTRE,
        phone="01632 960060",
    )
    w.other_signposting = Signposting.objects.create(
        child=w.other_child,
        adult=w.other_adult,
        agency=w.other_family_hub,
        reason="Olga asked about help with money.",
        recorded_by=w.other_manager,
    )
