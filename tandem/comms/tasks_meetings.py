"""Background work of meetings (R33–R35): telling every family of a parents' evening, and the
reminder the day before a meeting. Ids only; each task checks again that its work is still due."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from .models.meetings import Meeting, MeetingRound
from .selectors.meetings import family_user_ids
from .services.meetings import KIND, when_text
from .services.notifications import notify


@task()
def tell_families_of_round(round_id: int) -> int:
    """Tell the family of each child of a parents' evening that slots are open to book. One
    notification per family member; returns how many were written."""
    meeting_round = MeetingRound.objects.filter(pk=round_id).first()
    if meeting_round is None:
        return 0
    meetings = list(
        Meeting.objects.filter(round=meeting_round, status=Meeting.Status.ASKING, slot__isnull=True).select_related(
            "child"
        )
    )
    first = meeting_round.slots.order_by("starts_at").values_list("starts_at", flat=True).first()
    families = family_user_ids(m.child_id for m in meetings)
    written = 0
    for meeting in meetings:
        name = meeting.child.preferred_name or meeting.child.first_name
        body = (
            f"{meeting_round.title}: book a time to talk about {name} with their key person. "
            f"The first slot is {when_text(first)}; each time can be booked by one family, so book soon."
        )
        if meeting_round.venue:
            body += f"\nWhere: {meeting_round.venue}"
        if meeting_round.venue_access_notes:
            body += f"\nAccess: {meeting_round.venue_access_notes}"
        written += len(
            notify(
                kind=KIND,
                user_ids=families[meeting.child_id],
                title=f"{meeting_round.title}: please book a time to talk about {name}",
                body=body,
                url=reverse("comms:meeting", args=[meeting.pk]),
                setting_id=meeting.setting_id,
            )
        )
    return written


@task()
def remind_meeting(meeting_id: int, starts_at: str) -> int:
    """The day before: remind the family of a fixed meeting. Does nothing if the meeting has moved,
    been cancelled or held, or if its moment has not come (a backend that cannot defer)."""
    meeting = Meeting.objects.filter(pk=meeting_id).select_related("child").first()
    if meeting is None or meeting.status != Meeting.Status.FIXED or meeting.starts_at is None:
        return 0
    if meeting.starts_at.isoformat() != starts_at:
        return 0
    now = timezone.now()
    if not meeting.starts_at - dt.timedelta(days=1) <= now < meeting.starts_at:
        return 0
    name = meeting.child.preferred_name or meeting.child.first_name
    body = f"{meeting.title}: {when_text(meeting.starts_at)}."
    if meeting.venue:
        body += f"\nWhere: {meeting.venue}"
    if meeting.interpreter_needed:
        body += f"\nAn interpreter will be there ({meeting.interpreter_language})."
    return len(
        notify(
            kind=KIND,
            user_ids=family_user_ids([meeting.child_id])[meeting.child_id],
            title=f"Reminder: the meeting about {name} is tomorrow",
            body=body,
            url=reverse("comms:meeting", args=[meeting.pk]),
            setting_id=meeting.setting_id,
        )
    )
