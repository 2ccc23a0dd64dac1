"""Benchmark: the parent's journal feed at 10, 1,000 and 10,000 observations, and the processing of
a 12-megapixel phone photo in the task queue.

Run:  .venv/bin/python bench/journal.py

It builds its own SQLite database in a temporary folder (or uses DATABASE_URL), so it never touches
the demo. Targets (on the 2-core reference machine): the feed's first page and a page deep in the
history under 150 ms median with the same number of queries at every size (keyset pagination);
a 12-megapixel photo cleaned, resized and thumbnailed in under 2 s.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings")
os.environ.setdefault("TANDEM_SQLITE_PATH", str(Path(tempfile.mkdtemp()) / "bench.sqlite3"))
os.environ.setdefault("TANDEM_MEDIA_ROOT", tempfile.mkdtemp())

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from PIL import Image  # noqa: E402

from tandem.core.models import Organisation, Room, Setting, User  # noqa: E402
from tandem.journal.models import Media, Observation, ObservationChild  # noqa: E402
from tandem.journal.tasks_media import process_media  # noqa: E402
from tandem.people.models import Adult, Child, ChildAdult  # noqa: E402

TARGET_MS = 150
PHOTO_TARGET_S = 2.0
SIZES = (10, 1_000, 10_000)


def family(setting: Setting, room: Room, n: int) -> tuple[User, Child]:
    parent = User.objects.create_user(f"bench-parent-{n}@bench.invalid", "bench-password-1")
    child = Child.objects.create(
        setting=setting, room=room, first_name="Bench", last_name=f"Child{n}", date_of_birth=dt.date(2023, 5, 1)
    )
    adult = Adult.objects.create(setting=setting, first_name="Bench", last_name=f"Parent{n}", user=parent)
    ChildAdult.objects.create(child=child, adult=adult, relationship="birth_parent", parental_responsibility=True)
    return parent, child


def observations(setting: Setting, child: Child, count: int) -> None:
    start = timezone.now() - dt.timedelta(days=count)
    for first in range(0, count, 2000):
        batch = Observation.objects.bulk_create(
            Observation(
                setting=setting,
                text=f"Observation {i}: built a tall tower and counted the blocks.",
                status=Observation.Status.PUBLISHED,
                published_at=start + dt.timedelta(hours=i),
            )
            for i in range(first, min(count, first + 2000))
        )
        ObservationChild.objects.bulk_create(
            ObservationChild(observation=o, child=child, shared_at=o.published_at) for o in batch
        )


def measure(client: Client, url: str, runs: int = 15) -> tuple[float, int]:
    client.get(url)  # warm
    queries: list[str] = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    times = []
    for _ in range(runs):
        begin = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - begin) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times), len(queries)


def deep_url(child: Child) -> str:
    """The feed page that starts at the middle of the history (a keyset cursor, not an offset)."""
    from tandem.journal.selectors.observations import family_cursor

    links = ObservationChild.objects.filter(child=child).order_by("-shared_at", "-observation_id")
    middle = links[links.count() // 2]
    assert middle.shared_at is not None
    cursor = family_cursor(middle.shared_at, middle.observation_id)
    return reverse("journal:child_journal", args=[child.pk]) + f"?before={cursor}"


def photo_seconds(setting: Setting) -> float:
    image = Image.effect_noise((4000, 3000), 64).convert("RGB")  # 12 megapixels, hard to compress
    raw = io.BytesIO()
    image.save(raw, format="JPEG", quality=92)
    print(f"12-megapixel photo: {len(raw.getvalue()) / 1e6:.1f} MB")
    times = []
    for _ in range(3):
        media = Media.objects.create(setting=setting, kind=Media.Kind.PHOTO)
        media.original.save("upload.img", io.BytesIO(raw.getvalue()), save=True)
        begin = time.perf_counter()
        assert process_media.call(media.pk)
        times.append(time.perf_counter() - begin)
    return statistics.median(times)


def main() -> None:
    setup_test_environment()
    connection.settings_dict["CONN_MAX_AGE"] = None
    call_command("migrate", verbosity=0)
    organisation = Organisation.objects.create(name="Bench provider")
    setting = Setting.objects.create(organisation=organisation, name="Bench setting")
    room = Room.objects.create(setting=setting, name="Room")
    print(f"Journal feed, {connection.vendor}")
    print(f"{'observations':>12} {'page':>6} {'median ms':>10} {'queries':>8}  verdict")
    failed = False
    for n in SIZES:
        parent, child = family(setting, room, n)
        observations(setting, child, n)
        client = Client()
        client.force_login(parent)
        for label, url in (("first", reverse("journal:child_journal", args=[child.pk])), ("deep", deep_url(child))):
            ms, count = measure(client, url)
            ok = ms < TARGET_MS
            failed |= not ok
            print(f"{n:12d} {label:>6} {ms:10.1f} {count:8d}  {'ok' if ok else 'SLOW'}")
    seconds = photo_seconds(setting)
    ok = seconds < PHOTO_TARGET_S
    failed |= not ok
    print(f"12-megapixel photo cleaned, resized and thumbnailed: {seconds:.2f} s median  {'ok' if ok else 'SLOW'}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
