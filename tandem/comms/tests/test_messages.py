"""Messages (R26): who sees which thread, starting and replying, notifications, the inbox and its
filters, unread, attachments, "Tell us about a change at home", the menu and the child links."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from tandem.comms.actions.messages import MESSAGES
from tandem.comms.models import Notification
from tandem.comms.models.messages import Message, MessageAttachment, Thread, ThreadParticipant, ThreadRead
from tandem.comms.selectors import messages as selectors
from tandem.comms.services import messages as services
from tandem.comms.tasks_messages import notify_assigned
from tandem.comms.views.messages import messages_url
from tandem.conftest import login
from tandem.core import navigation
from tandem.core.access import can, forget
from tandem.core.models import AuditEvent
from tandem.factories import AdultFactory, ChildAdultFactory, ChildFactory, UserFactory
from tandem.people.panels import links_for_children


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def thread_url(thread: Thread) -> str:
    return reverse("comms:message_thread", args=[thread.pk])


def told(kind: str = "comms.message") -> dict[int, Notification]:
    return {n.recipient_id: n for n in Notification.objects.filter(kind=kind)}


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (640, 480), (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def linked_adult(world: Any, first: str, *, account: bool = True, pr: bool = False, **link: Any) -> Any:
    user = UserFactory(first_name=first, last_name="Familyson") if account else None
    adult = AdultFactory(user=user, setting=world.setting, first_name=first, last_name="Familyson")
    ChildAdultFactory(child=world.child_a, adult=adult, parental_responsibility=pr, **link)
    return adult


# --- access ---------------------------------------------------------------------------------------


def test_who_may_open_a_thread_and_its_lists(world: Any, client: Client) -> None:
    url = thread_url(world.thread_a)
    for persona, status in [
        ("parent_a", 200),
        ("key_person_a", 200),
        ("administrator", 200),
        ("dsl", 200),
        ("restricted_parent", 404),  # a participant, but kept from information about the child
        ("parent_b_no_pr", 404),  # another family
        ("room_practitioner", 404),  # works in A's room, but is not the key person
        ("volunteer", 404),
        ("other_manager", 404),
    ]:
        login(client, world[persona])
        response = client.get(url)
        assert response.status_code == status, persona
        if status == 200:
            assert "Wellies for outdoor play" in response.content.decode()
    # A thread about child A that parent A is not in: staff see it, parent A does not.
    note = services.start_thread(
        actor=world.manager,
        child=world.child_a,
        subject="Private to the other parent",
        body="Hello",
        adult_ids=[linked_adult(world, "Dana", pr=True).pk],
    )
    login(client, world.parent_a)
    assert client.get(thread_url(note)).status_code == 404
    mine = client.get(reverse("comms:my_messages")).content.decode()
    assert "Wellies for outdoor play" in mine and "Private to the other parent" not in mine
    assert "Lunch box" not in mine  # another family's
    page = client.get(reverse("comms:child_messages", args=[world.child_a.pk])).content.decode()
    assert "Wellies for outdoor play" in page and "Private to the other parent" not in page
    assert client.get(reverse("comms:child_messages", args=[world.child_b.pk])).status_code == 404
    assert client.get(reverse("comms:message_manage", args=[world.thread_a.pk])).status_code == 405
    assert client.post(reverse("comms:message_manage", args=[world.thread_a.pk])).status_code == 404
    # The restricted parent has no messages page at all, and no thread listed anywhere.
    assert not selectors.family_threads(world.restricted_parent).exists()
    assert not selectors.child_threads(world.restricted_parent, world.child_a).exists()
    login(client, world.restricted_parent)
    assert client.get(reverse("comms:my_messages")).status_code == 403
    assert client.get(reverse("comms:child_messages", args=[world.child_a.pk])).status_code == 404
    assert client.post(reverse("comms:message_reply", args=[world.thread_a.pk]), {"body": "Hi"}).status_code == 404
    # Staff see every thread about the child they answer for; malformed ids are 404s too.
    login(client, world.key_person_a)
    page = client.get(reverse("comms:child_messages", args=[world.child_a.pk])).content.decode()
    assert "Private to the other parent" in page and "Wellies" in page
    assert client.get("/messages/99999999/").status_code == 404


# --- starting a thread ----------------------------------------------------------------------------


def test_a_parent_starts_a_thread_with_the_adults_they_choose(world: Any, client: Client, committed: Any) -> None:
    dad = linked_adult(world, "Dominic", pr=True)
    linked_adult(world, "Gran", account=False)  # no account: never offered
    login(client, world.parent_a)
    url = reverse("comms:message_new", args=[world.child_a.pk])
    page = client.get(url).content.decode()
    assert "Dominic Familyson" in page and "Gran Familyson" not in page
    assert "Restrictham" not in page and "Penny Parentish" not in page  # never the restricted parent; not oneself
    refused = client.post(
        url, {"subject": "Sun cream", "topic": "general", "body": "Please", "people": [world.restricted_adult.pk]}
    )
    assert refused.status_code == 400 and "Choose only from the people listed." in refused.content.decode()
    with committed():
        response = client.post(
            url,
            {"subject": "Sun cream", "topic": "wellbeing", "body": "Can you put it on at noon?", "people": [dad.pk]},
        )
    thread = Thread.objects.get(subject="Sun cream")
    assert response.status_code == 302 and response["Location"] == thread_url(thread)
    assert set(thread.participants.values_list("pk", flat=True)) == {world.adult_a.pk, dad.pk}
    message = thread.messages.get()
    assert message.from_family and message.author == world.parent_a and thread.topic == "wellbeing"
    # The key person is told (the child has one, so not the managers), with a link to the thread only.
    notes = told()
    assert set(notes) == {world.key_person_a.pk}
    note = notes[world.key_person_a.pk]
    assert note.url == thread_url(thread) and "noon" not in note.url + note.title + note.body
    assert "Penny Parentish" in note.title and note.setting_id == world.setting.pk
    assert AuditEvent.objects.filter(event="comms.message.started", object_id=thread.pk).exists()
    # The writer has read their own message; the key person has not.
    assert not selectors.with_unread(Thread.objects.filter(pk=thread.pk), world.parent_a).get().unread
    assert selectors.with_unread(Thread.objects.filter(pk=thread.pk), world.key_person_a).get().unread


def test_staff_choose_among_eligible_adults_those_with_pr_ticked(world: Any, client: Client, committed: Any) -> None:
    step = linked_adult(world, "Sam")  # no parental responsibility: offered, not ticked
    login(client, world.manager)
    url = reverse("comms:message_new", args=[world.child_a.pk])
    page = client.get(url).content.decode()
    assert "Penny Parentish" in page and "Sam Familyson" in page and "Restrictham" not in page
    assert f'value="{world.adult_a.pk}" id="id_people_0" checked>' in page  # parental responsibility
    assert f'value="{step.pk}" id="id_people_1">' in page  # not ticked
    none = client.post(url, {"subject": "Trip", "topic": "general", "body": "Hello", "people": []})
    assert none.status_code == 400
    assert (
        '<a href="#id_people_0">Who is it for?: Choose at least one person to send it to.</a>' in none.content.decode()
    )
    with committed():
        client.post(url, {"subject": "Trip", "topic": "general", "body": "Hello", "people": [world.adult_a.pk]})
    thread = Thread.objects.get(subject="Trip")
    assert list(thread.participants.all()) == [world.adult_a] and not thread.messages.get().from_family
    assert set(told()) == {world.parent_a.pk}  # Sam was not chosen
    assert step.pk not in set(thread.participants.values_list("pk", flat=True))
    # A child whose family has no account: staff are told, not shown an empty form.
    lonely = ChildFactory(setting=world.setting, key_person=world.key_person_a)
    page = client.get(reverse("comms:message_new", args=[lonely.pk])).content.decode()
    assert "No one in" in page and 'name="subject"' not in page


# --- replies and who is told ----------------------------------------------------------------------


def test_replies_tell_the_other_side_only_those_with_access(world: Any, client: Client, committed: Any) -> None:
    login(client, world.key_person_a)
    with committed():
        response = client.post(reverse("comms:message_reply", args=[world.thread_a.pk]), {"body": "Yes, of course."})
    assert response.status_code == 302
    # Staff reply: parent A is told; the restricted parent, though a participant, is not.
    assert set(told()) == {world.parent_a.pk}
    Notification.objects.all().delete()
    # A family message about a child without a key person: the managers, and the assignee.
    services.manage(actor=world.manager, thread=world.thread_b, assignee=world.administrator, follow_up_on=None)
    Notification.objects.all().delete()
    with committed():
        services.reply(actor=world.parent_b_no_pr, thread=world.thread_b, body="Thank you!")
    assert set(told()) == {world.manager.pk, world.deputy.pk, world.administrator.pk}
    # With a key person: the key person and the assignee, not the managers.
    Notification.objects.all().delete()
    services.manage(actor=world.manager, thread=world.thread_a, assignee=world.senco, follow_up_on=None)
    Notification.objects.all().delete()
    with committed():
        services.reply(actor=world.parent_a, thread=world.thread_a, body="Great")
    assert set(told()) == {world.key_person_a.pk, world.senco.pk}
    # A reply to a closed thread opens it again.
    services.set_status(actor=world.manager, thread=world.thread_a, status="closed")
    services.reply(actor=world.parent_a, thread=world.thread_a, body="One more thing")
    world.thread_a.refresh_from_db()
    assert world.thread_a.status == "open"
    assert [m.body for m in selectors.messages_of(world.thread_a)][-2:] == ["Great", "One more thing"]


def test_assign_follow_up_close_and_reopen(world: Any, client: Client, committed: Any) -> None:
    login(client, world.administrator)
    url = reverse("comms:message_manage", args=[world.thread_a.pk])
    page = client.get(thread_url(world.thread_a)).content.decode()
    assert "Who answers it" in page and "Rowan Roomfield" not in page  # only staff who answer families
    refused = client.post(url, {"assigned_to": world.room_practitioner.pk})
    assert refused.status_code == 400 and "Choose someone from the list." in refused.content.decode()
    past = client.post(url, {"follow_up_on": (timezone.localdate() - dt.timedelta(days=2)).isoformat()})
    assert "Choose today or a later date." in past.content.decode()
    with committed():
        client.post(url, {"assigned_to": world.key_person_a.pk, "follow_up_on": timezone.localdate().isoformat()})
    world.thread_a.refresh_from_db()
    assert world.thread_a.assigned_to == world.key_person_a and world.thread_a.follow_up_on == timezone.localdate()
    assert set(told()) == {world.key_person_a.pk} and "passed to you" in told()[world.key_person_a.pk].title
    assert notify_assigned.call(world.thread_a.pk, world.room_practitioner.pk, world.manager.pk) == 0
    status = reverse("comms:message_status", args=[world.thread_a.pk])
    with committed():
        client.post(status, {"status": "closed"})
        world.thread_a.refresh_from_db()
        assert world.thread_a.status == "closed"
        client.post(status, {"status": "open"})
    world.thread_a.refresh_from_db()
    assert world.thread_a.status == "open"
    events = set(AuditEvent.objects.filter(object_id=world.thread_a.pk).values_list("event", flat=True))
    assert {"comms.message.assigned", "comms.message.follow_up_set", "comms.message.closed"} <= events
    assert "comms.message.reopened" in events
    # Families may not.
    login(client, world.parent_a)
    assert client.post(status, {"status": "closed"}).status_code == 404


# --- the inbox, unread, filters, queries ----------------------------------------------------------


def _inbox(client: Client, world: Any, **params: str) -> str:
    return client.get(reverse("comms:message_inbox", args=[world.setting.pk]), params).content.decode()


def test_inbox_unread_and_filters(world: Any, client: Client) -> None:
    login(client, world.key_person_a)
    assert "Lunch box" not in _inbox(client, world)  # B is not the key person's child
    assert "Wellies" in _inbox(client, world, unread="on")  # never opened
    client.get(thread_url(world.thread_a))  # opening marks it read
    assert ThreadRead.objects.filter(thread=world.thread_a, user=world.key_person_a).exists()
    assert "Wellies" not in _inbox(client, world, unread="on")
    services.reply(actor=world.parent_a, thread=world.thread_a, body="Also: hat")
    assert "Wellies" in _inbox(client, world, unread="on")  # a new message since
    login(client, world.manager)
    everything = _inbox(client, world)
    assert "Wellies" in everything and "Lunch box" in everything and "Nap times" not in everything
    services.manage(
        actor=world.manager, thread=world.thread_b, assignee=world.manager, follow_up_on=timezone.localdate()
    )
    mine = _inbox(client, world, mine="on")
    assert "Lunch box" in mine and "Wellies" not in mine
    due = _inbox(client, world, due="on")
    assert "Lunch box" in due and "Wellies" not in due and "Follow up" in due
    assert "Wellies" in _inbox(client, world, q="amelia") and "Lunch box" not in _inbox(client, world, q="amelia")
    assert "Lunch box" in _inbox(client, world, q="lunch") and "Wellies" not in _inbox(client, world, q="lunch")
    services.set_status(actor=world.manager, thread=world.thread_b, status="closed")
    assert "Lunch box" not in _inbox(client, world)  # open only, by default
    assert "Lunch box" in _inbox(client, world, status="closed") and "Wellies" not in _inbox(
        client, world, status="closed"
    )
    assert "Lunch box" in _inbox(client, world, status="all")
    world.thread_a.topic = "learning"
    world.thread_a.save()
    assert "Wellies" in _inbox(client, world, topic="learning", status="all")
    assert "Lunch box" not in _inbox(client, world, topic="learning", status="all")
    # Not staff of this setting: refused.
    login(client, world.room_practitioner)
    assert client.get(reverse("comms:message_inbox", args=[world.setting.pk])).status_code == 404
    login(client, world.parent_a)
    assert client.get(reverse("comms:message_inbox", args=[world.setting.pk])).status_code == 404


def _many_threads(world: Any, n: int) -> None:
    for i in range(n):
        child = ChildFactory(setting=world.setting, key_person=world.key_person_a)
        thread = Thread.objects.create(
            setting=world.setting, child=child, subject=f"Question {i}", assigned_to=world.senco
        )
        ThreadParticipant.objects.create(thread=thread, adult=world.adult_a)
        ChildAdultFactory(child=child, adult=world.adult_a, parental_responsibility=True)
        Message.objects.create(thread=thread, author=world.parent_a, from_family=True, body="Hi")


def test_lists_cost_the_same_however_many_threads(
    world: Any, client: Client, django_assert_max_num_queries: Any
) -> None:
    _many_threads(world, 30)
    login(client, world.key_person_a)
    url = reverse("comms:message_inbox", args=[world.setting.pk])
    with django_assert_max_num_queries(15):
        response = client.get(url, {"unread": "on", "q": "question"})
    assert response.content.decode().count("thread-item--unread") == 25  # one page
    login(client, world.parent_a)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("comms:my_messages"))
    assert response.content.decode().count('<li class="thread-item') == 25
    thread = Thread.objects.filter(subject="Question 3").get()
    for _ in range(10):
        Message.objects.create(thread=thread, author=world.parent_a, from_family=True, body="More")
    with django_assert_max_num_queries(18):
        assert client.get(thread_url(thread)).status_code == 200


# --- attachments ----------------------------------------------------------------------------------


def test_attachments_are_cleaned_checked_and_served_privately(
    world: Any, client: Client, monkeypatch: Any, tmp_path: Path
) -> None:
    login(client, world.parent_a)
    url = reverse("comms:message_reply", args=[world.thread_a.pk])
    photo = SimpleUploadedFile("rash.jpeg", jpeg_with_gps(), content_type="image/jpeg")
    pdf = SimpleUploadedFile("letter from GP.pdf", b"%PDF-1.7\n% a tiny pdf\n%%EOF", content_type="application/pdf")
    response = client.post(url, {"body": "Photo and the letter", "attachments": [photo, pdf]})
    assert response.status_code == 302
    files = {a.name: a for a in MessageAttachment.objects.all()}
    assert set(files) == {"rash.jpg", "letter from GP.pdf"}
    stored = files["rash.jpg"]
    assert stored.content_type == "image/jpeg" and "rash" not in stored.file.name
    data = stored.file.read()
    assert b"PhoneMaker" not in data and dict(Image.open(io.BytesIO(data)).getexif()) == {}
    served = client.get(reverse("comms:message_file", args=[world.thread_a.pk, stored.pk]))
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert served["Cache-Control"] == "private, no-store" and served["X-Content-Type-Options"] == "nosniff"
    doc = client.get(reverse("comms:message_file", args=[world.thread_a.pk, files["letter from GP.pdf"].pk]))
    assert doc["Content-Type"] == "application/pdf" and doc["Content-Disposition"].startswith("attachment")
    # The file through another thread's address, or for another family: nothing.
    assert client.get(reverse("comms:message_file", args=[world.thread_b.pk, stored.pk])).status_code == 404
    for persona in ("parent_b_no_pr", "restricted_parent", "room_practitioner"):
        login(client, world[persona])
        assert client.get(reverse("comms:message_file", args=[world.thread_a.pk, stored.pk])).status_code == 404
    login(client, world.key_person_a)
    assert client.get(reverse("comms:message_file", args=[world.thread_a.pk, stored.pk])).status_code == 200
    # Refused with a message on the form, and nothing written: a disguised file, too many, too large.
    login(client, world.parent_a)
    before = Message.objects.count()
    fake = SimpleUploadedFile("form.pdf", b"<html><script>alert(1)</script>", content_type="application/pdf")
    body = client.post(url, {"body": "See attached", "attachments": [fake]}).content.decode()
    assert "form.pdf: This file is not a photo or a PDF we can accept." in body
    four = [SimpleUploadedFile(f"{i}.pdf", b"%PDF-1.4 x") for i in range(4)]
    assert "Attach at most 3 files" in client.post(url, {"body": "x", "attachments": four}).content.decode()
    monkeypatch.setattr("tandem.comms.services.messages.MAX_ATTACHMENT_BYTES", 10)
    big = SimpleUploadedFile("scan.pdf", b"%PDF-1.4 and a lot more than ten bytes")
    assert "scan.pdf is larger than" in client.post(url, {"body": "x", "attachments": [big]}).content.decode()
    assert Message.objects.count() == before and MessageAttachment.objects.count() == 2
    assert len([f for f in tmp_path.rglob("*") if f.is_file()]) == 2  # nothing left behind by a refusal


# --- a change at home -----------------------------------------------------------------------------


def test_tell_us_about_a_change_at_home(world: Any, client: Client, committed: Any) -> None:
    url = reverse("comms:change_at_home", args=[world.child_a.pk])
    login(client, world.parent_a)
    page = client.get(url).content.decode()
    assert "Tell us about a change at home" in page and "please tell us" in page and "A new baby" in page
    missing = client.post(url, {"what_changed": ""})
    text = missing.content.decode()
    assert missing.status_code == 400 and "Choose what has changed." in text and "Tell us what has changed." in text
    start = timezone.localdate() - dt.timedelta(days=3)
    with committed():
        response = client.post(
            url,
            {
                "change_kind": "baby",
                "change_from": start.isoformat(),
                "what_changed": "Amelia's baby brother was born on Sunday.",
                "how_we_can_help": "She may be tired; a quiet corner would help.",
            },
        )
    thread = Thread.objects.get(topic=Thread.Topic.CHANGE_AT_HOME)
    assert response.status_code == 302 and response["Location"] == thread_url(thread)
    assert (
        thread.change_kind == "baby"
        and thread.change_from == start
        and thread.subject == "A change at home: A new baby"
    )
    assert thread.assigned_to == world.key_person_a  # it goes to the key person
    body = thread.messages.get().body
    assert "baby brother" in body and "quiet corner" in body
    assert set(told()) == {world.key_person_a.pk}
    # Families only: not staff, not the restricted parent, not another family.
    for persona in ("key_person_a", "manager", "restricted_parent", "parent_b_no_pr"):
        login(client, world[persona])
        assert client.get(url).status_code == 404, persona


# --- the menu and the links -----------------------------------------------------------------------


def test_menu_and_child_links(world: Any, django_assert_num_queries: Any) -> None:
    inbox = reverse("comms:message_inbox", args=[world.setting.pk])
    for persona, expected in [
        ("manager", inbox),
        ("administrator", inbox),
        ("key_person_a", inbox),
        ("parent_a", reverse("comms:my_messages")),
        ("parent_b_no_pr", reverse("comms:my_messages")),
        ("room_practitioner", None),
        ("volunteer", None),
        ("restricted_parent", None),
        ("nobody", None),
    ]:
        user = world[persona]
        forget(user)
        shown = can(user, MESSAGES)
        assert shown is (expected is not None), persona
        if shown:
            with django_assert_num_queries(0):
                assert messages_url(user) == expected, persona
        entries = {e["label"]: e["url"] for e in navigation.visible(user, navigation.ENTRIES)}
        assert entries.get("Messages") == expected, persona
    links = links_for_children(world.parent_a, [world.child_a])[world.child_a.pk]
    assert {"Messages", "Tell us about a change at home"} <= {link["label"] for link in links}
    staff_links = {link["label"] for link in links_for_children(world.key_person_a, [world.child_a])[world.child_a.pk]}
    assert "Messages" in staff_links and "Tell us about a change at home" not in staff_links
    assert not {"Messages"} & {
        link["label"] for link in links_for_children(world.room_practitioner, [world.child_a])[world.child_a.pk]
    }


def test_staff_only_are_sent_from_my_messages_to_their_inbox(world: Any, client: Client) -> None:
    login(client, world.manager)
    response = client.get(reverse("comms:my_messages"))
    assert response.status_code == 302 and response["Location"] == reverse(
        "comms:message_inbox", args=[world.setting.pk]
    )
