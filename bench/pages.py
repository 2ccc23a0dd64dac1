"""Benchmark: how fast the busiest pages answer, and that their query counts stay flat.

Run:  .venv/bin/python bench/pages.py [children]   (default 3000 children across 10 settings)

It builds its own SQLite database in a temporary folder (or uses DATABASE_URL), so it never touches
the demo. Targets (on the 2-core reference machine): each page under 150 ms median, and the same
number of queries at 300 and at 3000 children.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings")
os.environ.setdefault("TANDEM_SQLITE_PATH", str(Path(tempfile.mkdtemp()) / "bench.sqlite3"))

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from tandem.core.models import Organisation, Room, Setting, SettingMembership, User  # noqa: E402
from tandem.people.models import Adult, Child, ChildAdult  # noqa: E402

TARGET_MS = 150


def build(total: int) -> tuple[User, User, Child]:
    org = Organisation.objects.create(name="Bench provider")
    manager = User.objects.create_user("bench-manager@bench.invalid", "bench-password-1")
    parent = User.objects.create_user("bench-parent@bench.invalid", "bench-password-1")
    per_setting = max(1, total // 10)
    first_child = None
    for s in range(10):
        setting = Setting.objects.create(organisation=org, name=f"Bench setting {s}")
        room = Room.objects.create(setting=setting, name="Room")
        SettingMembership.objects.create(user=manager, setting=setting, role="manager")
        children = Child.objects.bulk_create(
            Child(
                setting=setting,
                room=room,
                first_name=f"Child{i}",
                last_name=f"Family{s}-{i}",
                date_of_birth=dt.date(2023, 1, 1) + dt.timedelta(days=i % 700),
                key_person=manager,
            )
            for i in range(per_setting)
        )
        adults = Adult.objects.bulk_create(
            Adult(setting=setting, first_name="Parent", last_name=f"Family{s}-{i}") for i in range(per_setting)
        )
        ChildAdult.objects.bulk_create(
            ChildAdult(
                child=c,
                adult=a,
                relationship="birth_parent",
                parental_responsibility=True,
                emergency_contact=True,
                emergency_priority=1,
            )
            for c, a in zip(children, adults, strict=True)
        )
        first_child = first_child or children[0]
    assert first_child is not None
    mine = Adult.objects.create(setting=first_child.setting, first_name="Bench", last_name="Parent", user=parent)
    ChildAdult.objects.create(child=first_child, adult=mine, relationship="birth_parent", parental_responsibility=True)
    return manager, parent, first_child


def measure(client: Client, url: str, runs: int = 15) -> tuple[float, int]:
    client.get(url)  # warm
    times = []
    queries: list[str] = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times), len(queries)


def main() -> None:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    setup_test_environment()
    # Keep one connection across requests, so the query log survives between them.
    connection.settings_dict["CONN_MAX_AGE"] = None
    call_command("migrate", verbosity=0)
    manager, parent, child = build(total)
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(manager, "JBSWY3DPEHPK3PXP")
    staff, family = Client(), Client()
    staff.force_login(manager)
    family.force_login(parent)
    pages = [
        ("manager: children list", staff, "/children/"),
        ("manager: children search", staff, "/children/?q=Family3"),
        ("manager: children page 20", staff, "/children/?page=20"),
        ("manager: families list", staff, "/families/"),
        ("manager: child record", staff, f"/children/{child.pk}/"),
        ("parent: home", family, "/"),
        ("parent: child record", family, f"/children/{child.pk}/"),
    ]
    print(f"{total} children in 10 settings, {connection.vendor}")
    print(f"{'page':32} {'median ms':>10} {'queries':>8}  verdict")
    failed = False
    for name, client, url in pages:
        ms, count = measure(client, url)
        ok = ms < TARGET_MS
        failed |= not ok
        print(f"{name:32} {ms:10.1f} {count:8d}  {'ok' if ok else 'SLOW'}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
