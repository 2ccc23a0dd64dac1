"""Background work for settling in. Tasks take ids only; personal data is read inside the task."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from tandem.comms.services.notifications import notify
from tandem.enrolment.models.settling import SettlingReply

REPLY_KIND = "enrolment.settling_reply"


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
    body = render_to_string(
        "enrolment/settling/email/reply.txt", {"reply": reply, "child": child, "key_person": key_person}
    )
    return bool(
        notify(
            kind=REPLY_KIND,
            user_ids=[key_person.pk],
            title="A parent has replied to a settling-in note",  # no child's name in a subject line
            body=body,
            url=reverse("enrolment:settling", args=[child.pk]) + f"#entry-{reply.entry_id}",
            setting_id=child.setting_id,
        )
    )
