"""Background work for settling in. Tasks take ids only; personal data is read inside the task."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from tandem.enrolment.models.settling import SettlingReply


@task()
def notify_key_person_of_reply(reply_id: int) -> bool:
    """Tell the child's key person that a parent has answered a settling-in note.

    The email says who replied about which child and links to the page; the reply itself stays
    behind the sign-in. Nothing is sent when there is no key person, or they no longer work there."""
    reply = (
        SettlingReply.objects.select_related("author", "entry__child__key_person", "entry__child__setting")
        .filter(pk=reply_id)
        .first()
    )
    if reply is None:
        return False
    child = reply.entry.child
    key_person = child.key_person
    if key_person is None or not key_person.email or not key_person.is_active:
        return False
    if not key_person.setting_memberships.filter(setting_id=child.setting_id, active=True).exists():
        return False
    link = (
        settings.TANDEM_SITE_URL.rstrip("/")
        + reverse("enrolment:settling", args=[child.pk])
        + f"#entry-{reply.entry_id}"
    )
    body = render_to_string(
        "enrolment/settling/email/reply.txt", {"reply": reply, "child": child, "key_person": key_person, "link": link}
    )
    subject = "A parent has replied to a settling-in note"  # no child's name in a subject line
    return EmailMessage(subject=subject, body=body, to=[key_person.email]).send() == 1
