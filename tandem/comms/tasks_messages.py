"""Background work of messages (R26): telling people of a new message or a thread passed to them.

Run after commit, with ids only. Who is told is worked out now, not when the message was written,
so a parent restricted in between is not told. The notification says who wrote and about which
child, never what was written; its link is the thread's page, behind the access layer.
"""

from __future__ import annotations

from django.urls import reverse
from django_tasks import task

from tandem.core.access import can
from tandem.core.models import User

from .actions.messages import THREAD_MANAGE
from .models.messages import Message, Thread
from .selectors.messages import family_to_tell, staff_to_tell
from .services.notifications import notify

KIND = "comms.message"


def thread_path(thread: Thread) -> str:
    return reverse("comms:message_thread", args=[thread.pk])


@task()
def notify_message(message_id: int) -> int:
    """Tell the other side of the thread about a new message. Returns how many people were told."""
    message = Message.objects.select_related("thread__child", "thread__setting", "author").filter(pk=message_id).first()
    if message is None:
        return 0
    thread = message.thread
    child = thread.child
    author = message.author.get_full_name() if message.author else "Someone"
    if message.from_family:
        people = staff_to_tell(thread)
        title = f"New message from {author} about {child.display_name}"
        body = f"{author} has written to {thread.setting.name} about {child.display_name}. "
        body += "Open Tandem to read it and reply."
    else:
        people = family_to_tell(thread)
        name = child.preferred_name or child.first_name
        title = f"New message from {thread.setting.name} about {name}"
        body = f"{author} at {thread.setting.name} has written to you about {name}. Open Tandem to read it and reply."
    people.discard(message.author_id or 0)
    notify(kind=KIND, user_ids=people, title=title, body=body, url=thread_path(thread), setting_id=thread.setting_id)
    return len(people)


@task()
def notify_assigned(thread_id: int, assignee_id: int, by_id: int) -> int:
    """Tell a member of staff that a thread was passed to them (if they still have it and may handle it)."""
    thread = Thread.objects.select_related("child").filter(pk=thread_id, assigned_to_id=assignee_id).first()
    assignee = User.objects.filter(pk=assignee_id, is_active=True).first()
    if thread is None or assignee is None or not can(assignee, THREAD_MANAGE, thread):
        return 0
    by = User.objects.filter(pk=by_id).first()
    who = by.get_full_name() if by else "A colleague"
    notify(
        kind=KIND,
        user_ids=[assignee_id],
        title=f"A conversation about {thread.child.display_name} was passed to you",
        body=f"{who} asked you to answer it. Open Tandem to read it.",
        url=thread_path(thread),
        setting_id=thread.setting_id,
    )
    return 1
