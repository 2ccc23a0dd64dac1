"""The world's outings: one announced for room 1 (child A), a draft for child B alone, and one of the
other provider. All in the past, so that other features' pages of what is coming are not changed;
the outing tests make their own coming outings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tandem.comms.models import Outing


def _outing(setting: Any, title: str, rooms: list[Any], children: list[Any], *, announced: bool) -> Outing:
    starts = timezone.now() - dt.timedelta(days=120)
    outing = Outing.objects.create(
        setting=setting,
        title=title,
        purpose="To see the ducks.",
        place="The pond",
        transport="Walking",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        announced_at=starts - dt.timedelta(days=7) if announced else None,
        risk_assessment="Stay back from the water's edge.",
    )
    outing.rooms.set(rooms)
    outing.children.set(children)
    return outing


def extend(w: Any) -> None:
    w.outing_a = _outing(w.setting, "Duck pond (Acorn)", [w.room_1], [w.child_a], announced=True)
    w.outing_b = _outing(w.setting, "Farm visit (Barnaby)", [], [w.child_b], announced=False)
    w.other_outing = _outing(w.other_setting, "Duck pond (Conker)", [w.other_room], [w.other_child], announced=True)
