"""Background work for the briefing meeting. Tasks take ids only; personal data is read inside."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from tandem.people.models import ChildAdult

from .models.information import BriefingMeeting


@task()
def send_briefing_invitation(meeting_id: int) -> int:
    """Tell the child's parents and carers when the meeting is. Adults under a no-contact or
    no-information restriction are never told. Returns how many emails were sent."""
    meeting = BriefingMeeting.objects.select_related("child", "setting", "staff_member").filter(pk=meeting_id).first()
    if meeting is None or meeting.held_at is not None:
        return 0
    links = ChildAdult.objects.filter(
        child=meeting.child, no_contact=False, no_information=False, adult__user__isnull=False
    ).select_related("adult", "adult__user")
    link = settings.TANDEM_SITE_URL.rstrip("/") + reverse("enrolment:briefing", args=[meeting.child_id])
    sent = 0
    for family_link in links:
        to = family_link.adult.user.email if family_link.adult.user else ""
        if not to:
            continue
        body = render_to_string(
            "enrolment/information/email/briefing_invitation.txt",
            {
                "meeting": meeting,
                "adult": family_link.adult,
                "when": timezone.localtime(meeting.scheduled_for),
                "link": link,
            },
        )
        subject = f"Your meeting with {meeting.setting.name}"
        sent += EmailMessage(subject=subject, body=body, to=[to]).send()
    return sent
