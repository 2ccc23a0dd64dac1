"""World objects for meetings (R33–R35): a meeting for each family, one for the other provider's
child, and a parents' evening in each setting. Meeting B names the room practitioner as attending
(the attending-staff rule); no notifications are written here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tandem.comms.models.meetings import Meeting, MeetingOption, MeetingRound


def _meeting(child: Any, organiser: Any, staff: list[Any], title: str) -> Meeting:
    meeting = Meeting.objects.create(
        setting=child.setting, child=child, title=title, mode=Meeting.Mode.ASK, organiser=organiser
    )
    meeting.staff.set(staff)
    soon = timezone.now() + dt.timedelta(days=7)
    MeetingOption.objects.bulk_create(
        [MeetingOption(meeting=meeting, starts_at=soon + dt.timedelta(hours=h)) for h in (0, 26)]
    )
    return meeting


def extend(w: Any) -> None:
    w.meeting_a = _meeting(w.child_a, w.key_person_a, [w.key_person_a], "Amelia's key person meeting")
    w.meeting_b = _meeting(w.child_b, w.manager, [w.room_practitioner], "Barnaby's review")
    w.other_meeting = _meeting(w.other_child, w.other_manager, [w.other_manager], "Ottilie's key person meeting")
    w.meeting_round = MeetingRound.objects.create(setting=w.setting, room=w.room_1, title="Acorn parents' evening")
    w.other_meeting_round = MeetingRound.objects.create(
        setting=w.other_setting, room=w.other_room, title="Conker parents' evening"
    )
