"""Benchmark: a newsletter to every family of a setting with 10,000 parent accounts (R28).

Run:  .venv/bin/python bench/fanout.py            (or: bench/fanout.py 2000 for a quicker run)

It builds its own SQLite database in a temporary folder (or uses DATABASE_URL), so it never touches
the demo, with the database task backend, as in production. The families are made with
bulk_create. Three things are timed apart:

1. the manager's "Publish now" request: it must only enqueue work (one task, no recipient rows)
   and cost the same number of queries whatever the number of families;
2. the delivery task, run by the real database worker: recipients fixed in the database,
   written in batches with each one's language, in-app notifications written in bulk;
3. the email tasks it leaves behind (batches of 100 emails, to Django's in-memory outbox).

Targets (2-core reference machine): the publish request under 150 ms; the delivery task under
20 s for 10,000 recipients. Exit 1 if slower or if the request did more than enqueue.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings")
os.environ.setdefault("TANDEM_SQLITE_PATH", str(Path(tempfile.mkdtemp()) / "bench.sqlite3"))
os.environ.setdefault("TANDEM_MEDIA_ROOT", tempfile.mkdtemp())
os.environ["TANDEM_TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"

import django

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core import mail  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from tandem.comms.models import Notification, Post, PostRecipient, Translation  # noqa: E402
from tandem.comms.selectors.translations import fields_hash, original_fields  # noqa: E402
from tandem.comms.services.news import create_post  # noqa: E402
from tandem.core.models import Organisation, Room, Setting, SettingMembership, User  # noqa: E402
from tandem.core.roles import SettingRole  # noqa: E402
from tandem.people.models import Adult, Child, ChildAdult  # noqa: E402

FAMILIES = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
REQUEST_TARGET_MS = 150
DELIVERY_TARGET_S = 20.0
BATCH = 2000


def build_setting() -> tuple[Setting, list[Room], User]:
    organisation = Organisation.objects.create(name="Bench provider")
    setting = Setting.objects.create(organisation=organisation, name="Bench setting")
    rooms = [Room.objects.create(setting=setting, name=f"Room {n}") for n in range(4)]
    manager = User.objects.create_user("bench-manager@bench.invalid", "bench-password-1")
    SettingMembership.objects.create(user=manager, setting=setting, role=SettingRole.MANAGER)
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(manager, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")  # staff pass the two-step gate
    return setting, rooms, manager


def add_families(setting: Setting, rooms: list[Room], count: int, start: int = 0) -> None:
    """``count`` children, each with one parent who signs in (a tenth prefer Polish)."""
    password = make_password(None)  # unusable: nobody signs in as them
    for first in range(start, start + count, BATCH):
        numbers = range(first, min(start + count, first + BATCH))
        users = User.objects.bulk_create(
            User(email=f"bench-parent-{n}@bench.invalid", password=password, first_name="Parent", last_name=f"{n}")
            for n in numbers
        )
        children = Child.objects.bulk_create(
            Child(
                setting=setting,
                room=rooms[n % len(rooms)],
                first_name="Child",
                last_name=f"{n}",
                date_of_birth=dt.date(2023, 1, 1),
            )
            for n in numbers
        )
        adults = Adult.objects.bulk_create(
            Adult(
                setting=setting,
                user=user,
                first_name="Parent",
                last_name=user.last_name,
                email=user.email,
                preferred_language="Polish" if int(user.last_name) % 10 == 0 else "",
            )
            for user in users
        )
        ChildAdult.objects.bulk_create(
            ChildAdult(child=child, adult=adult, relationship="birth_parent", parental_responsibility=True)
            for child, adult in zip(children, adults, strict=True)
        )


def publish(client: Client, post: Post) -> tuple[float, int]:
    url = reverse("comms:news_publish", args=[post.pk])
    with CaptureQueriesContext(connection) as queries:
        begin = time.perf_counter()
        response = client.post(url)
        ms = (time.perf_counter() - begin) * 1000
    assert response.status_code == 302, response.status_code
    return ms, len(queries)


def draft(manager: User, setting: Setting, title: str) -> Post:
    """A newsletter with a translation into Polish, so delivery makes two language groups."""
    body = "## Welcome back\n\nThis term our topic is **Growing**.\n\n- Stay and play: Wednesdays\n- Label coats"
    post = create_post(actor=manager, setting=setting, data={"kind": "newsletter", "title": title, "body": body})
    Translation.objects.create(
        content_type=ContentType.objects.get_for_model(Post),
        object_id=post.pk,
        language="pl",
        fields={"title": f"{title} (po polsku)", "body": "## Witamy ponownie\n\nW tym semestrze: **Rośniemy**."},
        source=Translation.Source.HUMAN,
        original_hash=fields_hash(original_fields(post)),
    )
    return post


def run_worker(max_tasks: int | None = None) -> float:
    begin = time.perf_counter()
    call_command("db_worker", batch=True, startup_delay=False, max_tasks=max_tasks, verbosity=0, interval=0.1)
    return time.perf_counter() - begin


def main() -> None:
    for name in ("tandem.audit", "django_tasks", "django_tasks_db"):
        logging.getLogger(name).setLevel(logging.WARNING)
    setup_test_environment()  # email to the in-memory outbox
    connection.settings_dict["CONN_MAX_AGE"] = None
    call_command("migrate", verbosity=0)
    setting, rooms, manager = build_setting()
    client = Client()
    client.force_login(manager)

    # the same request with 10 families, to compare query counts
    add_families(setting, rooms, 10)
    small = draft(manager, setting, "Warm-up")
    client.get(reverse("comms:news_manage", args=[small.pk]))
    _, small_queries = publish(client, small)
    DBTaskResult.objects.all().delete()
    Post.objects.filter(pk=small.pk).update(withdrawn_at=small.created_at)

    begin = time.perf_counter()
    add_families(setting, rooms, FAMILIES - 10, start=10)
    built = time.perf_counter() - begin
    print(
        f"Newsletter fan-out, {connection.vendor}: {FAMILIES:,} parent accounts in one setting (built in {built:.1f} s)"
    )

    post = draft(manager, setting, "Spring term newsletter")
    request_ms, request_queries = publish(client, post)
    queued = DBTaskResult.objects.count()
    recipients_in_request = PostRecipient.objects.filter(post=post).count()
    print(
        f"  publish request: {request_ms:.1f} ms, {request_queries} queries "
        f"(with 10 families: {small_queries}); tasks queued: {queued}; recipients written: {recipients_in_request}"
    )

    delivery_s = run_worker(max_tasks=1)
    post.refresh_from_db()
    notifications = Notification.objects.filter(kind="comms.news").count()
    polish = PostRecipient.objects.filter(post=post, language="pl").count()
    email_tasks = DBTaskResult.objects.filter(status="READY").count()
    print(
        f"  delivery task: {delivery_s:.2f} s for {post.recipients_count:,} recipients ({polish:,} in Polish), "
        f"{notifications:,} in-app notifications; email tasks queued: {email_tasks}"
    )

    email_s = run_worker()
    print(f"  email tasks: {email_s:.2f} s for {len(mail.outbox):,} emails ({len(mail.outbox) / email_s:.0f} a second)")

    failed = (
        request_ms >= REQUEST_TARGET_MS
        or request_queries != small_queries
        or queued != 1
        or recipients_in_request != 0
        or post.recipients_count != FAMILIES
        or delivery_s >= DELIVERY_TARGET_S * FAMILIES / 10_000
        or DBTaskResult.objects.filter(status="FAILED").exists()
    )
    print(
        f"  targets: request < {REQUEST_TARGET_MS} ms and only enqueues; "
        f"delivery < {DELIVERY_TARGET_S * FAMILIES / 10_000:.0f} s"
    )
    print("FAIL" if failed else "OK")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
