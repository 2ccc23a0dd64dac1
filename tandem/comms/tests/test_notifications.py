"""Notifications: the centre, the email choices, instant email after commit, the daily digest,
and a real SMTP server."""

from __future__ import annotations

import datetime as dt
import email
import socket
from collections.abc import Iterator
from email.policy import default as email_policy
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem.comms import tasks_notifications
from tandem.comms.models import Notification, NotificationPreference, PendingDigest
from tandem.comms.selectors.notifications import safe_path, unread_count
from tandem.comms.services import notifications as service
from tandem.comms.services.notifications import KINDS, Kind, next_digest_time, notify, set_preferences
from tandem.core.models import AuditEvent, User

Delivery = NotificationPreference.Delivery
PARENTS, STAFF, EVERYONE, SAFETY = "test.parents", "test.staff", "test.everyone", "test.safety"


@pytest.fixture(autouse=True)
def kinds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Kinds of our own, for the length of each test."""
    for kind in (
        Kind(PARENTS, "Test news for parents", audience="parents"),
        Kind(STAFF, "Test rota changes for staff", default=Delivery.DIGEST, audience="staff"),
        Kind(EVERYONE, "Test messages", audience="everyone"),
        Kind(SAFETY, "Test child not collected", mandatory=True, audience="staff"),
    ):
        monkeypatch.setitem(KINDS, kind.code, kind)


def choose(user: Any, kind: str, delivery: str) -> None:
    NotificationPreference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})


def sent_to(user: Any) -> list[Any]:
    return [m for m in mail.outbox if user.email in m.to]


# --- the centre ----------------------------------------------------------------------------------


def test_centre_shows_only_ones_own_newest_first_and_marks_unread_in_words(world: Any, as_user: Any) -> None:
    notify(kind=EVERYONE, user_ids=[world.parent_a.pk], title="Older about painting", url="/")
    later = notify(kind=EVERYONE, user_ids=[world.parent_a.pk], title="Newer about lunch", url="/")[0]
    Notification.objects.filter(pk=later).update(created_at=timezone.now() + dt.timedelta(minutes=1))
    notify(kind=EVERYONE, user_ids=[world.parent_b_no_pr.pk], title="Someone else's secret", url="/")
    page = as_user(world.parent_a).get(reverse("comms:notifications")).content.decode()
    assert page.index("Newer about lunch") < page.index("Older about painting")
    assert "Someone else&#x27;s secret" not in page and "Someone else's secret" not in page
    assert page.count("(unread)") == 2 and page.count(">New<") == 2  # in words, not colour alone
    assert "Mark all as read" in page and "Test messages" in page  # the kind's label
    assert unread_count(world.parent_a) == 2

    response = as_user(world.parent_a).post(reverse("comms:notifications"))
    assert response.status_code == 302
    assert unread_count(world.parent_a) == 0 and unread_count(world.parent_b_no_pr) == 1
    page = as_user(world.parent_a).get(reverse("comms:notifications")).content.decode()
    assert "(unread)" not in page and "Mark all as read" not in page


def test_centre_paginates_and_its_queries_do_not_grow(
    world: Any, as_user: Any, django_assert_max_num_queries: Any
) -> None:
    client = as_user(world.parent_a)
    url = reverse("comms:notifications")
    notify(kind=EVERYONE, user_ids=[world.parent_a.pk], title="First", url="/")
    client.get(url)  # warm the session
    with CaptureQueriesContext(transaction.get_connection()) as few:
        assert client.get(url).status_code == 200
    for n in range(40):
        notify(kind=EVERYONE, user_ids=[world.parent_a.pk], title=f"Item {n}", url="/")
    with django_assert_max_num_queries(len(few)):
        page = client.get(url).content.decode()
    assert "Page 1 of 2" in page and page.count("(unread)") == 25
    assert "Page 2 of 2" in client.get(url + "?page=2").content.decode()


def test_unread_count_is_one_query(world: Any, django_assert_num_queries: Any) -> None:
    notify(kind=EVERYONE, user_ids=[world.parent_a.pk, world.manager.pk], title="Hello", url="/")
    with django_assert_num_queries(1):
        assert unread_count(world.parent_a) == 1


def test_opening_marks_read_and_goes_to_the_page_inside_tandem_only(world: Any, as_user: Any) -> None:
    mine = notify(kind=EVERYONE, user_ids=[world.parent_a.pk], title="See the menu", url="/children/")[0]
    theirs = notify(kind=EVERYONE, user_ids=[world.parent_b_no_pr.pk], title="Theirs", url="/")[0]
    client = as_user(world.parent_a)
    response = client.get(reverse("comms:notification_open", args=[mine]))
    assert response.status_code == 302 and response["Location"] == "/children/"
    assert Notification.objects.get(pk=mine).read_at is not None
    assert client.get(reverse("comms:notification_open", args=[theirs])).status_code == 404
    assert Notification.objects.get(pk=theirs).read_at is None
    assert client.get(reverse("comms:notification_open", args=[999999])).status_code == 404
    # a url that is not a path inside Tandem is never followed (and notify refuses one)
    Notification.objects.filter(pk=mine).update(url="//evil.example/")
    response = client.get(reverse("comms:notification_open", args=[mine]))
    assert response["Location"] == reverse("comms:notifications")
    assert safe_path("/\\evil.example") == "" and safe_path("https://evil.example/") == ""
    assert safe_path("/journal/?a=1") == "/journal/?a=1"
    for bad in ("https://evil.example/", "//evil.example/"):
        with pytest.raises(ValueError):
            notify(kind=EVERYONE, user_ids=[world.parent_a.pk], title="x", url=bad)


# --- the email choices ---------------------------------------------------------------------------


def test_preferences_show_each_person_their_kinds_and_save_choices(world: Any, as_user: Any) -> None:
    url = reverse("comms:notification_preferences")
    parent_page = as_user(world.parent_a).get(url).content.decode()
    assert "Test news for parents" in parent_page and "Test messages" in parent_page
    assert "Test rota changes for staff" not in parent_page and "Test child not collected" not in parent_page

    staff_page = as_user(world.manager).get(url).content.decode()
    assert "Test rota changes for staff" in staff_page and "Test news for parents" not in staff_page
    # mandatory: listed as always emailed, with no radio buttons to change it
    assert "Always emailed straight away" in staff_page and "Test child not collected" in staff_page
    assert 'name="kind-test-safety"' not in staff_page
    assert 'type="radio" name="kind-test-staff" value="digest"' in staff_page
    radio = staff_page.split('name="kind-test-staff" value="digest"')[1].split(">")[0]
    assert "checked" in radio  # the kind's default

    response = as_user(world.manager).post(url, {"kind-test-staff": "off", "kind-test-everyone": "instant"})
    assert response.status_code == 302
    assert service.deliveries([world.manager.pk], STAFF) == {world.manager.pk: "off"}
    # only what changed is written
    assert list(NotificationPreference.objects.filter(user=world.manager).values_list("kind", flat=True)) == [STAFF]
    assert as_user(world.manager).post(url, {"kind-test-staff": "loud"}).status_code == 400


def test_set_preferences_refuses_turning_off_a_safety_kind(world: Any, committed: Any) -> None:
    with pytest.raises(ValidationError):
        set_preferences(actor=world.manager, choices={SAFETY: Delivery.OFF})
    with pytest.raises(ValidationError):
        set_preferences(actor=world.manager, choices={"no.such.kind": Delivery.OFF})
    with committed():
        set_preferences(actor=world.manager, choices={STAFF: Delivery.INSTANT})
    assert AuditEvent.objects.filter(event="comms.notification_preferences.changed").count() == 1


def test_preferences_say_which_language_tandem_writes_in(world: Any, as_user: Any) -> None:
    url = reverse("comms:notification_preferences")
    world.adult_a.preferred_language = "polski"
    world.adult_a.save()
    page = as_user(world.parent_a).get(url).content.decode()
    assert "Tandem writes to you in <strong>Polish (polski)</strong> where a translation exists" in page
    assert reverse("enrolment:change_own", args=[world.child_a.pk]) in page
    # the restricted parent may not send change requests about the child: told to ask the office
    page = as_user(world.restricted_parent).get(url).content.decode()
    assert "<strong>English</strong>" in page and "/changes/" not in page and "ask the setting" in page
    assert "You have none here, so Tandem writes to you in English" in as_user(world.manager).get(url).content.decode()


# --- notify and email ----------------------------------------------------------------------------


def test_instant_email_goes_after_commit_only(
    world: Any, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                notify(kind=EVERYONE, user_ids=[world.parent_a.pk], title="Rolled back", url="/")
                raise RuntimeError
        except RuntimeError:
            pass
    assert mail.outbox == [] and not Notification.objects.filter(title="Rolled back").exists()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(kind=EVERYONE, user_ids=[world.parent_a.pk], title="Kept", body="Line one\nline two", url="/x/")
        assert mail.outbox == []  # not before commit
    for callback in callbacks:
        callback()
    [message] = mail.outbox
    assert message.subject == "Kept" and message.to == [world.parent_a.email]
    assert "Line one\nline two" in message.body and settings.TANDEM_SITE_URL + "/x/" in message.body
    assert settings.TANDEM_SITE_URL + reverse("comms:notification_preferences") in message.body
    assert Notification.objects.get(title="Kept").emailed_at is not None


def test_off_mandatory_inactive_and_no_email(world: Any, committed: Any) -> None:
    choose(world.parent_a, EVERYONE, Delivery.OFF)
    choose(world.manager, SAFETY, Delivery.OFF)  # cannot be chosen through the service; ignored anyway
    inactive = User.objects.create(email="gone@family.example.org", is_active=False)
    no_email = User.objects.create(email="")
    with committed():
        notify(kind=EVERYONE, user_ids=[world.parent_a.pk, inactive.pk, no_email.pk], title="Quiet", url="/")
        notify(kind=SAFETY, user_ids=[world.manager.pk], title="Not collected", url="/")
    assert [m.subject for m in mail.outbox] == ["Not collected"]
    assert Notification.objects.filter(title="Quiet").count() == 3  # all three still see it in Tandem
    assert Notification.objects.filter(title="Quiet", emailed_at__isnull=False).count() == 0


def test_email_is_in_batches_of_a_hundred(world: Any, committed: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    users = User.objects.bulk_create([User(email=f"p{n}@family.example.org") for n in range(250)])
    batches: list[list[int]] = []

    class Recorder:
        def enqueue(self, ids: list[int]) -> None:
            batches.append(ids)

    monkeypatch.setattr(tasks_notifications, "email_notifications", Recorder())
    with committed():
        made = notify(kind=EVERYONE, user_ids=[u.pk for u in users], title="Big news", url="/")
    assert [len(b) for b in batches] == [100, 100, 50]
    assert sorted(pk for b in batches for pk in b) == sorted(made)


def test_email_speaks_the_readers_language(world: Any, committed: Any) -> None:
    world.adult_a.preferred_language = "Urdu"
    world.adult_a.save()
    with committed():
        notify(kind=EVERYONE, user_ids=[world.parent_a.pk, world.manager.pk], title="Hello", url="/")
    assert sent_to(world.parent_a)[0].extra_headers["Content-Language"] == "ur"
    assert sent_to(world.manager)[0].extra_headers["Content-Language"] == "en"


def test_digest_collects_into_one_email_at_the_digest_time(
    world: Any, committed: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    scheduled: list[Any] = []
    monkeypatch.setattr("tandem.core.scheduling.enqueue_at", lambda task, when, *args: scheduled.append((when, args)))
    choose(world.parent_a, EVERYONE, Delivery.DIGEST)
    with committed():
        notify(kind=EVERYONE, user_ids=[world.parent_a.pk], title="Morning news", url="/a/")
        notify(kind=EVERYONE, user_ids=[world.parent_a.pk], title="Afternoon news", url="/b/")
        notify(kind=STAFF, user_ids=[world.manager.pk], title="Rota", url="/")  # digest by default
    assert mail.outbox == []
    pending = PendingDigest.objects.get(user=world.parent_a)
    assert pending.due_at == next_digest_time()
    assert len(scheduled) == 2 and {when for when, _ in scheduled} == {pending.due_at}  # one per notify, not per read

    # before its time: nothing (a backend that cannot defer may run it early)
    assert tasks_notifications.send_digest.call(world.parent_a.pk) == 0
    assert tasks_notifications.send_due_digests.call() == 0
    assert mail.outbox == []

    Notification.objects.filter(title="Afternoon news").update(read_at=timezone.now())  # read in the app already
    PendingDigest.objects.update(due_at=timezone.now() - dt.timedelta(minutes=1))
    assert tasks_notifications.send_due_digests.call() == 2
    [digest] = sent_to(world.parent_a)
    assert digest.subject == "Tandem: 1 update today" and "Morning news" in digest.body
    assert "Afternoon news" not in digest.body
    assert reverse("comms:notification_preferences") in digest.body and "/a/" in digest.body
    assert digest.extra_headers["Content-Language"] == "en"
    assert len(sent_to(world.manager)) == 1
    assert not PendingDigest.objects.exists() and not Notification.objects.filter(in_digest=True).exists()
    assert tasks_notifications.send_digest.call(world.parent_a.pk) == 0  # nothing twice


def test_next_digest_time(settings: Any) -> None:
    settings.TANDEM_DIGEST_HOUR = 17
    morning = timezone.make_aware(dt.datetime(2026, 3, 2, 9, 0))
    evening = timezone.make_aware(dt.datetime(2026, 3, 2, 17, 0))
    assert next_digest_time(morning) == timezone.make_aware(dt.datetime(2026, 3, 2, 17, 0))
    assert next_digest_time(evening) == timezone.make_aware(dt.datetime(2026, 3, 3, 17, 0))


def test_a_digest_that_cannot_be_sent_waits_for_the_next_try(world: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    choose(world.parent_a, EVERYONE, Delivery.DIGEST)
    notify(kind=EVERYONE, user_ids=[world.parent_a.pk], title="Kept for later", url="/")
    PendingDigest.objects.update(due_at=timezone.now() - dt.timedelta(minutes=1))

    def refuse(*args: Any, **kwargs: Any) -> int:
        raise OSError("connection refused")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    assert tasks_notifications.send_digest.call(world.parent_a.pk) == 0
    assert Notification.objects.get(title="Kept for later").in_digest
    assert PendingDigest.objects.get(user=world.parent_a).due_at > timezone.now()


# --- a real SMTP server --------------------------------------------------------------------------


class Inbox:
    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[Inbox]:
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield inbox
    finally:
        controller.stop()


def test_notify_sends_through_a_real_smtp_server(world: Any, committed: Any, smtp_server: Inbox) -> None:
    world.adult_a.preferred_language = "Polish"
    world.adult_a.save()
    with committed():
        notify(
            kind=EVERYONE,
            user_ids=[world.parent_a.pk],
            title="Zajęcia w piątek",
            body="Proszę przynieść kalosze.",
            url="/notifications/",
        )
    [envelope] = smtp_server.envelopes
    assert envelope.rcpt_tos == [world.parent_a.email]
    message = email.message_from_bytes(envelope.content, policy=email_policy)
    assert message["To"] == world.parent_a.email and message["Subject"] == "Zajęcia w piątek"
    assert message["Content-Language"] == "pl"
    body = message.get_content()
    assert "Proszę przynieść kalosze." in body and reverse("comms:notification_preferences") in body
    assert Notification.objects.get(recipient=world.parent_a).emailed_at is not None
